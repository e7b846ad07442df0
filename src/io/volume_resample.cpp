#include "volume_resample.h"

#include <algorithm>
#include <cmath>

namespace tantalus::io::detail {

namespace {
constexpr std::int16_t kAir = -1024;

float bilinear(const std::vector<std::int16_t>& img, int cols, int rows, double u, double v) {
  const int u0 = int(std::floor(u)), v0 = int(std::floor(v));
  const double fu = u - u0, fv = v - v0;
  auto px = [&](int i, int j) -> double {
    if (i < 0 || j < 0 || i >= cols || j >= rows) return kAir;
    return img[std::size_t(j) * std::size_t(cols) + std::size_t(i)];
  };
  return float((1 - fv) * ((1 - fu) * px(u0, v0) + fu * px(u0 + 1, v0)) +
               fv * ((1 - fu) * px(u0, v0 + 1) + fu * px(u0 + 1, v0 + 1)));
}
}  // namespace

CtVolume resampleStack(const SliceStack& s, double dz) {
  const std::size_t n = s.positions.size();
  std::vector<double> z(n);
  for (std::size_t k = 0; k < n; ++k) z[k] = (s.positions[k] - s.positions[0]).dot(s.normal);
  const int nz = int(std::floor(z.back() / dz + 1e-6)) + 1;

  CtVolume out;
  auto& g = out.geometry;
  g.size = {s.cols, s.rows, nz};
  g.spacing = {s.dx, s.dy, dz};
  g.origin = s.positions[0];
  g.direction.col(0) = s.rowDir;
  g.direction.col(1) = s.colDir;
  g.direction.col(2) = s.normal;
  out.hu.assign(g.voxelCount(), kAir);
  const std::size_t plane = std::size_t(s.cols) * std::size_t(s.rows);

  std::size_t k = 0;
  for (int m = 0; m < nz; ++m) {
    const double zm = m * dz;
    while (k + 2 < n && z[k + 1] < zm) ++k;
    const std::size_t k1 = std::min(k + 1, n - 1);
    const double t = k1 == k ? 0.0 : std::clamp((zm - z[k]) / (z[k1] - z[k]), 0.0, 1.0);
    // In-plane offsets of the two source slices relative to the output grid.
    const Eigen::Vector3d d0 = s.positions[k] - s.positions[0], d1 = s.positions[k1] - s.positions[0];
    const double u0 = d0.dot(s.rowDir) / s.dx, v0 = d0.dot(s.colDir) / s.dy;
    const double u1 = d1.dot(s.rowDir) / s.dx, v1 = d1.dot(s.colDir) / s.dy;
    std::int16_t* dst = out.hu.data() + plane * std::size_t(m);
    for (int j = 0; j < s.rows; ++j)
      for (int i = 0; i < s.cols; ++i) {
        const double a = bilinear(s.pixels[k], s.cols, s.rows, i - u0, j - v0);
        const double b = t > 0 ? bilinear(s.pixels[k1], s.cols, s.rows, i - u1, j - v1) : a;
        dst[std::size_t(j) * std::size_t(s.cols) + std::size_t(i)] =
            std::int16_t(std::lround(std::clamp((1 - t) * a + t * b, -32768.0, 32767.0)));
      }
  }
  return out;
}

}  // namespace tantalus::io::detail
