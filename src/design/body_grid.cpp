// The cup-plus-augment as voxels: the cup's spherical segment, and the defect between
// its outer sphere and the host bone (within the envelope, off the bone by the
// clearance), kept where it is connected to the cup.
#include <algorithm>
#include <array>
#include <cmath>
#include <atomic>
#include <thread>
#include <vector>

#include "design_internal.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"
#include "tantalus/core/trilinear.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::design {

namespace {

VolumeGeometry frameGrid(const CupGeometry& cup, double reachMm, double h) {
  const double e = cup.outerRadiusMm + reachMm + 2 * h;
  const double zTop = cup.rimHeightMm + 1.0 + 2 * h;
  VolumeGeometry g;
  g.spacing = Eigen::Vector3d::Constant(h);
  g.direction.col(0) = cup.frame.u();
  g.direction.col(1) = cup.frame.v();
  g.direction.col(2) = cup.frame.axis;
  g.origin = cup.frame.origin - e * cup.frame.u() - e * cup.frame.v() - e * cup.frame.axis;
  g.size = {int(std::ceil(2 * e / h)) + 1, int(std::ceil(2 * e / h)) + 1, int(std::ceil((zTop + e) / h)) + 1};
  return g;
}

// 26 unit directions (the clearance's probes).
std::vector<Eigen::Vector3d> probeDirections() {
  std::vector<Eigen::Vector3d> d;
  for (int x = -1; x <= 1; ++x)
    for (int y = -1; y <= 1; ++y)
      for (int z = -1; z <= 1; ++z)
        if (x || y || z) d.push_back(Eigen::Vector3d(x, y, z).normalized());
  return d;
}

template <class Fn>
void parallelSlices(int n, Fn&& fn) {
  const int threads = std::max(1, std::min(int(std::thread::hardware_concurrency()), 8));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int k = t; k < n; k += threads) fn(k);
    });
  for (auto& th : pool) th.join();
}

enum : std::uint8_t { kEmpty = 0, kCup = 1, kCandidate = 2, kAugment = 3 };

struct Classifier {
  const DesignInputs& in;
  const CupGeometry& cup;
  const Mask& defect;
  std::vector<Eigen::Vector3d> probes = probeDirections();

  bool clearOfBone(const Eigen::Vector3d& p, double c) const {
    for (const auto& d : probes)
      if (maskFraction(*in.hostBone, p + c * d) >= 0.5) return false;
    return true;
  }
  bool nearDefect(const Eigen::Vector3d& p, double c) const {
    for (const auto& d : probes)
      if (maskFraction(defect, p + c * d) >= 0.5) return true;
    return false;
  }
  // kCup, kCandidate (augment if connected) or kEmpty; `inDefect` counts the envelope's defect.
  std::uint8_t classify(const Eigen::Vector3d& p, bool& inDefect) const {
    const Eigen::Vector3d q = p - cup.frame.origin;
    const double r = q.norm(), z = q.dot(cup.frame.axis);
    inDefect = false;
    if (z > cup.rimHeightMm + 1.0) return kEmpty;
    if (r <= cup.outerRadiusMm) return kCup;
    if (r > cup.outerRadiusMm + in.params.augmentReachMm) return kEmpty;
    const double c = in.params.boneClearanceMm;
    if (maskFraction(defect, p) >= 0.5) {
      inDefect = z <= cup.rimHeightMm;
      return c > 0 && !clearOfBone(p, c) ? kEmpty : kCandidate;
    }
    // Press-fit: the augment reaches into the bone by the interference.
    if (c < 0 && maskFraction(*in.hostBone, p) >= 0.5 && nearDefect(p, -c)) return kCandidate;
    return kEmpty;
  }
};

// Candidates 6-connected to the cup become augment; the rest go.
std::size_t keepConnected(Mask& m) {
  const auto& g = m.geometry;
  std::vector<std::size_t> stack;
  for (std::size_t v = 0; v < g.voxelCount(); ++v)
    if (m.data[v] == kCup) stack.push_back(v);
  const std::size_t nx = std::size_t(g.size[0]), ny = std::size_t(g.size[1]);
  std::size_t kept = 0;
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    const int i = int(v % nx), j = int((v / nx) % ny), k = int(v / (nx * ny));
    for (auto [di, dj, dk] : {std::array{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}) {
      if (!g.contains(i + di, j + dj, k + dk)) continue;
      const std::size_t w = g.index(i + di, j + dj, k + dk);
      if (m.data[w] != kCandidate) continue;
      m.data[w] = kAugment;
      ++kept;
      stack.push_back(w);
    }
  }
  for (auto& x : m.data) x = (x == kCup || x == kAugment) ? 1 : 0;
  return kept;
}

// Candidates outside the closed envelope mesh go (exact side-of-mesh).
void clipToEnvelope(Mask& m, const Mesh& envelope) {
  std::vector<std::size_t> ids;
  std::vector<Eigen::Vector3d> points;
  for (std::size_t v = 0; v < m.data.size(); ++v)
    if (m.data[v] == kCandidate) {
      const std::size_t nx = std::size_t(m.geometry.size[0]), ny = std::size_t(m.geometry.size[1]);
      ids.push_back(v);
      points.push_back(m.geometry.indexToLps(Eigen::Vector3d(double(v % nx), double((v / nx) % ny), double(v / (nx * ny)))));
    }
  const std::vector<char> inside = check::insideClosedMesh(envelope, points);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!inside[i]) m.data[ids[i]] = kEmpty;
}

}  // namespace

BodyGrid bodyGrid(const DesignInputs& in, const CupGeometry& cup, const Progress& progress) {
  const Mask& defect = in.plan->defect.region;
  if (defect.geometry.voxelCount() == 0 && in.params.augmentReachMm > 0)
    throw Error("the plan carries no defect region", "plan", "run the plan step again (tantalus plan)");
  const double h = in.params.voxelMm;
  BodyGrid out;
  out.body = Mask(frameGrid(cup, in.params.augmentReachMm, h));
  const VolumeGeometry& g = out.body.geometry;
  const Classifier cls{in, cup, defect};
  std::vector<std::size_t> defectCount(std::size_t(g.size[2]), 0);
  std::atomic<int> done{0};
  parallelSlices(g.size[2], [&](int k) {
    if (progress.cancelled()) return;
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        bool inDefect = false;
        out.body.data[g.index(i, j, k)] = cls.classify(g.indexToLps(Eigen::Vector3d(i, j, k)), inDefect);
        defectCount[std::size_t(k)] += inDefect;
      }
    ++done;
  });
  progress.check();
  progress.report(0.7, "keeping the augment joined to the cup");
  if (in.envelope) clipToEnvelope(out.body, *in.envelope);
  const double ml = h * h * h / 1000.0;
  for (std::size_t c : defectCount) out.defectInEnvelopeMl += double(c) * ml;
  out.augmentMl = double(keepConnected(out.body)) * ml;
  // Pockets the defect left inside the augment would be sealed voids (trapped powder).
  out.filledPocketsMl = double(segment::fillHoles(out.body)) * ml;
  progress.report(1.0, "solid body");
  return out;
}

}  // namespace tantalus::design
