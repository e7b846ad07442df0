#include "tantalus/plan/cup_proposal.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "figure_text.h"

namespace tantalus::plan {

CorOffset corOffset(const Eigen::Vector3d& from, const Eigen::Vector3d& to, Side side, const PelvicFrame& f) {
  const Eigen::Vector3d d = f.toFrame(to - from);
  return {d.z(), side == Side::left ? d.x() : -d.x(), -d.y()};
}

NativeCentre nativeCentre(const HipAnatomy& a, Side affected, bool affectedHasCup) {
  const std::size_t other = affected == Side::left ? 0 : 1, own = 1 - other;
  NativeCentre n;
  const HipSphere& socket = *a.hip[other].socket;
  n.mirroredLps = a.symmetry.mirror(socket.centre);
  n.socketDiameterMm = 2 * socket.radiusMm;
  if (a.hip[other].head) n.headMirroredLps = a.symmetry.mirror(a.hip[other].head->centre);
  if (!affectedHasCup) n.ownSocketLps = a.hip[own].socket->centre;
  return n;
}

namespace {
// The next even size, with half a millimetre of measurement allowed: 50.9 → 52, 56.1 → 56.
double evenUp(double mm) { return 2 * std::ceil((mm - 0.5) / 2); }
}  // namespace

CupPlan proposeCup(Side side, const NativeCentre& native, const std::optional<OldCup>& old, const PelvicFrame& frame,
                   const PlanParams& params, std::vector<std::string>& warnings) {
  CupPlan c;
  c.centreLps = native.mirroredLps;
  c.centreReason = "the native centre of rotation: the " + std::string(side == Side::left ? "right" : "left") +
                   " acetabulum's centre mirrored through the symmetry plane";
  if (params.cupMm) {
    c.outerDiameterMm = *params.cupMm;
    c.sizeReason = "as given (plan.cup_mm)";
  } else {
    double d = evenUp(native.socketDiameterMm);
    c.sizeReason = "the native acetabulum (" + figureText(native.socketDiameterMm) + " mm) rounded up to 2 mm (±0.5 mm)";
    if (old && evenUp(old->outerDiameterMm + 2) > d) {
      d = evenUp(old->outerDiameterMm + 2);
      c.sizeReason = "2 mm over the old cup (" + figureText(old->outerDiameterMm) + " mm), rounded up to 2 mm (±0.5 mm): its bed is that wide";
    }
    if (d < 42 || d > 68) {
      warnings.push_back("the cup size " + figureText(d) + " mm is outside the range made (42–68 mm); " +
                         figureText(std::clamp(d, 42.0, 68.0)) + " mm is planned");
      c.sizeReason += "; held to the 42–68 mm range";
      d = std::clamp(d, 42.0, 68.0);
    }
    c.outerDiameterMm = d;
  }
  const CupShift& sh = params.cupShift;
  if (sh.superiorMm != 0 || sh.lateralMm != 0 || sh.anteriorMm != 0) {
    // corOffset's inverse: the frame's columns point left, posterior, superior.
    const Eigen::Vector3d inFrame((side == Side::left ? 1 : -1) * sh.lateralMm, -sh.anteriorMm, sh.superiorMm);
    c.centreLps = native.mirroredLps + frame.axes * inFrame;
    c.centreReason = "moved from the native centre of rotation by plan.cup_shift_mm (" + figureText(sh.superiorMm) +
                     " mm superior, " + figureText(sh.lateralMm) + " mm lateral, " + figureText(sh.anteriorMm) + " mm anterior)";
  }
  c.app = {params.inclinationDeg, params.anteversionDeg};
  c.axisLps = (frame.axes * cupAxisFromAngles(side, c.app)).normalized();
  c.scanner = radiographicAngles(c.axisLps);
  c.inLewinnekZone = c.app.inclinationDeg >= 30 && c.app.inclinationDeg <= 50 && c.app.anteversionDeg >= 5 &&
                     c.app.anteversionDeg <= 25;
  if (!c.inLewinnekZone)
    warnings.push_back("the planned cup (" + figureText(c.app.inclinationDeg) + "° inclination, " +
                       figureText(c.app.anteversionDeg) +
                       "° anteversion) is outside the Lewinnek safe zone (30–50°, 5–25°): a higher dislocation risk");
  c.fromNative = corOffset(native.mirroredLps, c.centreLps, side, frame);
  return c;
}

}  // namespace tantalus::plan
