#pragma once
// The bone's surface as oriented samples: one per surface voxel, with the outward
// normal estimated from the mask itself (away from the centroid of the bone voxels
// within a few millimetres), so curvature-based searches (the acetabulum is a
// concave sphere, the femoral head a convex one) need no CT values.
#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "tantalus/core/volume.h"

namespace tantalus::plan {

struct SurfaceSample {
  Eigen::Vector3d p;   // LPS mm, on the surface (half a voxel out from the voxel's centre)
  Eigen::Vector3d n;   // unit, out of the bone
  std::size_t voxel;   // index of the surface voxel in the mask's grid
};

std::vector<SurfaceSample> boneSurfaceSamples(const Mask& bone, double normalRadiusMm = 2.5);

}  // namespace tantalus::plan
