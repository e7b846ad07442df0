#pragma once
// Exact mesh Booleans and the repair that makes them safe (CGAL Polygon Mesh
// Processing, exact constructions kernel). CGAL stays behind this header: callers see
// core Meshes only. Every input is repaired before corefinement (welded, degenerate and
// duplicate faces dropped, holes closed, self-intersections resolved, oriented to bound
// a volume); a Boolean that still cannot be made, or whose result would be empty, is an
// Error naming the input and the fix, never an empty part.
#include <memory>
#include <string>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"

namespace tantalus::machining {

// What repairing one input changed (all zero / false: it was a clean closed volume).
struct RepairReport {
  std::size_t mergedVertices = 0;     // coincident vertices welded (STL soup)
  std::size_t droppedFaces = 0;       // degenerate or duplicate faces
  std::size_t filledHoles = 0;        // boundary cycles closed by triangulation
  std::size_t droppedComponents = 0;  // pieces that enclose no volume (flaps, slivers)
  bool resolvedSelfIntersections = false;  // autorefined: overlapping parts merged
  bool reoriented = false;            // faces flipped to point outwards
  bool changed() const;
  std::string summary() const;        // one sentence, "clean" when nothing changed
};

// A closed, outward-oriented, self-intersection-free copy of `mesh`. `name` (a file, or
// what the mesh is) goes into errors.
Mesh repairToVolume(const Mesh& mesh, const std::string& name, RepairReport* report = nullptr,
                    const Progress& progress = Progress::none());

enum class BooleanOp { Union, Intersection, Difference };  // Difference: a minus b

struct BooleanResult {
  Mesh mesh;
  RepairReport repairA, repairB;
};

// The exact Boolean of the volumes bounded by `a` and `b`. Progress and cancel come from
// CGAL's corefinement visitor (within 0.5 s). Throws Error when an input cannot be made a
// volume or the result is empty (a difference that removes everything, an intersection of
// disjoint volumes).
BooleanResult meshBoolean(const Mesh& a, const std::string& nameA, BooleanOp op, const Mesh& b,
                          const std::string& nameB, const Progress& progress = Progress::none());

// A solid kept in exact arithmetic across several Booleans, so a chain of cuts is
// repaired once per input and rounded to float once, at the end (rounding between steps
// can make near-coincident faces cross).
class ExactSolid {
public:
  ExactSolid(const Mesh& mesh, const std::string& name, const Progress& progress = Progress::none());
  ExactSolid(const ExactSolid&);
  ExactSolid(ExactSolid&&) noexcept;
  ExactSolid& operator=(ExactSolid&&) noexcept;
  ~ExactSolid();

  // this = this (op) other; `other` is left untouched. Throws Error on an empty result.
  void apply(BooleanOp op, const ExactSolid& other, const Progress& progress = Progress::none());
  void apply(BooleanOp op, const Mesh& other, const std::string& otherName, const Progress& progress = Progress::none());
  Mesh mesh() const;  // rounded to float
  const std::string& name() const { return name_; }
  const RepairReport& repair() const { return repair_; }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string name_;
  RepairReport repair_;
};

}  // namespace tantalus::machining
