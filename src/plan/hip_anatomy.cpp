#include "tantalus/plan/hip_anatomy.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>

#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"
#include "figure_text.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::plan {

namespace {

// What an acetabulum must show to be planned on: a quarter of a 52 mm hemisphere's
// surface (about 1000 mm²), a fifth of the sphere's directions, a fit within a voxel.
constexpr double kMinSocketAreaMm2 = 1000, kMinSocketCoverage = 0.2;

struct SocketSearch {
  std::array<std::optional<HipSphere>, 2> sockets;
  std::string weakest;  // when none pair up: what the best candidates showed
};

// The acetabula: of the strongest concave spheres with enough surface, the pair (one
// each side of the body's midline) 140–260 mm apart, level and in line front to back,
// with the most votes.
SocketSearch pickSockets(const std::vector<SurfaceSample>& samples, double midlineX, const VolumeGeometry& g) {
  SphereSearch s;
  s.cellMm = std::max(2.0, 0.75 * g.spacing.maxCoeff());
  s.concave = true;
  s.minRadiusMm = 18;
  s.maxRadiusMm = 36;
  s.maxCount = 8;
  const double sampleArea = std::pow(g.voxelVolumeMm3(), 2.0 / 3.0);
  std::vector<HipSphere> found;
  SocketSearch r;
  double bestArea = 0;
  for (auto& h : findSpheres(samples, s)) {
    const double area = double(h.inliers.size()) * sampleArea;
    bestArea = std::max(bestArea, area);
    if (area >= kMinSocketAreaMm2 && h.coverage >= kMinSocketCoverage && h.rmsMm <= std::max(1.0, 0.5 * g.spacing.maxCoeff()))
      found.push_back(std::move(h));
  }
  r.weakest = "the largest concave spherical patch found has " + std::to_string(std::lround(bestArea)) +
              " mm² of surface, " + std::to_string(std::lround(kMinSocketAreaMm2)) + " needed";
  double bestVotes = 0;
  for (const auto& rs : found)
    for (const auto& ls : found) {
      if (!(rs.centre.x() < midlineX && ls.centre.x() > midlineX)) continue;
      // 140–260 mm apart, along the left–right axis within 25° (a patient turned on the table too).
      const Eigen::Vector3d d = ls.centre - rs.centre;
      if (d.norm() < 140 || d.norm() > 260 || d.x() < d.norm() * std::cos(25 * M_PI / 180)) continue;
      if (rs.votes + ls.votes > bestVotes) bestVotes = rs.votes + ls.votes, r.sockets = {rs, ls};
    }
  return r;
}

// The acetabula as entered (plan.hips): the spheres given, with the bone's surface
// samples on them (for the pelvis's label and the report); the bone's own nearest
// concave sphere is fitted to say how far the entry is from it.
std::array<std::optional<HipSphere>, 2> enteredSockets(const std::vector<SurfaceSample>& samples, const PlanHips& hips,
                                                       const VolumeGeometry& g, std::vector<std::string>& warnings) {
  std::array<std::optional<HipSphere>, 2> out;
  const double tol = std::max(2.0, g.spacing.maxCoeff());
  for (int side = 0; side < 2; ++side) {
    const PlanHip& e = side ? hips.left : hips.right;
    const std::string name = side ? "left" : "right";
    const Eigen::Vector3d c(e.centre[0], e.centre[1], e.centre[2]);
    HipSphere h = samplesOnSphere(samples, true, c, e.diameterMm / 2, tol);
    if (h.inliers.empty())
      throw Error("no bone surface faces the entered " + name + " acetabulum (centre " + pointMmText(c) + " LPS, " +
                      figureText(e.diameterMm) + " mm across, within " + figureText(tol) + " mm of its sphere)",
                  "plan.hips." + name,
                  "check the centre (LPS mm: +x is the patient's left, +y posterior, +z superior) and the diameter against the CT");
    std::string check = "the bone's own nearest concave sphere could not be fitted there";
    if (const HipSphere fit = refineSphere(samples, true, c, e.diameterMm / 2, 2 * tol); !fit.inliers.empty())
      check = "the bone's own nearest concave sphere lies " + figureText((fit.centre - c).norm()) + " mm from it, " +
              figureText(2 * fit.radiusMm) + " mm across";
    warnings.push_back("the " + name + " acetabulum is as entered (plan.hips." + name + "), not found: " +
                       std::to_string(h.inliers.size()) + " surface samples within " + figureText(tol) + " mm of it (rms " +
                       figureText(h.rmsMm) + " mm, " + figureText(100 * h.coverage) + " % of its directions); " + check);
    out[std::size_t(side)] = std::move(h);
  }
  return out;
}

// A native femoral head: a convex sphere centred within 8 mm of the socket's centre.
std::optional<HipSphere> pickHead(const std::vector<SurfaceSample>& samples, const HipSphere& socket) {
  std::vector<SurfaceSample> near;
  std::vector<std::size_t> back;
  for (std::size_t n = 0; n < samples.size(); ++n)
    if ((samples[n].p - socket.centre).norm() < socket.radiusMm + 10) near.push_back(samples[n]), back.push_back(n);
  HipSphere h = refineSphere(near, false, socket.centre, std::max(15.0, socket.radiusMm - 2.0));
  if (h.inliers.empty() || (h.centre - socket.centre).norm() > 8 || h.radiusMm < 15 || h.radiusMm > 32 || h.coverage < 0.15)
    return std::nullopt;
  for (auto& i : h.inliers) i = back[i];
  return h;
}

struct VoxelIndex {
  int i, j, k;
};
VoxelIndex ijk(const VolumeGeometry& g, std::size_t v) {
  const std::size_t nx = std::size_t(g.size[0]), ny = std::size_t(g.size[1]);
  return {int(v % nx), int((v / nx) % ny), int(v / (nx * ny))};
}

int majorityLabel(const segment::Components& c, const VolumeGeometry& g, const std::vector<SurfaceSample>& samples,
                  const std::vector<std::size_t>& inliers) {
  std::map<int, std::size_t> votes;
  for (std::size_t n : inliers) {
    const VoxelIndex v = ijk(g, samples[n].voxel);
    ++votes[c.labelAt(v.i, v.j, v.k)];
  }
  int best = 0;
  std::size_t most = 0;
  for (auto [label, count] : votes)
    if (label > 0 && count > most) best = label, most = count;
  return best;
}

// A part below a hip centre and lateral on its side, not the pelvis and without a
// femoral head: that side's femur, its head replaced.
std::string headlessFemur(const Eigen::Vector3d& centroid, const HipAnatomy& a, double midlineX) {
  for (int side = 0; side < 2; ++side) {
    const Eigen::Vector3d c = a.hip[std::size_t(side)].socket->centre;
    const bool sameSide = (centroid.x() > midlineX) == (side == 1);
    if (sameSide && centroid.z() < c.z() && std::abs(centroid.x() - midlineX) > 0.5 * std::abs(c.x() - midlineX) &&
        (centroid - c).norm() < 200)
      return side ? "left femur" : "right femur";
  }
  return {};
}

std::vector<BonePart> labelParts(const Mask& bone, const segment::Components& comps, const std::vector<int>& pelvis,
                                 const std::array<int, 2>& femur, const HipAnatomy& a, double midlineX) {
  const auto& g = bone.geometry;
  const std::size_t n = comps.count();
  std::vector<Eigen::Vector3d> sum(n + 1, Eigen::Vector3d::Zero());
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if (int l = comps.labelAt(i, j, k)) sum[std::size_t(l)] += g.indexToLps(Eigen::Vector3d(i, j, k));
  std::vector<BonePart> parts;
  for (std::size_t l = 1; l <= n; ++l) {
    BonePart p;
    const std::size_t voxels = comps.sizes()[l - 1];
    p.volumeMl = double(voxels) * g.voxelVolumeMm3() / 1000.0;
    if (p.volumeMl < 1.0) continue;  // crumbs are reported in segment.json, not here
    p.centroidLps = sum[l] / double(voxels);
    const bool isPelvis = std::find(pelvis.begin(), pelvis.end(), int(l)) != pelvis.end();
    if (isPelvis) {
      p.kind = "pelvis";
      p.why = "holds an acetabulum";
      for (int side = 0; side < 2; ++side)
        if (femur[std::size_t(side)] == int(l))
          p.why += std::string("; the ") + (side ? "left" : "right") + " femur is joined to it (joint space below the resolution)";
    } else if (femur[0] == int(l) || femur[1] == int(l)) {
      p.kind = femur[0] == int(l) ? "right femur" : "left femur";
      p.why = "holds a femoral head";
    } else if (const std::string f = headlessFemur(p.centroidLps, a, midlineX); !f.empty() && p.volumeMl > 20) {
      p.kind = f;
      p.why = "below and lateral of the hip centre, with no femoral head: the head is replaced";
    } else {
      p.kind = "other";
      p.why = "neither acetabulum nor femur: the table, a board, loose bone";
    }
    parts.push_back(p);
  }
  return parts;
}

// The pelvis's surface: samples in its components, less a joined femur (its head's
// sphere, and what lies lateral of and below the hip centre).
std::vector<Eigen::Vector3d> pelvisPoints(const std::vector<SurfaceSample>& samples, const segment::Components& comps,
                                          const VolumeGeometry& g, const std::vector<int>& pelvis,
                                          const std::array<int, 2>& femur, const HipAnatomy& a, double midlineX) {
  std::vector<Eigen::Vector3d> out;
  for (const auto& s : samples) {
    const VoxelIndex v = ijk(g, s.voxel);
    const int label = comps.labelAt(v.i, v.j, v.k);
    if (std::find(pelvis.begin(), pelvis.end(), label) == pelvis.end()) continue;
    bool femoral = false;
    for (int side = 0; side < 2; ++side) {
      if (femur[std::size_t(side)] != label) continue;
      const HipJoint& h = a.hip[std::size_t(side)];
      const Eigen::Vector3d c = h.socket->centre;
      if (h.head && (s.p - h.head->centre).norm() < h.head->radiusMm + 1.5) femoral = true;
      const double lateral = side ? s.p.x() - c.x() : c.x() - s.p.x();
      if (lateral > 0 && s.p.z() < c.z() - 10 && std::abs(s.p.x() - midlineX) > std::abs(c.x() - midlineX)) femoral = true;
    }
    if (!femoral) out.push_back(s.p);
  }
  return out;
}

Mask pelvisMask(const segment::Components& comps, const VolumeGeometry& g, const std::vector<int>& pelvis,
                const std::array<int, 2>& femur, const HipAnatomy& a) {
  Mask m = comps.keep(pelvis);
  for (int side = 0; side < 2; ++side) {
    const auto& head = a.hip[std::size_t(side)].head;
    if (!head || std::find(pelvis.begin(), pelvis.end(), femur[std::size_t(side)]) == pelvis.end()) continue;
    const double r = head->radiusMm + 1.5;
    const Eigen::Vector3d lo = g.lpsToIndex(head->centre - Eigen::Vector3d::Constant(r)),
                          hi = g.lpsToIndex(head->centre + Eigen::Vector3d::Constant(r));
    for (int k = std::max(0, int(std::min(lo.z(), hi.z()))); k <= std::min(g.size[2] - 1, int(std::max(lo.z(), hi.z())) + 1); ++k)
      for (int j = std::max(0, int(std::min(lo.y(), hi.y()))); j <= std::min(g.size[1] - 1, int(std::max(lo.y(), hi.y())) + 1); ++j)
        for (int i = std::max(0, int(std::min(lo.x(), hi.x()))); i <= std::min(g.size[0] - 1, int(std::max(lo.x(), hi.x())) + 1); ++i)
          if ((g.indexToLps(Eigen::Vector3d(i, j, k)) - head->centre).norm() <= r) m.data[g.index(i, j, k)] = 0;
  }
  return m;
}

PelvicLandmarks enteredLandmarks(const PlanLandmarks& e) {
  auto v = [](const std::array<double, 3>& a) { return Eigen::Vector3d(a[0], a[1], a[2]); };
  PelvicLandmarks l;
  l.asis[0] = v(e.asisRight), l.asis[1] = v(e.asisLeft);
  l.pubicTubercle[0] = v(e.pubicTubercleRight), l.pubicTubercle[1] = v(e.pubicTubercleLeft);
  l.source = "case file";
  return l;
}

}  // namespace

