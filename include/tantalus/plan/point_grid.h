#pragma once
// Closest points among a fixed set, by a uniform grid of buckets: what ICP needs
// without a k-d tree.
#include <Eigen/Core>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace tantalus::plan {

class PointGrid {
public:
  PointGrid(const std::vector<Eigen::Vector3d>& points, double cellMm);
  // The closest point within the 27 cells around q (so within at least cellMm), or
  // -1 when there is none.
  long closest(const Eigen::Vector3d& q, double& distance) const;
  const Eigen::Vector3d& point(long i) const { return points_[std::size_t(i)]; }

private:
  std::int64_t key(int i, int j, int k) const;
  const std::vector<Eigen::Vector3d>& points_;
  double cell_;
  std::unordered_map<std::int64_t, std::vector<std::uint32_t>> buckets_;
};

}  // namespace tantalus::plan
