#pragma once
// Measurements of a guide from its mesh alone (shared by the guide suites): the saw
// slot's walls fitted as planes, and the bone-facing surface's distance to the bone.
#include <Eigen/Dense>

#include "tantalus/core/mesh.h"

namespace tantalus::test {

struct SlotFit {
  std::size_t wallFaces[2] = {0, 0};  // faces found on each wall (−n side, +n side)
  double angleDeg[2] = {90, 90};      // each wall's fitted normal against the planned plane's
  double offsetMm[2] = {0, 0};        // each wall's mean signed distance from the planned plane
};
// Faces whose normal lies within 5° of ±normal and whose centre lies within 1.5 mm of
// the plane, split by side; on each side the wall is the offset holding the most face
// area (±0.05 mm), its faces' vertices fitted with a plane (least squares).
SlotFit fitSlotWalls(const Mesh& guide, const Eigen::Vector3d& point, const Eigen::Vector3d& normal);

// Of the faces facing the bone (normal within 60° of −insertion; not the slot's walls, as
// fitSlotWalls finds them about the plane), the area share whose centre lies
// clearance ± tol from the bone's surface.
double shareAtClearance(const Mesh& guide, const Mesh& bone, const Eigen::Vector3d& insertion, const Eigen::Vector3d& planePoint,
                        const Eigen::Vector3d& planeNormal, double clearanceMm, double tolMm);

}  // namespace tantalus::test
