#include "tantalus/plan/point_grid.h"

#include <cmath>
#include <limits>

namespace tantalus::plan {

PointGrid::PointGrid(const std::vector<Eigen::Vector3d>& points, double cellMm) : points_(points), cell_(cellMm) {
  for (std::size_t n = 0; n < points.size(); ++n) {
    const Eigen::Vector3d c = points[n] / cell_;
    buckets_[key(int(std::floor(c.x())), int(std::floor(c.y())), int(std::floor(c.z())))].push_back(std::uint32_t(n));
  }
}

std::int64_t PointGrid::key(int i, int j, int k) const {
  return (std::int64_t(i) + (1 << 20)) | ((std::int64_t(j) + (1 << 20)) << 21) | ((std::int64_t(k) + (1 << 20)) << 42);
}

long PointGrid::closest(const Eigen::Vector3d& q, double& distance) const {
  const Eigen::Vector3d c = q / cell_;
  const int i0 = int(std::floor(c.x())), j0 = int(std::floor(c.y())), k0 = int(std::floor(c.z()));
  long best = -1;
  double best2 = std::numeric_limits<double>::max();
  for (int k = k0 - 1; k <= k0 + 1; ++k)
    for (int j = j0 - 1; j <= j0 + 1; ++j)
      for (int i = i0 - 1; i <= i0 + 1; ++i) {
        const auto it = buckets_.find(key(i, j, k));
        if (it == buckets_.end()) continue;
        for (std::uint32_t n : it->second) {
          const double d2 = (points_[n] - q).squaredNorm();
          if (d2 < best2) best2 = d2, best = long(n);
        }
      }
  distance = best >= 0 ? std::sqrt(best2) : std::numeric_limits<double>::infinity();
  return best;
}

}  // namespace tantalus::plan
