#pragma once
// Rays against a triangle mesh: the nearest crossing along a ray, through a uniform
// grid of triangle buckets (3-D DDA). Used to measure what was emitted (strut
// diameters and windows of a lattice, on its triangles) and, later, lengths in
// bone along screw trajectories.
#include <Eigen/Dense>
#include <optional>
#include <utility>
#include <vector>

#include "tantalus/core/mesh.h"

namespace tantalus {

class MeshRaycaster {
public:
  // `cellMm` <= 0: about two mean edge lengths.
  explicit MeshRaycaster(const Mesh& mesh, double cellMm = 0);

  // Distance to the first triangle the ray from `origin` along unit `dir` crosses
  // within (0, maxT], or nothing.
  std::optional<double> firstHit(const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, double maxT) const;
  // The same, with the face it meets.
  std::optional<std::pair<double, Eigen::Index>> firstHitFace(const Eigen::Vector3d& origin, const Eigen::Vector3d& dir,
                                                              double maxT) const;

private:
  const Mesh& mesh_;
  Eigen::Vector3d min_;
  double cell_ = 1;
  int n_[3] = {1, 1, 1};
  std::vector<std::uint32_t> start_, items_;  // CSR buckets: cell c holds items_[start_[c] .. start_[c+1])
  std::size_t cellIndex(int x, int y, int z) const {
    return (std::size_t(z) * std::size_t(n_[1]) + std::size_t(y)) * std::size_t(n_[0]) + std::size_t(x);
  }
};

}  // namespace tantalus
