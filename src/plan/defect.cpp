#include "tantalus/plan/defect.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

#include "figure_text.h"
#include "tantalus/core/flood_fill.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::plan {

namespace {

constexpr double kReachMm = 35;  // the search, beyond the cup's sphere

struct Box {
  std::array<int, 3> lo, hi;  // inclusive
};
Box roiAround(const VolumeGeometry& g, const Eigen::Vector3d& c, double r) {
  Box b{{g.size[0], g.size[1], g.size[2]}, {-1, -1, -1}};
  for (int n = 0; n < 8; ++n) {
    const Eigen::Vector3d corner = c + r * Eigen::Vector3d(n & 1 ? 1 : -1, n & 2 ? 1 : -1, n & 4 ? 1 : -1);
    const Eigen::Vector3d x = g.lpsToIndex(corner);
    for (int a = 0; a < 3; ++a) {
      b.lo[std::size_t(a)] = std::max(0, std::min(b.lo[std::size_t(a)], int(std::floor(x[a]))));
      b.hi[std::size_t(a)] = std::min(g.size[std::size_t(a)] - 1, std::max(b.hi[std::size_t(a)], int(std::ceil(x[a]))));
    }
  }
  return b;
}

// Native (the mirrored pelvis has bone) and not host bone, outside the cup's sphere,
// on the affected side, in the box. With `bandIsBone`, the band the segmentation removed
// around the metal counts as bone where the bone just outside it is (the loss figures);
// without, it is lost too (what an augment must fill to reach the host bone).
Mask lostBone(const DefectInputs& in, const Box& b, const Mask& band, bool bandIsBone) {
  const auto& g = in.bone->geometry;
  Mask lost(g);
  const double voxel = g.spacing.maxCoeff();
  for (int k = b.lo[2]; k <= b.hi[2]; ++k)
    for (int j = b.lo[1]; j <= b.hi[1]; ++j)
      for (int i = b.lo[0]; i <= b.hi[0]; ++i) {
        const std::size_t idx = g.index(i, j, k);
        if (in.bone->data[idx]) continue;
        const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
        if ((p - in.cupCentreLps).norm() <= in.cupRadiusMm) continue;
        if ((in.symmetry->signedDistance(p) > 0) != (in.side == Side::left)) continue;
        if (!in.pelvis->atLps(in.symmetry->mirror(p))) continue;
        // Removed with the metal's margin: bone if the bone just outside the band is.
        if (bandIsBone && band.data[idx] && !in.metal->data[idx] && in.oldCupCentreLps) {
          const Eigen::Vector3d out = (p - *in.oldCupCentreLps).normalized();
          if (in.bone->atLps(p + (in.metalBandMm + voxel) * out)) continue;
        }
        lost.data[idx] = 1;
      }
  return lost;
}

// Opening by reconstruction: the components of `m` that hold a voxel whose six
// neighbours are all set, restored whole; thinner sheets are dropped.
Mask openByReconstruction(const Mask& m, const Box& b) {
  const auto& g = m.geometry;
  Mask out(g);
  std::vector<std::size_t> stack;
  auto in = [&](int i, int j, int k) { return g.contains(i, j, k) && m.data[g.index(i, j, k)]; };
  for (int k = b.lo[2]; k <= b.hi[2]; ++k)
    for (int j = b.lo[1]; j <= b.hi[1]; ++j)
      for (int i = b.lo[0]; i <= b.hi[0]; ++i)
        if (in(i, j, k) && in(i + 1, j, k) && in(i - 1, j, k) && in(i, j + 1, k) && in(i, j - 1, k) && in(i, j, k + 1) &&
            in(i, j, k - 1) && !out.data[g.index(i, j, k)]) {
          out.data[g.index(i, j, k)] = 1;
          stack.push_back(g.index(i, j, k));
        }
  floodFill6(g, std::move(stack), [&](std::size_t w) {
    if (!m.data[w] || out.data[w]) return false;
    out.data[w] = 1;
    return true;
  });
  return out;
}

}  // namespace

Defect estimateDefect(const DefectInputs& in, const Progress& progress) {
  const auto& g = in.bone->geometry;
  const Box box = roiAround(g, in.cupCentreLps, in.cupRadiusMm + kReachMm);
  Defect d;
  if (box.hi[0] < box.lo[0] || box.hi[1] < box.lo[1] || box.hi[2] < box.lo[2]) return d;
  const Mask band = in.metal->count() ? segment::dilateMm(*in.metal, in.metalBandMm) : Mask(g);
  progress.report(0.3, "defect");
  const Mask lost = openByReconstruction(lostBone(in, box, band, true), box);
  const double vv = g.voxelVolumeMm3() / 1000.0;
  for (int k = box.lo[2]; k <= box.hi[2]; ++k)
    for (int j = box.lo[1]; j <= box.hi[1]; ++j)
      for (int i = box.lo[0]; i <= box.hi[0]; ++i) {
        if (!lost.data[g.index(i, j, k)]) continue;
        d.volumeMl += vv;
        const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
        if ((p - in.cupCentreLps).norm() > in.cupRadiusMm + kReachMm - 3) d.farMl += vv;
        const Eigen::Vector3d u = in.frame->toFrame(g.indexToLps(Eigen::Vector3d(i, j, k)) - in.cupCentreLps).normalized();
        const double lateral = in.side == Side::left ? u.x() : -u.x();
        if (u.z() > 0.5) d.superiorMl += vv;
        if (lateral < -0.5) d.medialMl += vv;
        if (u.y() > 0.5) d.posteriorMl += vv;
      }
  for (auto [name, ml] : {std::pair{"superior", d.superiorMl}, {"medial", d.medialMl}, {"posterior", d.posteriorMl}})
    if (ml >= 0.5) d.description += (d.description.empty() ? "" : ", ") + std::string(name) + " " + figureText(ml) + " mL";
  if (d.description.empty()) d.description = "contained: no segment has 0.5 mL of bone missing";
  // Bone missing out to the search's edge: streaks (bands of bone read as soft tissue,
  // radiating from the metal) or a defect larger than the search; either way the figure
  // is not to be trusted.
  if (d.farMl > 0.1) d.doubtful = true;
  d.region = openByReconstruction(lostBone(in, box, band, false), box);
  progress.report(1.0, "defect");
  return d;
}

}  // namespace tantalus::plan
