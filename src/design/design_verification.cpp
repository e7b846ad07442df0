#include "tantalus/design/design_verification.h"

#include <algorithm>

#include "tantalus/core/trilinear.h"
#include "tantalus/plan/sphere_fit.h"

namespace tantalus::design {

SeatMeasurement measureSeat(const ImplantDesign& d) {
  const machining::AxisFrame& f = d.cup.frame;
  const double lock = d.liner.lockDepthMm();
  std::vector<Eigen::Vector3d> pts;
  const Mesh& m = d.machinedBody;
  for (Eigen::Index i = 0; i < m.faces.rows(); ++i) {
    const Eigen::Vector3d a = corner(m, i, 0), b = corner(m, i, 1), c = corner(m, i, 2);
    const Eigen::Vector3d n = (b - a).cross(c - a), centroid = (a + b + c) / 3.0;
    const Eigen::Vector3d toCentre = f.origin - centroid;
    if (n.norm() == 0 || n.normalized().dot(toCentre.normalized()) < 0.98) continue;  // not facing the centre
    if ((centroid - f.origin).dot(f.axis) > -(lock + 1.0)) continue;                    // the lock, the rim
    if (std::abs(toCentre.norm() - d.cup.seatRadiusMm) > 1.0) continue;                 // a screw hole's countersink
    for (const Eigen::Vector3d& p : {a, b, c}) pts.push_back(p);
  }
  SeatMeasurement s;
  const plan::SphereFit fit = plan::fitSphereRobust(pts, 0.2);
  if (!fit.valid()) return s;
  s.diameterMm = 2 * fit.radiusMm;
  s.rmsMm = fit.rmsMm;
  s.centreOffsetMm = (fit.centre - f.origin).norm();
  s.points = fit.points;
  return s;
}

ContactMeasurement measureContact(const ImplantDesign& d, const Mask& defect, const Mesh& boneMesh, double reachMm,
                                  const Mesh* envelope) {
  const machining::AxisFrame& f = d.cup.frame;
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index i = 0; i < boneMesh.faces.rows(); ++i) {
    const Eigen::Vector3d a = corner(boneMesh, i, 0), b = corner(boneMesh, i, 1), c = corner(boneMesh, i, 2);
    const Eigen::Vector3d centroid = (a + b + c) / 3.0, n = (b - a).cross(c - a);
    const Eigen::Vector3d q = centroid - f.origin;
    const double r = q.norm();
    if (n.norm() == 0 || r <= d.cup.outerRadiusMm + 0.5 || r > d.cup.outerRadiusMm + reachMm - 1.0) continue;
    if (q.dot(f.axis) > d.cup.rimHeightMm - 1.0) continue;
    // Faces whose outside is the defect: the augment was meant to meet them.
    if (maskFraction(defect, centroid + 0.75 * n.normalized()) < 0.5) continue;
    pts.push_back(centroid);
  }
  if (envelope) {
    const std::vector<char> inside = check::insideClosedMesh(*envelope, pts, "the augment envelope");
    std::vector<Eigen::Vector3d> kept;
    for (std::size_t i = 0; i < pts.size(); ++i)
      if (inside[i]) kept.push_back(pts[i]);
    pts.swap(kept);
  }
  ContactMeasurement c;
  c.samples = pts.size();
  if (pts.empty()) return c;
  std::vector<double> dist = check::distancesToSurface(d.outerBody.empty() ? d.printBody : d.outerBody, pts);
  c.within05Fraction = double(std::count_if(dist.begin(), dist.end(), [](double x) { return x <= 0.5; })) / double(dist.size());
  std::sort(dist.begin(), dist.end());
  c.medianMm = dist[dist.size() / 2];
  c.p90Mm = dist[std::min(dist.size() - 1, dist.size() * 9 / 10)];
  return c;
}

DesignVerification verifyDesign(const ImplantDesign& d, const Mask& defect, const Mesh& boneMesh, double reachMm,
                                const Mesh* envelope, const std::string& machine, const Progress& progress) {
  DesignVerification v;
  check::CheckOptions o;
  o.machine = machine;
  const bool layer = d.porousZone.has_value();
  v.print = check::checkMesh(d.printBody, layer ? "the solid part as printed" : "implant_print.stl", o, progress.sub(0.0, 0.4));
  v.machined = check::checkMesh(d.machinedBody, layer ? "the solid part as machined" : "implant_machined.stl", o,
                                progress.sub(0.4, 0.8));
  v.machinedInPrint = check::containment(d.machinedBody, d.printBody, 1e-3, progress.sub(0.8, 0.9));
  v.seat = measureSeat(d);
  v.contact = measureContact(d, defect, boneMesh, reachMm, envelope);
  progress.report(1.0, "verified");
  return v;
}

}  // namespace tantalus::design
