#pragma once
// Least-squares spheres through surface points: the algebraic fit (linear in the
// centre and r² − |c|²), refined by dropping points far from the fitted sphere.
#include <Eigen/Core>
#include <vector>

#include "tantalus/core/volume.h"

namespace tantalus::plan {

struct SphereFit {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  double radiusMm = 0, rmsMm = 0;  // rms of |p − c| − r over the points kept
  std::size_t points = 0;
  bool valid() const { return points >= 4 && radiusMm > 0; }
};

SphereFit fitSphere(const std::vector<Eigen::Vector3d>& points);
// Refits `rounds` times on the points within `keepMm` of the previous sphere.
SphereFit fitSphereRobust(const std::vector<Eigen::Vector3d>& points, double keepMm, int rounds = 3);

// Points on a mask's surface: the midpoints of the faces between a set voxel and an
// unset (or outside) 6-neighbour, in LPS mm — the 50 % partial-volume surface's
// estimate, without the half-voxel inward bias of boundary voxel centres.
std::vector<Eigen::Vector3d> surfacePoints(const Mask& m);

}  // namespace tantalus::plan
