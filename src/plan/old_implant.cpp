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
    else p.why = "neither a ball nor a hemispherical shell (a stem, screw, plate, nail or bead)";
    r.parts.push_back(p);
    progress.report(double(l + 1) / double(comps.count()));
  }
  for (const auto& p : r.parts) {
    if (p.kind == MetalPart::Kind::cupShell) r.cups.push_back(cupFrom(p));
    if (p.kind == MetalPart::Kind::head) r.heads.push_back(OldHead{p.sphere.centre, 2 * p.sphere.radiusMm, p.sphere.rmsMm});
  }
  if (!r.cups.empty()) r.cup = r.cups.front();
  if (!r.heads.empty()) r.head = r.heads.front();
  return r;
}

}  // namespace tantalus::plan
