// The cup-plus-augment as voxels: the cup's spherical segment, and the defect between
// its outer sphere and the host bone (within the envelope, off the bone by the
// clearance), kept where it is connected to the cup.
#include <algorithm>
#include <array>
#include <cmath>
#include <thread>
#include <vector>

#include "design_internal.h"
#include "flange_footprint.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"
#include "tantalus/core/flood_fill.h"
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

// fn(k, first): slice k, and whether this is the first worker (the one that reports
// progress: a Progress callback need not be thread-safe).
template <class Fn>
void parallelSlices(int n, Fn&& fn) {
  const int threads = std::max(1, std::min(int(std::thread::hardware_concurrency()), 8));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int k = t; k < n; k += threads) fn(k, t == 0);
    });
  for (auto& th : pool) th.join();
}

// Voxel labels; kInDefect is a flag on top (the voxel is in the plan's defect, below the rim).
// kInFlange: the voxel is in the flange's footprint on the ilium.
enum : std::uint8_t { kEmpty = 0, kCup = 1, kCandidate = 2, kAugment = 3, kCupAboveRim = 4, kLabel = 7, kInDefect = 8, kInFlange = 16 };
// Grids beyond this many voxels would take gigabytes (the mask, its hole filling, the mesh).
constexpr double kMaxVoxels = 2.5e8;

struct Classifier {
  const DesignInputs& in;
  const CupGeometry& cup;
  const Mask& defect;
  FlangeFootprint flange = FlangeFootprint::of(in);
  std::vector<Eigen::Vector3d> probes = probeDirections();

  // Bone within the flange's thickness of p (three probe radii).
  bool boneWithin(const Eigen::Vector3d& p, double t) const {
    for (double f : {1.0 / 3, 2.0 / 3, 1.0})
      for (const auto& d : probes)
        if (maskFraction(*in.hostBone, p + f * t * d) >= 0.5) return true;
    return false;
  }

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
  // kCup (kCupAboveRim in the 1 mm the rim cut removes), kCandidate (augment if
  // connected to the cup below the rim) or kEmpty, with kInDefect for the defect within reach.
  std::uint8_t classify(const Eigen::Vector3d& p) const {
    const Eigen::Vector3d q = p - cup.frame.origin;
    const double r = q.norm(), z = q.dot(cup.frame.axis);
    if (z > cup.rimHeightMm + 1.0) return kEmpty;
    if (r <= cup.outerRadiusMm) return z > cup.rimHeightMm ? kCupAboveRim : kCup;
    if (z > cup.rimHeightMm) return kEmpty;
    // The surface lies half a voxel beyond the voxels' centres: the clearance is probed that much further.
    const double c = in.params.boneClearanceMm, probe = c + 0.5 * in.params.voxelMm;
    if (r <= cup.outerRadiusMm + in.params.augmentReachMm) {
      if (maskFraction(defect, p) >= 0.5) return std::uint8_t(kInDefect | (c > 0 && !clearOfBone(p, probe) ? kEmpty : kCandidate));
      // Press-fit: the augment reaches into the bone by the interference.
      if (c < 0 && maskFraction(*in.hostBone, p) >= 0.5 && nearDefect(p, -c)) return kCandidate;
    }
    return flangeAt(p, q, r) ? std::uint8_t(kCandidate | kInFlange) : std::uint8_t(kEmpty);
  }
  // A flange voxel: in the footprint, off the bone (by the clearance), the bone within
  // the flange's thickness (it lies on the bone's surface).
  bool flangeAt(const Eigen::Vector3d& p, const Eigen::Vector3d& q, double r) const {
    if (!flange.contains(q, r, cup.outerRadiusMm) || maskFraction(*in.hostBone, p) >= 0.5) return false;
    const double c = std::max(0.0, in.params.boneClearanceMm), probe = c + 0.5 * in.params.voxelMm;
    if (c > 0 && !clearOfBone(p, probe)) return false;
    return boneWithin(p, c + flange.thicknessMm);
  }
};

