#include "mask_marcher.h"

#include <algorithm>
#include <cmath>

namespace tantalus::render {

MaskIndex indexMask(const Mask& mask) {
  const VolumeGeometry& g = mask.geometry;
  constexpr int B = MaskIndex::kBlock;
  MaskIndex x;
  x.blocks = {(g.size[0] + B - 1) / B, (g.size[1] + B - 1) / B, (g.size[2] + B - 1) / B};
  x.occupied.assign(std::size_t(x.blocks[0]) * std::size_t(x.blocks[1]) * std::size_t(x.blocks[2]), 0);
  std::array<int, 3> lo{g.size[0], g.size[1], g.size[2]}, hi{-1, -1, -1};
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j) {
      const std::uint8_t* row = &mask.data[g.index(0, j, k)];
      const std::size_t blockRow = (std::size_t(k / B) * std::size_t(x.blocks[1]) + std::size_t(j / B)) * std::size_t(x.blocks[0]);
      for (int i = 0; i < g.size[0]; ++i)
        if (row[i]) {
          x.occupied[blockRow + std::size_t(i / B)] = 1;
          lo = {std::min(lo[0], i), std::min(lo[1], j), std::min(lo[2], k)};
          hi = {std::max(hi[0], i), std::max(hi[1], j), std::max(hi[2], k)};
        }
    }
  if (hi[0] >= 0) x.box = {lo, hi};  // else the default, empty box
  return x;
}

}  // namespace tantalus::render

namespace tantalus::render::detail {

namespace {
int nearest(double v) { return int(std::floor(v + 0.5)); }
}  // namespace

MaskMarcher::MaskMarcher(const Mask& mask, const MaskIndex& index) : mask_(mask), g_(mask.geometry), index_(index) {
  toIndex_ = g_.spacing.cwiseInverse().asDiagonal() * g_.direction.inverse();
  corners_ = boxCorners(g_, index.box);
}

bool MaskMarcher::inside(const Eigen::Vector3d& q) const { return set(nearest(q.x()), nearest(q.y()), nearest(q.z())); }

double MaskMarcher::occupancy(const Eigen::Vector3d& q) const {
  const Eigen::Vector3d f = q.array().floor(), w = q - f;
  double sum = 0;
  for (int c = 0; c < 8; ++c)
    if (set(int(f.x()) + (c & 1), int(f.y()) + (c >> 1 & 1), int(f.z()) + (c >> 2 & 1)))
      sum += ((c & 1) ? w.x() : 1 - w.x()) * ((c >> 1 & 1) ? w.y() : 1 - w.y()) * ((c >> 2 & 1) ? w.z() : 1 - w.z());
  return sum;
}

// The ray parameter where the voxel the ray entered at `b` leaves the trilinear 0.5
// level (the voxels' cubes stick out at their corners); `found` false when the ray
// only grazes a corner, where the occupancy never reaches 0.5.
double MaskMarcher::surfaceNear(const Eigen::Vector3d& q0, const Eigen::Vector3d& qd, double b, double voxelT, bool& found) const {
  found = false;
  for (double u = b - voxelT, prev = u; u <= b + voxelT; prev = u, u += 0.25 * voxelT)
    if (occupancy(q0 + u * qd) >= 0.5) {
      double lo = prev, hi = u;
      for (int i = 0; i < 6; ++i) {
        const double m = 0.5 * (lo + hi);
        (occupancy(q0 + m * qd) >= 0.5 ? hi : lo) = m;
      }
      found = true;
      return hi;
    }
  return b;
}

double MaskMarcher::blockExit(const Eigen::Vector3d& q0, const Eigen::Vector3d& qd, int bi, int bj, int bk) const {
  constexpr int B = MaskIndex::kBlock;
  const int b[3] = {bi, bj, bk};
  double t = 1e300;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(qd[a]) < 1e-12) continue;
    const double wall = qd[a] > 0 ? b[a] * B + B - 0.5 : b[a] * B - 0.5;
    t = std::min(t, (wall - q0[a]) / qd[a]);
  }
  return t;
}

