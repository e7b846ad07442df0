#pragma once
// Exact mesh Booleans and the repair that makes them safe (CGAL Polygon Mesh
// Processing, exact constructions kernel). CGAL stays behind this header: callers see
// core Meshes only. Every input is repaired before corefinement (welded, degenerate and
// duplicate faces dropped, holes closed, self-intersections resolved, oriented to bound
// a volume); a Boolean that still cannot be made, or whose result would be empty, is an
// Error naming the input and the fix, never an empty part.
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

// Volume of `a` lying outside `b` (mm³, exact Boolean; 0 when a ⊂ b): the check that the
// machined body lies inside the print body.
double volumeOutside(const Mesh& a, const std::string& nameA, const Mesh& b, const std::string& nameB,
                     const Progress& progress = Progress::none());

}  // namespace tantalus::machining
