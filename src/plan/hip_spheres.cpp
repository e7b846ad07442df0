#include "tantalus/plan/hip_spheres.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <set>

#include "tantalus/plan/sphere_fit.h"

namespace tantalus::plan {

namespace {

struct Accumulator {
  Eigen::Vector3d lo;
  double cell;
  std::array<int, 3> n{};
  std::vector<float> votes, radiusSum;
  std::size_t index(int i, int j, int k) const { return std::size_t(i) + std::size_t(n[0]) * (std::size_t(j) + std::size_t(n[1]) * std::size_t(k)); }
  bool cellOf(const Eigen::Vector3d& p, int& i, int& j, int& k) const {
    const Eigen::Vector3d c = (p - lo) / cell;
    i = int(std::floor(c.x())), j = int(std::floor(c.y())), k = int(std::floor(c.z()));
    return i >= 0 && j >= 0 && k >= 0 && i < n[0] && j < n[1] && k < n[2];
  }
  Eigen::Vector3d centreOf(int i, int j, int k) const { return lo + cell * Eigen::Vector3d(i + 0.5, j + 0.5, k + 0.5); }
};

Accumulator vote(const std::vector<SurfaceSample>& samples, const SphereSearch& s) {
  Accumulator a;
  Eigen::Vector3d lo = Eigen::Vector3d::Constant(1e300), hi = -lo;
  for (const auto& x : samples) lo = lo.cwiseMin(x.p), hi = hi.cwiseMax(x.p);
  a.lo = lo - Eigen::Vector3d::Constant(s.maxRadiusMm);
  // At most ~30 M cells (two float grids, 240 MB): a larger scan (a leg run-off) votes coarser.
  const Eigen::Vector3d extent = hi - lo + Eigen::Vector3d::Constant(2 * s.maxRadiusMm);
  a.cell = std::max(s.cellMm, std::cbrt(extent.prod() / 30e6));
  for (int d = 0; d < 3; ++d) a.n[std::size_t(d)] = int(std::ceil(extent[d] / a.cell)) + 1;
  const std::size_t cells = std::size_t(a.n[0]) * std::size_t(a.n[1]) * std::size_t(a.n[2]);
  a.votes.assign(cells, 0.f);
  a.radiusSum.assign(cells, 0.f);
  const double sign = s.concave ? 1.0 : -1.0;
  for (const auto& x : samples)
    for (double r = s.minRadiusMm; r <= s.maxRadiusMm + 1e-9; r += 1.0) {
      int i, j, k;
      if (!a.cellOf(x.p + sign * r * x.n, i, j, k)) continue;
      const std::size_t c = a.index(i, j, k);
      a.votes[c] += 1.f;
      a.radiusSum[c] += float(r);
    }
  return a;
}

// Coverage of the sphere's directions by the inliers, on a ~20° grid of unit vectors.
double coverage(const std::vector<SurfaceSample>& samples, const std::vector<std::size_t>& inliers, const Eigen::Vector3d& c) {
  std::set<std::pair<int, int>> cells;
  const double step = 20.0 * M_PI / 180.0;
  for (std::size_t idx : inliers) {
    const Eigen::Vector3d u = (samples[idx].p - c).normalized();
    const double polar = std::acos(std::clamp(u.z(), -1.0, 1.0));
    const int ring = int(polar / step);
    const double ringR = std::max(std::sin((ring + 0.5) * step), 1e-3);
    const int perRing = std::max(1, int(std::round(2 * M_PI * ringR / step)));
    const int az = int((std::atan2(u.y(), u.x()) + M_PI) / (2 * M_PI) * perRing) % perRing;
    cells.insert({ring, az});
  }
  int total = 0;
  for (int ring = 0; ring * step < M_PI; ++ring)
    total += std::max(1, int(std::round(2 * M_PI * std::max(std::sin((ring + 0.5) * step), 1e-3) / step)));
  return double(cells.size()) / total;
}

// The samples within `tol` of the sphere's surface and facing it.
std::vector<std::size_t> onSphere(const std::vector<SurfaceSample>& samples, bool concave, const Eigen::Vector3d& centre,
                                  double radiusMm, double tol) {
  std::vector<std::size_t> idx;
  for (std::size_t s = 0; s < samples.size(); ++s) {
    const Eigen::Vector3d d = samples[s].p - centre;
    const double r = d.norm();
    if (std::abs(r - radiusMm) > tol || r < 1e-6) continue;
    // A socket's normal points at its centre, a head's away from it.
    const double facing = samples[s].n.dot(d / r) * (concave ? -1.0 : 1.0);
    if (facing >= 0.7) idx.push_back(s);
  }
  return idx;
}

}  // namespace

HipSphere samplesOnSphere(const std::vector<SurfaceSample>& samples, bool concave, const Eigen::Vector3d& centre,
                          double radiusMm, double tolMm) {
  HipSphere h;
  h.centre = centre;
  h.radiusMm = radiusMm;
  std::vector<std::size_t> idx = onSphere(samples, concave, centre, radiusMm, tolMm);
  if (idx.size() < 30) return h;
  double sum2 = 0;
  for (std::size_t s : idx) sum2 += std::pow((samples[s].p - centre).norm() - radiusMm, 2);
  h.rmsMm = std::sqrt(sum2 / double(idx.size()));
  h.votes = double(idx.size());
  h.inliers = std::move(idx);
  h.coverage = coverage(samples, h.inliers, centre);
  return h;
}

HipSphere refineSphere(const std::vector<SurfaceSample>& samples, bool concave, const Eigen::Vector3d& centre,
                       double radiusMm, double tolMm) {
  HipSphere h;
  h.centre = centre;
  h.radiusMm = radiusMm;
  for (double tol : {tolMm, 0.66 * tolMm, 1.5, 1.5}) {
    std::vector<std::size_t> idx = onSphere(samples, concave, h.centre, h.radiusMm, tol);
    if (idx.size() < 30) return HipSphere{};
    std::vector<Eigen::Vector3d> pts;
    for (std::size_t s : idx) pts.push_back(samples[s].p);
    const SphereFit f = fitSphere(pts);
    if (!f.valid()) return HipSphere{};
    h.centre = f.centre;
    h.radiusMm = f.radiusMm;
    h.rmsMm = f.rmsMm;
    h.inliers = std::move(idx);
  }
  h.coverage = coverage(samples, h.inliers, h.centre);
  return h;
}

std::vector<HipSphere> findSpheres(const std::vector<SurfaceSample>& samples, const SphereSearch& s) {
  if (samples.size() < 100) return {};
  const Accumulator a = vote(samples, s);
  // Peaks of the 3×3×3-summed votes, strongest first, apart by the separation.
  struct Peak {
    double votes;
    int i, j, k;
  };
  std::vector<Peak> peaks;
  for (int k = 1; k + 1 < a.n[2]; ++k)
    for (int j = 1; j + 1 < a.n[1]; ++j)
      for (int i = 1; i + 1 < a.n[0]; ++i) {
        const float v = a.votes[a.index(i, j, k)];
        if (v < 8) continue;
        double sum = 0;
        bool isMax = true;
        for (int dk = -1; dk <= 1 && isMax; ++dk)
          for (int dj = -1; dj <= 1 && isMax; ++dj)
            for (int di = -1; di <= 1; ++di) {
              const float w = a.votes[a.index(i + di, j + dj, k + dk)];
              sum += w;
              if (w > v || (w == v && (di + 3 * dj + 9 * dk) < 0)) { isMax = false; break; }
            }
        if (isMax) peaks.push_back({sum, i, j, k});
      }
  std::sort(peaks.begin(), peaks.end(), [](const Peak& x, const Peak& y) { return x.votes > y.votes; });
  std::vector<HipSphere> out;
  std::vector<Eigen::Vector3d> taken;
  for (const Peak& p : peaks) {
    if (int(out.size()) >= s.maxCount || p.votes < 0.05 * peaks.front().votes) break;
    const Eigen::Vector3d c = a.centreOf(p.i, p.j, p.k);
    if (std::any_of(taken.begin(), taken.end(), [&](const Eigen::Vector3d& t) { return (t - c).norm() < s.separationMm; })) continue;
    taken.push_back(c);
    const std::size_t idx = a.index(p.i, p.j, p.k);
    const double r = a.radiusSum[idx] / std::max(a.votes[idx], 1.f);
    HipSphere h = refineSphere(samples, s.concave, c, r);
    if (h.inliers.empty() || h.radiusMm < s.minRadiusMm - 3 || h.radiusMm > s.maxRadiusMm + 3) continue;
    h.votes = p.votes;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace tantalus::plan
