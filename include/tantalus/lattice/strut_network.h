#pragma once
// The strut network of the RD honeycomb in world (LPS, mm) space: nodes on the
// octahedral and tetrahedral holes of an FCC lattice, every strut joining one of each.
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "tantalus/lattice/cell_solver.h"

namespace tantalus::lattice {

// Porosity varying linearly with the distance from a plane or a sphere
// (denser next to the solid shell): porosityAtSurface at distance 0,
// porosityFar at distance >= rampMm.
struct Grading {
  enum class Surface { Plane, Sphere } surface = Surface::Plane;
  Eigen::Vector3d point = Eigen::Vector3d::Zero();   // plane point or sphere centre
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ(); // plane normal
  double radiusMm = 0;                               // sphere radius
  double porosityAtSurface = 0.7;
  double porosityFar = 0.8;
  double rampMm = 5;
  double distanceMm(const Eigen::Vector3d& p) const;
  double porosityAt(const Eigen::Vector3d& p) const;
};

// Where the lattice sits: cell size, orientation and origin in world space.
// Default orientation = cube axes on the LPS axes, so with the build direction
// along S (z) every strut is at 35.26 deg to the plate and none is horizontal.
struct LatticeFrame {
  CellGeometry cell;
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();  // lattice -> world
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();        // world position of a cube corner
  std::optional<Grading> grading;                          // strut diameter varies per strut
  double strutDiameterAt(const Eigen::Vector3d& midpoint) const;
  double maxStrutDiameter() const;
};

// Rotation taking the lattice z axis onto `buildDirection` (shortest rotation).
Eigen::Matrix3d orientationForBuildDirection(const Eigen::Vector3d& buildDirection);
// Rotation from Euler angles in degrees (about x, then y, then z).
Eigen::Matrix3d orientationFromEulerDeg(const Eigen::Vector3d& anglesDeg);

struct Strut {
  Eigen::Vector3d a, b;   // a: tetrahedral node, b: octahedral node (world mm)
  double radiusMm = 0;
  std::int64_t nodeA = 0, nodeB = 0;  // lattice keys, unique per node
};

// Every strut whose capsule (radius + marginMm) touches `box`. Each strut once.
void forEachStrut(const LatticeFrame& f, const Eigen::AlignedBox3d& box, double marginMm,
                  const std::function<void(const Strut&)>& visit);
std::vector<Strut> strutsInBox(const LatticeFrame& f, const Eigen::AlignedBox3d& box, double marginMm);

// Rhombic face centres (window centres) in box, with the face normal.
struct Window {
  Eigen::Vector3d centre, normal;
};
std::vector<Window> windowsInBox(const LatticeFrame& f, const Eigen::AlignedBox3d& box);

// Exact distance from p to segment ab.
double segmentDistance(const Eigen::Vector3d& p, const Eigen::Vector3d& a, const Eigen::Vector3d& b);

}  // namespace tantalus::lattice
