#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

#include "tantalus/core/error.h"
#include "tantalus/render/scene.h"

namespace tantalus::render {

namespace {

// A mask's set voxels in continuous index coordinates: q = M (p − origin).
class MaskMarcher {
public:
  MaskMarcher(const Mask& mask) : mask_(mask), g_(mask.geometry) {
    toIndex_ = g_.spacing.cwiseInverse().asDiagonal() * g_.direction.inverse();
    const VoxelBox box = occupiedBox(mask);
    lo_ = box.lo;
    hi_ = box.hi;
    corners_ = boxCorners(g_, box);
  }
  bool empty() const { return lo_[0] > hi_[0]; }
  const std::vector<Eigen::Vector3d>& corners() const { return corners_; }

  bool hit(const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, double tMax, RayHit& out) const {
    if (empty()) return false;
    const Eigen::Vector3d q0 = toIndex_ * (origin - g_.origin), qd = toIndex_ * dir;
    double t0 = 0, t1 = tMax;
    for (int a = 0; a < 3; ++a) {  // clip to the occupied box
      const double lo = lo_[a] - 0.5, hi = hi_[a] + 0.5;
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
    for (double t = t0; t <= t1; t += dt) {
      if (!inside(q0 + t * qd)) continue;
      double a = std::max(t0, t - dt), b = t;  // a outside, b inside
      for (int i = 0; i < 5; ++i) {
        const double m = 0.5 * (a + b);
        (inside(q0 + m * qd) ? b : a) = m;
      }
      // The voxels' cubes stick out at their corners: the surface is the occupancy's
      // trilinear 0.5 level (the partial-volume surface) near the cube's face; a ray
      // that only grazes a corner, where it never reaches 0.5, goes on.
      bool found = false;
      for (double u = b - voxelT, prev = u; u <= b + voxelT; prev = u, u += 0.25 * voxelT)
        if (occupancy(q0 + u * qd) >= 0.5) {
          double lo = prev, hi = u;
          for (int i = 0; i < 6; ++i) {
            const double m = 0.5 * (lo + hi);
            (occupancy(q0 + m * qd) >= 0.5 ? hi : lo) = m;
          }
          b = hi;
          found = true;
          break;
        }
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

private:
  bool set(int i, int j, int k) const { return g_.contains(i, j, k) && mask_.data[g_.index(i, j, k)] != 0; }
  bool inside(const Eigen::Vector3d& q) const {
    return set(int(std::lround(q.x())), int(std::lround(q.y())), int(std::lround(q.z())));
  }
  double occupancy(const Eigen::Vector3d& q) const {  // trilinear
    const Eigen::Vector3d f = q.array().floor(), w = q - f;
    double sum = 0;
    for (int c = 0; c < 8; ++c)
      if (set(int(f.x()) + (c & 1), int(f.y()) + (c >> 1 & 1), int(f.z()) + (c >> 2 & 1)))
        sum += ((c & 1) ? w.x() : 1 - w.x()) * ((c >> 1 & 1) ? w.y() : 1 - w.y()) * ((c >> 2 & 1) ? w.z() : 1 - w.z());
    return sum;
  }
  // Outward: against the gradient of the occupancy smoothed by a Gaussian (σ the
  // largest voxel side, out to 2σ) centred on the hit itself, so the voxels' stairs do not facet the shading.
  Eigen::Vector3d normal(const Eigen::Vector3d& q, const Eigen::Vector3d& dir) const {
    const int ci = int(std::lround(q.x())), cj = int(std::lround(q.y())), ck = int(std::lround(q.z()));
    const double sigma = g_.spacing.maxCoeff(), inv2s2 = 0.5 / (sigma * sigma);
    int half[3];  // 2σ each way, per axis (thick slices: fewer voxels along k)
    for (int a = 0; a < 3; ++a) half[a] = std::clamp(int(std::ceil(2 * sigma / g_.spacing[a])), 1, 6);
    const Eigen::Matrix3d toMm = g_.direction * g_.spacing.asDiagonal();
    Eigen::Vector3d inward = Eigen::Vector3d::Zero();
    for (int k = -half[2]; k <= half[2]; ++k)
      for (int j = -half[1]; j <= half[1]; ++j)
        for (int i = -half[0]; i <= half[0]; ++i)
          if (set(ci + i, cj + j, ck + k)) {
            const Eigen::Vector3d d = toMm * (Eigen::Vector3d(ci + i, cj + j, ck + k) - q);
            inward += d * std::exp(-d.squaredNorm() * inv2s2);
          }
    return inward.norm() > 1e-12 ? Eigen::Vector3d(-inward.normalized()) : Eigen::Vector3d(-dir);
  }

  const Mask& mask_;
  const VolumeGeometry& g_;
  Eigen::Matrix3d toIndex_;
  std::array<int, 3> lo_{}, hi_{};
  std::vector<Eigen::Vector3d> corners_;
};

struct Layered {
  double t;
  Eigen::Vector3d colour;
  double opacity;
};

Eigen::Vector3d shaded(const Material& m, const Eigen::Vector3d& normal, const Eigen::Vector3d& light) {
  return m.colour * (0.22 + 0.78 * std::abs(normal.dot(light)));
}

std::uint8_t byte(double v) { return std::uint8_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); }

}  // namespace

VoxelBox occupiedBox(const Mask& mask) {
  const VolumeGeometry& g = mask.geometry;
  VoxelBox box;
  box.lo = {g.size[0], g.size[1], g.size[2]};
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j) {
      const std::uint8_t* row = &mask.data[g.index(0, j, k)];
      for (int i = 0; i < g.size[0]; ++i)
        if (row[i]) {
          box.lo = {std::min(box.lo[0], i), std::min(box.lo[1], j), std::min(box.lo[2], k)};
          box.hi = {std::max(box.hi[0], i), std::max(box.hi[1], j), std::max(box.hi[2], k)};
        }
    }
  if (box.empty()) box = {};
  return box;
}

std::vector<Eigen::Vector3d> boxCorners(const VolumeGeometry& g, const VoxelBox& box) {
  std::vector<Eigen::Vector3d> corners;
  if (box.empty()) return corners;
  for (int c = 0; c < 8; ++c) {
    Eigen::Vector3d q;
    for (int a = 0; a < 3; ++a) q[a] = (c >> a & 1) ? box.hi[a] + 0.5 : box.lo[a] - 0.5;
    corners.push_back(g.indexToLps(q));
  }
  return corners;
}

bool hitCup(const CupLayer& cup, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit) {
  const Eigen::Vector3d oc = origin - cup.centre;
  const double b = oc.dot(dir), disc = b * b - (oc.squaredNorm() - cup.radiusMm * cup.radiusMm);
  if (disc < 0) return false;
  const double root = std::sqrt(disc);
  for (const double t : {-b - root, -b + root}) {
    const Eigen::Vector3d d = origin + t * dir - cup.centre;
    if (t > 0 && d.dot(cup.axis) <= 0) {
      hit = {t, d / cup.radiusMm};
      return true;
    }
  }
  return false;
}

bool hitRod(const RodLayer& rod, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit) {
  const Eigen::Vector3d span = rod.to - rod.from;
  const double len = span.norm(), r2 = rod.radiusMm * rod.radiusMm;
  if (len <= 0) return false;
  const Eigen::Vector3d u = span / len, w = origin - rod.from;
  const Eigen::Vector3d fp = dir - dir.dot(u) * u, wp = w - w.dot(u) * u;
  double best = std::numeric_limits<double>::infinity();
  const double a = fp.squaredNorm(), b = 2 * wp.dot(fp), c = wp.squaredNorm() - r2;
  if (a > 1e-12 && b * b - 4 * a * c >= 0) {
    const double root = std::sqrt(b * b - 4 * a * c);
    for (const double t : {(-b - root) / (2 * a), (-b + root) / (2 * a)}) {
      const double s = (w + t * dir).dot(u);
      if (t > 0 && s >= 0 && s <= len && t < best) {
        best = t;
        hit = {t, (wp + t * fp).normalized()};
        break;
      }
    }
  }
  const double along = dir.dot(u);
  if (std::abs(along) > 1e-12)
    for (const auto& [end, n] : {std::pair{rod.from, Eigen::Vector3d(-u)}, std::pair{rod.to, Eigen::Vector3d(u)}}) {
      const double t = (end - origin).dot(u) / along;
      if (t > 0 && t < best && (origin + t * dir - end).squaredNorm() <= r2) {
        best = t;
        hit = {t, n};
      }
    }
  return std::isfinite(best);
}

RgbImage renderScene(const Scene& scene, const OrthoView& view, const Progress& progress) {
  std::vector<MaskMarcher> marchers;
  marchers.reserve(scene.masks.size());
  double reach = 1;  // how far in front of the picture plane the rays start
  for (const auto& layer : scene.masks) {
    if (!layer.mask) throw Error("a scene layer has no mask", "render", "this is a bug: report it");
    marchers.emplace_back(*layer.mask);
    for (const auto& corner : marchers.back().corners()) reach = std::max(reach, std::abs(view.depth(corner)));
  }
  for (const auto& cup : scene.cups) reach = std::max(reach, std::abs(view.depth(cup.centre)) + cup.radiusMm);
  for (const auto& rod : scene.rods)
    reach = std::max({reach, std::abs(view.depth(rod.from)) + rod.radiusMm, std::abs(view.depth(rod.to)) + rod.radiusMm});
  reach += 5;
  const Eigen::Vector3d light = (-view.forward + 0.35 * view.up - 0.25 * view.right).normalized();

  RgbImage image(view.width, view.height);
  std::atomic<bool> stop{false};
  tbb::parallel_for(tbb::blocked_range<int>(0, view.height), [&](const tbb::blocked_range<int>& rows) {
    std::vector<Layered> hits;
    for (int y = rows.begin(); y != rows.end() && !stop; ++y) {
      if (progress.cancelled()) stop = true;
      for (int x = 0; x < view.width; ++x) {
        const Eigen::Vector3d origin = view.pointAt(x + 0.5, y + 0.5) - reach * view.forward;
        hits.clear();
        RayHit h;
        for (std::size_t m = 0; m < marchers.size(); ++m)
          if (marchers[m].hit(origin, view.forward, 2 * reach, h))
            hits.push_back({h.t, shaded(scene.masks[m].material, h.normal, light), scene.masks[m].material.opacity});
        for (const auto& cup : scene.cups)
          if (hitCup(cup, origin, view.forward, h)) hits.push_back({h.t, shaded(cup.material, h.normal, light), cup.material.opacity});
        for (const auto& rod : scene.rods)
          if (hitRod(rod, origin, view.forward, h)) hits.push_back({h.t, shaded(rod.material, h.normal, light), rod.material.opacity});
        std::sort(hits.begin(), hits.end(), [](const Layered& a, const Layered& b) { return a.t < b.t; });
        Eigen::Vector3d colour = Eigen::Vector3d::Zero();
        double through = 1;
        for (std::size_t i = 0; i < hits.size(); ++i) {  // the last layer hides the background
          const double opacity = i + 1 == hits.size() ? 1.0 : hits[i].opacity;
          colour += through * opacity * hits[i].colour;
          through *= 1 - opacity;
        }
        colour += through * scene.background;
        image.set(x, y, {byte(colour.x()), byte(colour.y()), byte(colour.z())});
      }
    }
  });
  progress.check();
  return image;
}

}  // namespace tantalus::render