HipAnatomy findHipAnatomy(const Mask& bone, const std::optional<PlanLandmarks>& entered,
                          const std::optional<PlanHips>& enteredHips, const Progress& progress) {
  HipAnatomy a;
  const std::vector<SurfaceSample> samples = boneSurfaceSamples(bone);
  progress.report(0.15, "bone surface");
  const double midlineX = segment::centroidLps(bone).x();
  SocketSearch search;
  if (enteredHips)
    search.sockets = enteredSockets(samples, *enteredHips, bone.geometry, a.warnings);
  else
    search = pickSockets(samples, midlineX, bone.geometry);
  const auto& sockets = search.sockets;
  progress.report(0.45, "acetabula");
  if (!sockets[0] || !sockets[1]) {
    const Eigen::Vector3d sp = bone.geometry.spacing;
    throw Error("no pelvis found: no pair of acetabula (concave spheres 36–72 mm across, one each side, level) in the "
                "bone's surface (voxels " + figureText(sp[0]) + " × " + figureText(sp[1]) + " × " + figureText(sp[2]) +
                    " mm; " + search.weakest + ")",
                "plan",
                "is this a CT of the pelvis and both hips? A native hip's joint space (2–4 mm) must show: a planning "
                "CT needs voxels of about 1 mm; check the bone window (segmentation.preset) too. On a coarser scan, "
                "enter both acetabula by hand (plan.hips: each a centre and diameter_mm, docs/case-file.md)");
  }
  for (int side = 0; side < 2; ++side) {
    a.hip[std::size_t(side)].socket = sockets[std::size_t(side)];
    a.hip[std::size_t(side)].head = pickHead(samples, *sockets[std::size_t(side)]);
  }
  const segment::Components comps(bone);
  std::vector<int> pelvis;
  std::array<int, 2> femur{0, 0};
  for (int side = 0; side < 2; ++side) {
    const int l = majorityLabel(comps, bone.geometry, samples, a.hip[std::size_t(side)].socket->inliers);
    if (l && std::find(pelvis.begin(), pelvis.end(), l) == pelvis.end()) pelvis.push_back(l);
    if (const auto& h = a.hip[std::size_t(side)].head) femur[std::size_t(side)] = majorityLabel(comps, bone.geometry, samples, h->inliers);
  }
  a.parts = labelParts(bone, comps, pelvis, femur, a, midlineX);
  a.pelvis = pelvisMask(comps, bone.geometry, pelvis, femur, a);
  const std::vector<Eigen::Vector3d> pts = pelvisPoints(samples, comps, bone.geometry, pelvis, femur, a, midlineX);
  progress.report(0.55, "pelvis");
  const Eigen::Vector3d cr = a.hip[0].socket->centre, cl = a.hip[1].socket->centre;
  a.symmetry = fitSymmetryPlane(pts, cl - cr, 0.5 * (cl + cr), 0.75, progress.sub(0.55, 0.9));
  if (a.symmetry.matchedFraction < 0.5)
    throw Error("the pelvis does not match its mirror image (" + figureText(100 * a.symmetry.matchedFraction) +
                    " % of its surface found a partner within 8 mm): no symmetry plane",
                "plan", "check the bone segmentation; a pelvis cut off on one side cannot be mirrored");
  const double level = 0.5 * (cl + cr).dot(provisionalAxes(a.symmetry).superior);
  if (entered) {
    a.landmarks = enteredLandmarks(*entered);
    checkLandmarks(a.landmarks, a.symmetry, level);
  } else {
    a.landmarks = findLandmarks(pts, a.symmetry, level, bone.geometry, a.warnings);
  }
  a.frame = pelvicFrame(a.landmarks);
  if (a.symmetry.residualMm > 3)
    a.warnings.push_back("the pelvis is not symmetric to within 3 mm (residual " + figureText(a.symmetry.residualMm) +
                         " mm): the mirrored centre of rotation is less certain");
  progress.report(1.0, "landmarks");
  return a;
}

}  // namespace tantalus::plan