bool MaskMarcher::hit(const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, double tMax, RayHit& out) const {
  if (empty()) return false;
  const Eigen::Vector3d q0 = toIndex_ * (origin - g_.origin), qd = toIndex_ * dir;
  double t0 = 0, t1 = tMax;
  for (int a = 0; a < 3; ++a) {  // clip to the occupied box
    const double lo = index_.box.lo[a] - 0.5, hi = index_.box.hi[a] + 0.5;
    if (std::abs(qd[a]) < 1e-12) {
      if (q0[a] < lo || q0[a] > hi) return false;
      continue;
    }
    double ta = (lo - q0[a]) / qd[a], tb = (hi - q0[a]) / qd[a];
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
    if (t0 > t1) return false;
  }
  const double voxelT = 1 / qd.cwiseAbs().maxCoeff(), dt = 0.5 * voxelT;  // ray length per voxel, per step
  constexpr int B = MaskIndex::kBlock;
  for (double t = t0; t <= t1;) {
    const Eigen::Vector3d q = q0 + t * qd;
    const int i = nearest(q.x()), j = nearest(q.y()), k = nearest(q.z());
    const int bi = int(std::floor(double(i) / B)), bj = int(std::floor(double(j) / B)), bk = int(std::floor(double(k) / B));
    if (!index_.blockSet(bi, bj, bk)) {  // an empty block: on to where the ray leaves it
      t = std::max(t + 1e-3 * voxelT, blockExit(q0, qd, bi, bj, bk) + 1e-6 * voxelT);
      continue;
    }
    if (!set(i, j, k)) {
      t += dt;
      continue;
    }
    double a = std::max(t0, t - dt), b = t;  // a outside, b inside
    for (int n = 0; n < 5; ++n) {
      const double m = 0.5 * (a + b);
      (inside(q0 + m * qd) ? b : a) = m;
    }
    bool found = false;
    b = surfaceNear(q0, qd, b, voxelT, found);
    if (!found) {
      t = b + voxelT;
      continue;
    }
    out.t = b;
    out.normal = normal(q0 + b * qd, dir);
    return true;
  }
  return false;
}

// Outward: against the gradient of the occupancy smoothed by a Gaussian (σ the largest
// voxel side, out to 2σ per axis) centred on the hit itself, so the voxels' stairs do
// not facet the shading. The direction is orthonormal, so the weight separates by axis.
Eigen::Vector3d MaskMarcher::normal(const Eigen::Vector3d& q, const Eigen::Vector3d& dir) const {
  constexpr int kMaxHalf = 6;
  const int c[3] = {nearest(q.x()), nearest(q.y()), nearest(q.z())};
  const double sigma = g_.spacing.maxCoeff(), inv2s2 = 0.5 / (sigma * sigma);
  int half[3];
  double offsetMm[3][2 * kMaxHalf + 1], weight[3][2 * kMaxHalf + 1];
  for (int a = 0; a < 3; ++a) {
    half[a] = std::clamp(int(std::ceil(2 * sigma / g_.spacing[a])), 1, kMaxHalf);
    for (int o = -half[a]; o <= half[a]; ++o) {
      const double d = (c[a] + o - q[a]) * g_.spacing[a];
      offsetMm[a][o + half[a]] = d;
      weight[a][o + half[a]] = std::exp(-d * d * inv2s2);
    }
  }
  Eigen::Vector3d inward = Eigen::Vector3d::Zero();  // along the grid's axes, mm
  for (int k = -half[2]; k <= half[2]; ++k)
    for (int j = -half[1]; j <= half[1]; ++j) {
      const double wjk = weight[1][j + half[1]] * weight[2][k + half[2]];
      for (int i = -half[0]; i <= half[0]; ++i)
        if (set(c[0] + i, c[1] + j, c[2] + k)) {
          const double w = wjk * weight[0][i + half[0]];
          inward += w * Eigen::Vector3d(offsetMm[0][i + half[0]], offsetMm[1][j + half[1]], offsetMm[2][k + half[2]]);
        }
    }
  inward = g_.direction * inward;
  return inward.norm() > 1e-12 ? Eigen::Vector3d(-inward.normalized()) : Eigen::Vector3d(-dir);
}

}  // namespace tantalus::render::detail
