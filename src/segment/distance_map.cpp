// Euclidean dilation by a radius in millimetres with the true (anisotropic)
// voxel spacing: exact squared distance transform (Felzenszwalb &
// Huttenlocher 2012, separable lower envelope of parabolas) on the bounding
// box of the mask grown by the radius.
#include <algorithm>
#include <cmath>
#include <limits>

#include "tantalus/segment/mask_ops.h"

namespace tantalus::segment {

namespace {
constexpr float kInf = std::numeric_limits<float>::max() / 4;

// 1-D squared distance transform of f with sample spacing h, in place.
void edt1d(float* f, int n, std::ptrdiff_t stride, double h, std::vector<float>& d, std::vector<int>& v,
           std::vector<float>& z) {
  const double h2 = h * h;
  int k = 0;
  v[0] = 0;
  z[0] = -kInf;
  z[1] = kInf;
  for (int q = 1; q < n; ++q) {
    const double fq = f[q * stride];
    if (fq >= kInf) continue;
    if (f[v[k] * stride] >= kInf) { v[k] = q; continue; }
    double s;
    for (;;) {
      const int p = v[k];
      s = ((fq + h2 * q * q) - (f[p * stride] + h2 * double(p) * p)) / (2 * h2 * (q - p));
      if (s <= z[k] && k > 0) --k;
      else break;
    }
    ++k;
    v[k] = q;
    z[k] = float(s);
    z[k + 1] = kInf;
  }
  if (f[v[0] * stride] >= kInf) {  // nothing finite on this line
    return;
  }
  k = 0;
  for (int q = 0; q < n; ++q) {
    while (z[k + 1] < q) ++k;
    const double dq = h * (q - v[k]);
    d[q] = float(dq * dq + f[v[k] * stride]);
  }
  for (int q = 0; q < n; ++q) f[q * stride] = d[q];
}
}  // namespace

Mask dilateMm(const Mask& m, double radiusMm, const Progress& progress) {
  const auto& g = m.geometry;
  Mask out(g);
  if (radiusMm <= 0) {
    out.data = m.data;
    return out;
  }
  std::array<int, 3> lo{g.size[0], g.size[1], g.size[2]}, hi{-1, -1, -1};
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j) {
      const std::uint8_t* row = m.data.data() + g.index(0, j, k);
      for (int i = 0; i < g.size[0]; ++i)
        if (row[i]) {
          lo = {std::min(lo[0], i), std::min(lo[1], j), std::min(lo[2], k)};
          hi = {std::max(hi[0], i), std::max(hi[1], j), std::max(hi[2], k)};
        }
    }
  if (hi[0] < 0) return out;
  for (int a = 0; a < 3; ++a) {
    const int grow = int(std::ceil(radiusMm / g.spacing[a])) + 1;
    lo[a] = std::max(0, lo[a] - grow);
    hi[a] = std::min(g.size[a] - 1, hi[a] + grow);
  }
  const int bx = hi[0] - lo[0] + 1, by = hi[1] - lo[1] + 1, bz = hi[2] - lo[2] + 1;
  std::vector<float> f(std::size_t(bx) * by * bz);
  for (int k = 0; k < bz; ++k)
    for (int j = 0; j < by; ++j)
      for (int i = 0; i < bx; ++i)
        f[std::size_t(i) + std::size_t(bx) * (std::size_t(j) + std::size_t(by) * k)] =
            m.data[g.index(lo[0] + i, lo[1] + j, lo[2] + k)] ? 0.f : kInf;
  const int nmax = std::max({bx, by, bz});
  std::vector<float> d(static_cast<std::size_t>(nmax)), z(static_cast<std::size_t>(nmax) + 1);
  std::vector<int> v(static_cast<std::size_t>(nmax));
  for (int k = 0; k < bz; ++k)
    for (int j = 0; j < by; ++j) edt1d(&f[std::size_t(bx) * (std::size_t(j) + std::size_t(by) * k)], bx, 1, g.spacing[0], d, v, z);
  progress.report(0.33, "dilating");
  for (int k = 0; k < bz; ++k)
    for (int i = 0; i < bx; ++i) edt1d(&f[std::size_t(i) + std::size_t(bx) * std::size_t(by) * k], by, bx, g.spacing[1], d, v, z);
  progress.report(0.66, "dilating");
  for (int j = 0; j < by; ++j)
    for (int i = 0; i < bx; ++i) edt1d(&f[std::size_t(i) + std::size_t(bx) * j], bz, std::ptrdiff_t(bx) * by, g.spacing[2], d, v, z);
  const float r2 = float(radiusMm * radiusMm) * (1.f + 1e-6f);
  for (int k = 0; k < bz; ++k)
    for (int j = 0; j < by; ++j)
      for (int i = 0; i < bx; ++i)
        if (f[std::size_t(i) + std::size_t(bx) * (std::size_t(j) + std::size_t(by) * k)] <= r2)
          out.data[g.index(lo[0] + i, lo[1] + j, lo[2] + k)] = 1;
  return out;
}

}  // namespace tantalus::segment
