#include "tantalus/core/volume.h"

#include <algorithm>
#include <numeric>

namespace tantalus {

Eigen::Matrix4d VolumeGeometry::indexToLpsMatrix() const {
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  m.topLeftCorner<3, 3>() = direction * spacing.asDiagonal();
  m.topRightCorner<3, 1>() = origin;
  return m;
}

bool VolumeGeometry::sameGrid(const VolumeGeometry& o, double tolMm) const {
  return size == o.size && (spacing - o.spacing).cwiseAbs().maxCoeff() < tolMm &&
         (origin - o.origin).cwiseAbs().maxCoeff() < tolMm &&
         (direction - o.direction).cwiseAbs().maxCoeff() < 1e-6;
}

std::pair<int, int> CtVolume::range() const {
  if (hu.empty()) return {0, 0};
  auto [lo, hi] = std::minmax_element(hu.begin(), hu.end());
  return {*lo, *hi};
}

std::size_t Mask::count() const {
  return std::size_t(std::count_if(data.begin(), data.end(), [](std::uint8_t v) { return v != 0; }));
}

}  // namespace tantalus
