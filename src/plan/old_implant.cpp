#include "tantalus/plan/old_implant.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "figure_text.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::plan {

namespace {
constexpr double kPi = std::numbers::pi;

bool reachesEndSlice(const Mask& m) {
  const auto& g = m.geometry;
  for (const int k : {0, g.size[2] - 1})
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if (m.data[g.index(i, j, k)]) return true;
  return false;
}

// A solid ball: one sphere fits its whole surface, and it fills that sphere.
bool looksLikeHead(MetalPart& part, const std::vector<Eigen::Vector3d>& pts, double voxelMm) {
  const SphereFit f = fitSphereRobust(pts, 1.5 * voxelMm);
  if (!f.valid() || f.points < pts.size() * 9 / 10) return false;
  const double fill = part.volumeMl * 1000 / (4.0 / 3.0 * kPi * std::pow(f.radiusMm, 3));
  if (f.rmsMm > 0.6 * voxelMm || fill < 0.85 || fill > 1.15) return false;
  part.sphere = f;
  part.why = "a ball: one sphere (r " + figureText(f.radiusMm) + " mm, rms " + figureText(f.rmsMm) + " mm) fits its surface, filled " +
             figureText(fill * 100) + " %";
  return true;
}

// A shell: its surface splits into two concentric spheres (outer and inner) a few mm apart.
bool looksLikeShell(MetalPart& part, const std::vector<Eigen::Vector3d>& pts, double voxelMm) {
  const SphereFit all = fitSphere(pts);
  if (!all.valid()) return false;
  std::vector<double> d(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) d[i] = (pts[i] - all.centre).norm();
  double lo = *std::min_element(d.begin(), d.end()), hi = *std::max_element(d.begin(), d.end());
  for (int it = 0; it < 20; ++it) {  // two means on the distance
    double sl = 0, sh = 0;
    std::size_t nl = 0, nh = 0;
    for (const double x : d) (std::abs(x - lo) < std::abs(x - hi) ? (sl += x, ++nl) : (sh += x, ++nh));
    if (!nl || !nh) return false;
    lo = sl / double(nl);
    hi = sh / double(nh);
  }
  std::vector<Eigen::Vector3d> outer, inner;
  for (std::size_t i = 0; i < pts.size(); ++i) (std::abs(d[i] - lo) < std::abs(d[i] - hi) ? inner : outer).push_back(pts[i]);
  SphereFit o = fitSphereRobust(outer, 1.5 * voxelMm), in = fitSphereRobust(inner, 1.5 * voxelMm);
  if (!o.valid() || !in.valid()) return false;
  // The rim's faces (in the opening plane) sit between the spheres and pull the outer
  // one in: refit on the points at least a voxel behind the opening plane.
  const Eigen::Vector3d axis = (o.centre - part.centroidLps).normalized();
  auto behind = [&](const std::vector<Eigen::Vector3d>& v, const Eigen::Vector3d& c) {
    std::vector<Eigen::Vector3d> kept;
    for (const auto& q : v)
      if ((q - c).dot(axis) < -voxelMm) kept.push_back(q);
    return kept;
  };
  if (const SphereFit o2 = fitSphereRobust(behind(outer, o.centre), 1.5 * voxelMm); o2.valid()) o = o2;
  if (const SphereFit in2 = fitSphereRobust(behind(inner, in.centre), 1.5 * voxelMm); in2.valid()) in = in2;
  const double thickness = o.radiusMm - in.radiusMm, offset = (o.centre - in.centre).norm();
  if (thickness < 1.0 || thickness > 15 || offset > std::max(2.0, 2 * voxelMm) || o.radiusMm < 15 || o.radiusMm > 45 ||
      o.rmsMm > 0.6 * voxelMm)
    return false;
  const double shellMl = 2.0 / 3.0 * kPi * (std::pow(o.radiusMm, 3) - std::pow(in.radiusMm, 3)) / 1000;
  const double share = part.volumeMl / shellMl;  // of a hemispherical shell
  if (share < 0.5 || share > 1.5) return false;
  part.sphere = o;
  part.innerRadiusMm = in.radiusMm;
  part.why = "a shell: outer sphere r " + figureText(o.radiusMm) + " mm (rms " + figureText(o.rmsMm) + " mm), inner r " +
             figureText(in.radiusMm) + " mm, centres " + figureText(offset) + " mm apart, " + figureText(share * 100) + " % of a hemispherical shell";
  return true;
}

// A head on its stem is one part (the taper joins them): the metal inside a cup's inner
// sphere is the head; its surface there fits one sphere (the neck's surface is left
// out by the robust refit).
std::optional<SphereFit> headInCup(const std::vector<Eigen::Vector3d>& pts, const OldCup& cup, double voxelMm) {
  const double inner = 0.5 * cup.innerDiameterMm;
  std::vector<Eigen::Vector3d> inside;
  for (const auto& q : pts)
    if ((q - cup.centreLps).norm() <= inner - 0.5 * voxelMm) inside.push_back(q);
  if (inside.size() < 100) return std::nullopt;
  const SphereFit f = fitSphereRobust(inside, 1.5 * voxelMm, 5);
  if (!f.valid() || f.points < inside.size() / 2 || f.rmsMm > 0.6 * voxelMm || f.radiusMm < 8 || f.radiusMm > inner ||
      (f.centre - cup.centreLps).norm() > inner - f.radiusMm + 2)
    return std::nullopt;
  return f;
}

double reachFrom(const std::vector<Eigen::Vector3d>& pts, const Eigen::Vector3d& c) {
  double r = 0;
  for (const auto& q : pts) r = std::max(r, (q - c).norm());
  return r;
}

// Stems: a part that is neither ball nor shell, carries a head inside a cup or reaches
// a separate head (within 3 mm of its sphere), and runs at least 50 mm from it.
void findStems(OldImplant& r, const std::vector<std::vector<Eigen::Vector3d>>& surfaces, double voxelMm) {
  constexpr double kMinReachMm = 50;
  const std::vector<OldHead> separateHeads = r.heads;
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    MetalPart& p = r.parts[i];
    if (p.kind != MetalPart::Kind::other) continue;
    const auto& pts = surfaces[i];
    for (const auto& cup : r.cups)
      if (const auto head = headInCup(pts, cup, voxelMm); head && reachFrom(pts, head->centre) >= kMinReachMm) {
        p.kind = MetalPart::Kind::stem;
        p.sphere = *head;
        p.why = "a stem carrying its head: the metal inside the cup's inner sphere fits a ball (r " + figureText(head->radiusMm) +
                " mm, rms " + figureText(head->rmsMm) + " mm), the part runs " + figureText(reachFrom(pts, head->centre)) +
                " mm from its centre";
        r.heads.push_back(OldHead{head->centre, 2 * head->radiusMm, head->rmsMm});
        break;
      }
    if (p.kind != MetalPart::Kind::other) continue;
    for (const auto& head : separateHeads) {
      double gap = 1e300;
      for (const auto& q : pts) gap = std::min(gap, (q - head.centreLps).norm() - 0.5 * head.diameterMm);
      if (gap <= 3 && reachFrom(pts, head.centreLps) >= kMinReachMm) {
        p.kind = MetalPart::Kind::stem;
        p.why = "a stem: it reaches the head (" + figureText(head.diameterMm) + " mm) within " + figureText(std::max(0.0, gap)) +
                " mm and runs " + figureText(reachFrom(pts, head.centreLps)) + " mm from its centre";
        break;
      }
    }
  }
}

