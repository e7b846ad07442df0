#pragma once
// Trilinear sample of a voxel buffer at an LPS point; `outside` beyond the grid's
// outermost voxel centres.
#include <Eigen/Dense>
#include <cmath>

#include "tantalus/core/volume.h"

namespace tantalus {

template <class Buffer>
double sampleTrilinear(const VolumeGeometry& g, const Buffer& data, const Eigen::Vector3d& lps, double outside = 0.0) {
  const Eigen::Vector3d x = g.lpsToIndex(lps);
  const int i = int(std::floor(x.x())), j = int(std::floor(x.y())), k = int(std::floor(x.z()));
  if (i < 0 || j < 0 || k < 0 || i + 1 >= g.size[0] || j + 1 >= g.size[1] || k + 1 >= g.size[2]) return outside;
  const double fx = x.x() - i, fy = x.y() - j, fz = x.z() - k;
  auto v = [&](int a, int b, int c) { return double(data[g.index(i + a, j + b, k + c)]); };
  const double c00 = v(0, 0, 0) * (1 - fx) + v(1, 0, 0) * fx, c10 = v(0, 1, 0) * (1 - fx) + v(1, 1, 0) * fx;
  const double c01 = v(0, 0, 1) * (1 - fx) + v(1, 0, 1) * fx, c11 = v(0, 1, 1) * (1 - fx) + v(1, 1, 1) * fx;
  return (c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz;
}

// A mask's trilinear fraction (0..1): >= 0.5 is inside its iso-surface.
inline double maskFraction(const Mask& m, const Eigen::Vector3d& lps) { return sampleTrilinear(m.geometry, m.data, lps); }

}  // namespace tantalus
