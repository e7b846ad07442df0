#include "volume_resample.h"

#include <algorithm>
#include <cmath>

#include "tantalus/core/resource_budget.h"

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

CtVolume resampleStack(const SliceStack& s, double dz, const Progress& progress) {
  const std::size_t n = s.positions.size();
  std::vector<double> z(n), u(n), v(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Eigen::Vector3d d = s.positions[k] - s.positions[0];
    z[k] = d.dot(s.normal);
    u[k] = d.dot(s.rowDir) / s.dx;  // in-plane offset of slice k, in pixels
    v[k] = d.dot(s.colDir) / s.dy;
  }
  const int nz = int(std::floor(z.back() / dz + 1e-6)) + 1;
  // The output grid covers every slice's field of view (a tilted stack shears
  // the later slices out of the first one's).
  const double umin = std::min(0.0, *std::min_element(u.begin(), u.end()));
  const double umax = std::max(0.0, *std::max_element(u.begin(), u.end()));
  const double vmin = std::min(0.0, *std::min_element(v.begin(), v.end()));
  const double vmax = std::max(0.0, *std::max_element(v.begin(), v.end()));
  const int i0 = int(std::floor(umin + 1e-6)), j0 = int(std::floor(vmin + 1e-6));
  const int cols = s.cols + int(std::ceil(umax - 1e-6)) - i0, rows = s.rows + int(std::ceil(vmax - 1e-6)) - j0;

  CtVolume out;
  auto& g = out.geometry;
  g.size = {cols, rows, nz};
  g.spacing = {s.dx, s.dy, dz};
  g.origin = s.positions[0] + i0 * s.dx * s.rowDir + j0 * s.dy * s.colDir;
  g.direction.col(0) = s.rowDir;
  g.direction.col(1) = s.colDir;
  g.direction.col(2) = s.normal;
  checkGrid(g, s.where, "the slices' positions (0020,0032) do not form one stack: export the series again");
  requireMemory(double(g.voxelCount()) * 2, "resampling this series onto a regular grid", s.where,
                "export the series without gantry tilt, or only the hips");
  out.hu.assign(g.voxelCount(), kAir);
  const std::size_t plane = std::size_t(cols) * std::size_t(rows);

  std::size_t k = 0;
  for (int m = 0; m < nz; ++m) {
    if (m % 16 == 0) progress.report(double(m) / nz, "resampling slices");
    const double zm = m * dz;
    while (k + 2 < n && z[k + 1] < zm) ++k;
    const std::size_t k1 = std::min(k + 1, n - 1);
    const double t = k1 == k ? 0.0 : std::clamp((zm - z[k]) / (z[k1] - z[k]), 0.0, 1.0);
    std::int16_t* dst = out.hu.data() + plane * std::size_t(m);
    for (int j = 0; j < rows; ++j)
      for (int i = 0; i < cols; ++i) {
        const double a = bilinear(s.pixels[k], s.cols, s.rows, i + i0 - u[k], j + j0 - v[k]);
        const double b = t > 0 ? bilinear(s.pixels[k1], s.cols, s.rows, i + i0 - u[k1], j + j0 - v[k1]) : a;
        dst[std::size_t(j) * std::size_t(cols) + std::size_t(i)] =
            std::int16_t(std::lround(std::clamp((1 - t) * a + t * b, -32768.0, 32767.0)));
      }
  }
  return out;
}

}  // namespace tantalus::io::detail
