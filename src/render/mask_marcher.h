#pragma once
// Rays against a voxel mask (render-internal): marched at half a voxel, skipping
// empty 8³ blocks; the surface at the occupancy's trilinear 0.5 level near the first
// set voxel; the normal against the Gaussian-smoothed occupancy's gradient.
#include <vector>

#include "tantalus/render/scene.h"

namespace tantalus::render::detail {

class MaskMarcher {
public:
  MaskMarcher(const Mask& mask, const MaskIndex& index);
  bool empty() const { return index_.empty(); }
  const std::vector<Eigen::Vector3d>& corners() const { return corners_; }
  // The first crossing within (0, tMax] along unit `dir`.
  bool hit(const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, double tMax, RayHit& out) const;

private:
  bool set(int i, int j, int k) const { return g_.contains(i, j, k) && mask_.data[g_.index(i, j, k)] != 0; }
  bool inside(const Eigen::Vector3d& q) const;
  double occupancy(const Eigen::Vector3d& q) const;  // trilinear
  double surfaceNear(const Eigen::Vector3d& q0, const Eigen::Vector3d& qd, double b, double voxelT, bool& found) const;
  double blockExit(const Eigen::Vector3d& q0, const Eigen::Vector3d& qd, int bi, int bj, int bk) const;
  Eigen::Vector3d normal(const Eigen::Vector3d& q, const Eigen::Vector3d& dir) const;

  const Mask& mask_;
  const VolumeGeometry& g_;
  const MaskIndex& index_;
  Eigen::Matrix3d toIndex_;
  std::vector<Eigen::Vector3d> corners_;
};

}  // namespace tantalus::render::detail
