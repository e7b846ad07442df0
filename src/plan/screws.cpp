#include "tantalus/plan/screws.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "figure_text.h"

namespace tantalus::plan {

namespace {

constexpr double kStepMm = 0.5, kMinMm = 15, kMaxMm = 80;

// Bone along the path from the dome: the screw's core and four points on its
// circumference must all be in bone; a gap of up to 1 mm (a cancellous pore) is crossed.
double boneLength(const Mask& bone, const Eigen::Vector3d& start, const Eigen::Vector3d& u, double radius) {
  const Eigen::Vector3d a = u.unitOrthogonal(), b = u.cross(a);
  double inBone = 0, gap = 0;
  for (double t = 0; t <= kMaxMm + 10; t += kStepMm) {
    const Eigen::Vector3d p = start + t * u;
    const bool all = bone.atLps(p) && bone.atLps(p + radius * a) && bone.atLps(p - radius * a) &&
                     bone.atLps(p + radius * b) && bone.atLps(p - radius * b);
    if (all) {
      inBone = t;
      gap = 0;
    } else if ((gap += kStepMm) > 1.0) {
      break;
    }
  }
  return inBone;
}

}  // namespace

std::vector<Screw> planScrews(const ScrewRequest& r) {
  const Eigen::Vector3d c = r.cupCentreLps, dome = -r.cupAxisLps.normalized();
  // Wasielewski's quadrants: the line from the ASIS through the hip centre and its
  // perpendicular at the centre; posterior is the side of the frame's posterior axis.
  const Eigen::Vector3d asisLine = (c - r.asisLps).normalized();
  Eigen::Vector3d posterior = r.frame->axes.col(1) - r.frame->axes.col(1).dot(asisLine) * asisLine;
  posterior.normalize();
  const Eigen::Vector3d e1 = dome.unitOrthogonal(), e2 = dome.cross(e1);
  const double seatR = std::max(1.0, r.cupRadiusMm - r.seatInsetMm), headR = 0.5 * r.headDiameterMm;
  std::vector<Screw> candidates;
  for (double polar = 10; polar <= 70; polar += 5) {        // from the dome's pole
    const double ring = std::sin(polar * M_PI / 180);
    if (seatR * std::cos(polar * M_PI / 180) - headR * ring < r.headClearOfRimMm) break;  // the head in the lock
    const int around = std::max(6, int(std::round(72 * ring)));
    for (int n = 0; n < around; ++n) {
      const double az = 2 * M_PI * n / around;
      const Eigen::Vector3d u = (std::cos(polar * M_PI / 180) * dome + ring * (std::cos(az) * e1 + std::sin(az) * e2)).normalized();
      if (u.dot(posterior) < 0.1) continue;  // the anterior quadrants: vessels, the obturator nerve
      Screw s;
      s.diameterMm = r.diameterMm;
      s.directionLps = u;
      s.entryLps = c + r.cupRadiusMm * u;
      s.boneLengthMm = boneLength(*r.bone, s.entryLps, u, r.diameterMm / 2);
      s.lengthMm = std::min(kMaxMm, 5 * std::floor(s.boneLengthMm / 5));
      if (s.lengthMm < kMinMm) continue;
      s.quadrant = u.dot(-asisLine) > 0 ? "posterior-superior" : "posterior-inferior";
      s.tipLps = s.entryLps + s.lengthMm * u;
      s.exitLps = s.entryLps + s.boneLengthMm * u;
      candidates.push_back(s);
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Screw& a, const Screw& b) { return a.boneLengthMm > b.boneLengthMm; });
  std::vector<Screw> chosen;
  // Apart by the separation asked, and by the heads' width on the seat (0.5 mm between them, 0.5 mm spare).
  const double headsDeg = 2 * std::asin(std::min(1.0, (headR + 1.0) / seatR)) * 180 / M_PI;
  const double minCos = std::cos(std::max(r.minSeparationDeg, headsDeg) * M_PI / 180);
  for (Screw& s : candidates) {
    if (int(chosen.size()) >= r.count) break;
    if (std::any_of(chosen.begin(), chosen.end(), [&](const Screw& t) { return t.directionLps.dot(s.directionLps) > minCos; }))
      continue;
    const Eigen::Vector3d exitFrame = r.frame->toFrame(s.exitLps - c);
    const double medial = r.side == Side::left ? -exitFrame.x() : exitFrame.x();
    if (s.boneLengthMm - s.lengthMm < 2 && s.lengthMm < kMaxMm && medial > 0)
      s.warnings.push_back("its tip is " + figureText(s.boneLengthMm - s.lengthMm) +
                           " mm from the inner pelvic cortex: check it does not breach into the pelvis");
    // The greater sciatic notch lies behind the acetabulum, about level with its centre.
    if (exitFrame.y() > 35 && std::abs(exitFrame.z()) < 25)
      s.warnings.push_back("its path leaves the bone " + figureText(exitFrame.y()) +
                           " mm behind the hip centre, near the sciatic notch (sciatic nerve, superior gluteal vessels)");
    chosen.push_back(s);
  }
  return chosen;
}

}  // namespace tantalus::plan
