#include "tantalus/plan/screws.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "figure_text.h"
#include "tantalus/core/error.h"

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

namespace {

// The safe-zone geometry around the cup: Wasielewski's quadrants are split by the line
// from the ASIS through the hip centre and its perpendicular at the centre; posterior
// is the side of the frame's posterior axis.
struct Quadrants {
  Eigen::Vector3d asisLine, posterior;
  explicit Quadrants(const ScrewRequest& r) {
    asisLine = (r.cupCentreLps - r.asisLps).normalized();
    posterior = r.frame->axes.col(1) - r.frame->axes.col(1).dot(asisLine) * asisLine;
    posterior.normalize();
  }
  std::string of(const Eigen::Vector3d& u) const {
    return std::string(u.dot(posterior) > 0 ? "posterior" : "anterior") + (u.dot(-asisLine) > 0 ? "-superior" : "-inferior");
  }
};

// A screw from the cup's outer sphere along `u`, as long as its bone allows.
Screw screwAlong(const ScrewRequest& r, const Quadrants& q, const Eigen::Vector3d& u) {
  Screw s;
  s.diameterMm = r.diameterMm;
  s.directionLps = u;
  s.entryLps = r.cupCentreLps + r.cupRadiusMm * u;
  s.boneLengthMm = boneLength(*r.bone, s.entryLps, u, r.diameterMm / 2);
  s.lengthMm = std::clamp(5 * std::floor(s.boneLengthMm / 5), kMinMm, kMaxMm);
  s.quadrant = q.of(u);
  s.tipLps = s.entryLps + s.lengthMm * u;
  s.exitLps = s.entryLps + s.boneLengthMm * u;
  return s;
}

// What the surgeon should check: a tip near the inner cortex, an exit near the notch.
void addWarnings(const ScrewRequest& r, Screw& s) {
  const Eigen::Vector3d exitFrame = r.frame->toFrame(s.exitLps - r.cupCentreLps);
  const double medial = r.side == Side::left ? -exitFrame.x() : exitFrame.x();
  if (s.boneLengthMm >= s.lengthMm && s.boneLengthMm - s.lengthMm < 2 && s.lengthMm < kMaxMm && medial > 0)
    s.warnings.push_back("its tip is " + figureText(s.boneLengthMm - s.lengthMm) +
                         " mm from the inner pelvic cortex: check it does not breach into the pelvis");
  // The greater sciatic notch lies behind the acetabulum, about level with its centre.
  if (exitFrame.y() > 35 && std::abs(exitFrame.z()) < 25)
    s.warnings.push_back("its path leaves the bone " + figureText(exitFrame.y()) +
                         " mm behind the hip centre, near the sciatic notch (sciatic nerve, superior gluteal vessels)");
}

}  // namespace

std::vector<Screw> planScrews(const ScrewRequest& r) {
  const Eigen::Vector3d dome = -r.cupAxisLps.normalized();
  const Quadrants q(r);
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
      if (u.dot(q.posterior) < 0.1) continue;  // the anterior quadrants: vessels, the obturator nerve
      Screw s = screwAlong(r, q, u);
      if (s.boneLengthMm >= kMinMm) candidates.push_back(s);
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
    addWarnings(r, s);
    chosen.push_back(s);
  }
  return chosen;
}

std::vector<Screw> screwsToward(const ScrewRequest& r, const std::vector<Eigen::Vector3d>& targetsLps) {
  const Quadrants q(r);
  std::vector<Screw> out;
  for (std::size_t n = 0; n < targetsLps.size(); ++n) {
    const Eigen::Vector3d d = targetsLps[n] - r.cupCentreLps;
    if (!(d.norm() > 1))
      throw Error("screw " + std::to_string(n + 1) + "'s target is at the cup's centre: it gives no direction", "plan.screw_targets",
                  "aim the screw at a point in the bone beyond the cup");
    Screw s = screwAlong(r, q, d.normalized());
    if (d.norm() < r.cupRadiusMm)
      s.warnings.push_back("its target is inside the cup (" + figureText(d.norm()) + " mm from its centre): it only gives the direction");
    if (s.directionLps.dot(-r.cupAxisLps.normalized()) < 0.05)
      s.warnings.push_back("it leaves the cup on its opening's side, not through its dome: the design leaves it out");
    if (s.quadrant.starts_with("anterior"))
      s.warnings.push_back("it points into the " + s.quadrant +
                           " quadrant, outside Wasielewski's safe zones (the external iliac vessels, the obturator nerve)");
    if (s.boneLengthMm < kMinMm)
      s.warnings.push_back("only " + figureText(s.boneLengthMm) + " mm of bone on its path: less than the shortest screw (" +
                           figureText(kMinMm) + " mm) holds");
    addWarnings(r, s);
    out.push_back(s);
  }
  return out;
}

}  // namespace tantalus::plan
