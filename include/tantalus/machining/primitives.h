#pragma once
// Closed primitive meshes for cutters and tests: boxes, solids of revolution (spheres,
// cylinders, the seat cutter's profile), each outward-oriented and watertight by
// construction.
#include <Eigen/Dense>
#include <vector>

#include "tantalus/core/mesh.h"

namespace tantalus::machining {

// A right-handed frame: origin and the axis of revolution (w); u, v complete it.
struct AxisFrame {
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  Eigen::Vector3d axis = Eigen::Vector3d::UnitZ();
  static AxisFrame along(const Eigen::Vector3d& origin, const Eigen::Vector3d& axis);
  Eigen::Vector3d u() const;
  Eigen::Vector3d v() const;
  Eigen::Vector3d at(double r, double angle, double z) const;  // cylindrical coordinates
};

Mesh boxMesh(const Eigen::Vector3d& lo, const Eigen::Vector3d& hi);
// A box in a frame: [-half.x, half.x] along u, [-half.y, half.y] along v, [z0, z1] along w,
// centred at radius `r` and angle `angle` (the anti-rotation slots).
Mesh frameBoxMesh(const AxisFrame& f, double r, double angle, const Eigen::Vector2d& half, double z0, double z1);

// A profile in (r, z) from a point on the axis to another on the axis, r > 0 between,
// revolved about the frame's axis with `segments` steps (the vertices lie on the exact
// surface of revolution; faces are chords).
struct ProfilePoint {
  double r, z;
};
Mesh revolvedMesh(const std::vector<ProfilePoint>& profile, const AxisFrame& f, int segments);

// Polyhedral sphere (latitude-longitude, `segments` around, segments/2 from pole to pole).
Mesh sphereMesh(const Eigen::Vector3d& centre, double radius, int segments = 64);
Mesh cylinderMesh(const AxisFrame& f, double radius, double z0, double z1, int segments = 64);

// Several closed meshes as one (disjoint pieces; no Boolean).
Mesh concatenate(const std::vector<Mesh>& parts);

}  // namespace tantalus::machining