OldCup cupFrom(const MetalPart& shell) {
  OldCup c;
  c.centreLps = shell.sphere.centre;
  c.outerDiameterMm = 2 * shell.sphere.radiusMm;
  c.innerDiameterMm = 2 * shell.innerRadiusMm;
  c.fitRmsMm = shell.sphere.rmsMm;
  // The dome's centroid lies opposite the opening.
  c.axisLps = (c.centreLps - shell.centroidLps).normalized();
  c.side = c.axisLps.x() > 0 ? Side::left : Side::right;  // cups open laterally
  c.scanner = radiographicAngles(c.axisLps);
  return c;
}
}  // namespace

const char* kindName(MetalPart::Kind k) {
  switch (k) {
    case MetalPart::Kind::cupShell: return "cup shell";
    case MetalPart::Kind::head: return "head";
    case MetalPart::Kind::stem: return "stem";
    case MetalPart::Kind::other: return "other";
  }
  return "other";
}

OldImplant analyseOldImplant(const Mask& implant, const Progress& progress) {
  OldImplant r;
  if (implant.count() == 0) return r;
  const double vv = implant.geometry.voxelVolumeMm3() / 1000.0;
  const double voxelMm = implant.geometry.spacing.maxCoeff();
  const segment::Components comps(implant);
  std::vector<std::vector<Eigen::Vector3d>> otherSurfaces;  // by part, kept for the parts classified "other"
  for (std::size_t l = 0; l < comps.count(); ++l) {
    progress.check();
    if (comps.sizes()[l] * vv < OldImplant::kMinPartMl) break;  // sizes are sorted, largest first
    const Mask part = comps.keep({int(l) + 1});
    MetalPart p;
    p.volumeMl = comps.sizes()[l] * vv;
    p.centroidLps = segment::centroidLps(part);
    p.cutByScan = reachesEndSlice(part);
    const std::vector<Eigen::Vector3d> pts = surfacePoints(part);
    if (looksLikeHead(p, pts, voxelMm)) p.kind = MetalPart::Kind::head;
    else if (looksLikeShell(p, pts, voxelMm)) p.kind = MetalPart::Kind::cupShell;
    else p.why = "neither a ball nor a hemispherical shell (a screw, plate, nail or bead, or a stem with no head found on it)";
    r.parts.push_back(p);
    otherSurfaces.push_back(p.kind == MetalPart::Kind::other ? pts : std::vector<Eigen::Vector3d>{});
    progress.report(double(l + 1) / double(comps.count()));
  }
  for (const auto& p : r.parts) {
    if (p.kind == MetalPart::Kind::cupShell) r.cups.push_back(cupFrom(p));
    if (p.kind == MetalPart::Kind::head) r.heads.push_back(OldHead{p.sphere.centre, 2 * p.sphere.radiusMm, p.sphere.rmsMm});
  }
  findStems(r, otherSurfaces, voxelMm);
  if (!r.cups.empty()) r.cup = r.cups.front();
  if (!r.heads.empty()) r.head = r.heads.front();
  return r;
}

}  // namespace tantalus::plan
