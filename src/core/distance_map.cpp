#include "tantalus/core/distance_map.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tantalus {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One 1-D pass of the squared distance transform over f (n values, spacing w):
// d[p] = min_q f[q] + (w (p - q))^2, by the lower envelope of parabolas.
void pass1d(const double* f, double* d, int n, double w, std::vector<int>& v, std::vector<double>& z) {
  v.assign(std::size_t(n), 0);
  z.assign(std::size_t(n) + 1, 0.0);
  int k = -1;
  for (int q = 0; q < n; ++q) {
    if (f[q] == kInf) continue;
    if (k < 0) {
      v[0] = q, z[0] = -kInf, z[1] = kInf, k = 0;
      continue;
    }
    double s;
    for (;;) {
      const int r = v[std::size_t(k)];
      s = ((f[q] + w * w * q * q) - (f[r] + w * w * r * r)) / (2.0 * w * w * (q - r));
      if (s > z[std::size_t(k)] || k == 0) break;
      --k;
    }
    if (s <= z[std::size_t(k)]) {  // k == 0 and the new parabola wins everywhere
      v[0] = q, z[0] = -kInf, z[1] = kInf;
      continue;
    }
    ++k;
    v[std::size_t(k)] = q, z[std::size_t(k)] = s, z[std::size_t(k) + 1] = kInf;
  }
  if (k < 0) {
    std::fill(d, d + n, kInf);
    return;
  }
  int j = 0;
  for (int p = 0; p < n; ++p) {
    while (z[std::size_t(j) + 1] < p) ++j;
    const double t = w * (p - v[std::size_t(j)]);
    d[p] = f[v[std::size_t(j)]] + t * t;
  }
}

// Squared distance (mm^2) from every voxel centre to the nearest voxel with `target` set.
std::vector<double> squaredDistanceTo(const Mask& m, bool target) {
  const VolumeGeometry& g = m.geometry;
  const int n[3] = {g.size[0], g.size[1], g.size[2]};
  std::vector<double> a(g.voxelCount());
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = (m.data[i] != 0) == target ? 0.0 : kInf;
  std::vector<double> f, d;
  std::vector<int> v;
  std::vector<double> z;
  for (int axis = 0; axis < 3; ++axis) {
    const int len = n[axis];
    f.resize(std::size_t(len));
    d.resize(std::size_t(len));
    const std::size_t stride = axis == 0 ? 1 : axis == 1 ? std::size_t(n[0]) : std::size_t(n[0]) * std::size_t(n[1]);
    const int o1 = axis == 0 ? n[1] : n[0], o2 = axis == 2 ? n[1] : n[2];
    for (int b = 0; b < o2; ++b)
      for (int c = 0; c < o1; ++c) {
        std::size_t base;
        if (axis == 0) base = g.index(0, c, b);
        else if (axis == 1) base = g.index(c, 0, b);
        else base = g.index(c, b, 0);
        for (int p = 0; p < len; ++p) f[std::size_t(p)] = a[base + std::size_t(p) * stride];
        pass1d(f.data(), d.data(), len, g.spacing[axis], v, z);
        for (int p = 0; p < len; ++p) a[base + std::size_t(p) * stride] = d[std::size_t(p)];
      }
  }
  return a;
}

}  // namespace

std::vector<float> signedDistanceMm(const Mask& m) {
  const std::vector<double> toInside = squaredDistanceTo(m, true), toOutside = squaredDistanceTo(m, false);
  const double half = 0.5 * m.geometry.spacing.minCoeff();
  std::vector<float> sdf(toInside.size());
  for (std::size_t i = 0; i < sdf.size(); ++i)
    sdf[i] = m.data[i] ? float(-(std::sqrt(toOutside[i]) - half)) : float(std::sqrt(toInside[i]) - half);
  return sdf;
}

}  // namespace tantalus