// Candidates 6-connected to the cup below its rim become augment; the rest go. Returns
// the augment's voxels and those of them in the defect; `flange` gets the kept flange voxels.
std::pair<std::size_t, std::size_t> keepConnected(Mask& m, Mask& flange) {
  const auto& g = m.geometry;
  std::vector<std::size_t> stack;
  for (std::size_t v = 0; v < g.voxelCount(); ++v)
    if ((m.data[v] & kLabel) == kCup) stack.push_back(v);
  std::size_t kept = 0;
  floodFill6(g, std::move(stack), [&](std::size_t w) {
    if ((m.data[w] & kLabel) != kCandidate) return false;
    m.data[w] = std::uint8_t((m.data[w] & (kInDefect | kInFlange)) | kAugment);
    ++kept;
    return true;
  });
  std::size_t inDefect = 0;
  flange = Mask(m.geometry);
  for (std::size_t v = 0; v < m.data.size(); ++v) {
    std::uint8_t& x = m.data[v];
    const std::uint8_t label = x & kLabel;
    inDefect += label == kAugment && (x & kInDefect);
    flange.data[v] = label == kAugment && (x & kInFlange) && !(x & kInDefect);
    x = (label == kCup || label == kCupAboveRim || label == kAugment) ? 1 : 0;
  }
  return {kept, inDefect};
}

// Candidates outside the closed envelope mesh go (exact side-of-mesh), and the defect
// outside it is no longer the augment's to fill. The flange has its own footprint: the
// augment's envelope does not clip it.
void clipToEnvelope(Mask& m, const Mesh& envelope, const std::string& name) {
  std::vector<std::size_t> ids;
  std::vector<Eigen::Vector3d> points;
  for (std::size_t v = 0; v < m.data.size(); ++v)
    if (((m.data[v] & kLabel) == kCandidate && !(m.data[v] & kInFlange)) || (m.data[v] & kInDefect)) {
      const std::size_t nx = std::size_t(m.geometry.size[0]), ny = std::size_t(m.geometry.size[1]);
      ids.push_back(v);
      points.push_back(m.geometry.indexToLps(Eigen::Vector3d(double(v % nx), double((v / nx) % ny), double(v / (nx * ny)))));
    }
  const std::vector<char> inside = check::insideClosedMesh(envelope, points, name);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!inside[i]) m.data[ids[i]] = kEmpty;
}

}  // namespace

BodyGrid bodyGrid(const DesignInputs& in, const CupGeometry& cup, const Progress& progress) {
  const Mask& defect = in.plan->defect.region;
  if (defect.geometry.voxelCount() == 0 && in.params.augmentReachMm > 0)
    throw Error("the plan carries no defect region", "plan", "run the plan step again (tantalus plan)");
  const double h = in.params.voxelMm;
  const VolumeGeometry grid =
      frameGrid(cup, std::max(in.params.augmentReachMm, in.params.flangeMm > 0 ? in.params.flangeLengthMm : 0.0), h);
  if (double(grid.voxelCount()) > kMaxVoxels)
    throw Error("the design's grid would hold " + std::to_string(grid.voxelCount() / 1000000) + " million voxels (" +
                    std::to_string(grid.size[0]) + " × " + std::to_string(grid.size[1]) + " × " + std::to_string(grid.size[2]) + ")",
                "design.voxel_mm / design.augment_reach_mm / design.flange_length_mm",
                "raise design.voxel_mm (e.g. 0.35) or lower design.augment_reach_mm (or the flange's length)");
  BodyGrid out;
  out.body = Mask(grid);
  const VolumeGeometry& g = out.body.geometry;
  const Classifier cls{in, cup, defect};
  parallelSlices(g.size[2], [&](int k, bool first) {
    if (progress.cancelled()) return;
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) out.body.data[g.index(i, j, k)] = cls.classify(g.indexToLps(Eigen::Vector3d(i, j, k)));
    if (first) progress.report(0.7 * double(k + 1) / g.size[2], "the cup and its augment as voxels");
  });
  progress.check();
  progress.report(0.7, "keeping the augment joined to the cup");
  if (in.envelope) clipToEnvelope(out.body, *in.envelope, in.envelopeName);
  const double ml = h * h * h / 1000.0;
  std::size_t defectVoxels = 0;
  for (std::uint8_t x : out.body.data) defectVoxels += (x & kInDefect) != 0;
  out.defectInEnvelopeMl = double(defectVoxels) * ml;
  const auto [kept, keptInDefect] = keepConnected(out.body, out.flange);
  out.flangeMl = double(out.flange.count()) * ml;
  out.augmentMl = double(kept) * ml - out.flangeMl;
  out.defectFilledMl = double(keptInDefect) * ml;
  // Pockets the defect left inside the augment would be sealed voids (trapped powder).
  out.filledPocketsMl = double(segment::fillHoles(out.body)) * ml;
  progress.report(1.0, "solid body");
  return out;
}

}  // namespace tantalus::design
