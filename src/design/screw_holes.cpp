// Screw holes: a clearance bore along each planned (radial) trajectory with a
// countersink and counterbore in the seat, so the head sits below the liner's back.
#include <cmath>

#include "design_internal.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/trilinear.h"
#include "tantalus/machining/liner_seat.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::design {

namespace {
// A generic 6.5 mm cancellous screw (illustrative, docs/design.md): head Ø 10 mm under a
// 45° countersink; the bore is 0.5 mm over the thread.
constexpr double kHeadDiameterMm = 10.0, kBoreClearanceMm = 0.5, kRecessMm = 0.5;

// The bore in the hole's frame (origin on the seat, axis into the cavity).
std::vector<machining::ProfilePoint> holeProfile(double boreR, double headR, double seatR, double throughMm) {
  // The seat falls away from its tangent plane by headR²/2R at the head's rim: the head
  // sits that much plus the recess below the point where the axis meets the seat.
  const double d0 = headR * headR / (2 * seatR) + kRecessMm;
  return {{0.0, -throughMm}, {boreR, -throughMm}, {boreR, -d0 - (headR - boreR)}, {headR, -d0}, {headR, 3.0}, {0.0, 3.0}};
}

// Lowest point of the lock (groove, slots) below the rim plane, and the rim itself.
double lockDepthMm(const machining::LinerProfile& l) {
  double d = 0;
  if (l.hasGroove()) d = std::max(d, l.grooveFromRimMm + 0.5 * l.grooveWidthMm);
  if (l.slotCount > 0) d = std::max(d, l.slotDepthMm);
  return d;
}
}  // namespace

namespace {
constexpr double kMinPurchaseMm = 20.0, kMaxScrewMm = 80.0;

// From the seat point along the screw: the implant (the solid body's voxels), then the
// first run of host bone. Sets implantMm, returns where the bone starts and ends.
std::pair<double, double> boneRun(DesignedScrew& d, const Mask& body, const Mask& hostBone, double reachMm) {
  const double step = 0.1;
  double t = 0;
  while (t < reachMm && body.atLps(d.seatPointLps + t * d.directionLps)) t += step;
  d.implantMm = t;
  while (t < reachMm && maskFraction(hostBone, d.seatPointLps + t * d.directionLps) < 0.5) t += step;  // a gap
  const double start = t;
  while (t < reachMm && maskFraction(hostBone, d.seatPointLps + t * d.directionLps) >= 0.5) t += step;
  d.boneFraction = t > d.implantMm ? (t - start) / (t - d.implantMm) : 0.0;
  return {start, t};
}

// Whether the screw's head would reach the liner's lock (groove, slots, rim).
bool headInLock(const DesignedScrew& d, const CupGeometry& cup, const machining::LinerProfile& liner) {
  const double axial = d.directionLps.dot(cup.frame.axis);
  const double headTop = cup.seatRadiusMm * axial + 0.5 * kHeadDiameterMm * std::sqrt(std::max(0.0, 1 - axial * axial));
  return headTop > -(lockDepthMm(liner) + 1.0);
}
}  // namespace

ScrewHoles screwHoles(const plan::HipPlan& plan, const CupGeometry& cup, const machining::LinerProfile& liner,
                      const Mask& body, const Mask& hostBone) {
  ScrewHoles out;
  const double headR = 0.5 * kHeadDiameterMm;
  const double through = 2 * (cup.outerRadiusMm + 45.0);
  for (std::size_t n = 0; n < plan.screws.size(); ++n) {
    const plan::Screw& s = plan.screws[n];
    DesignedScrew d;
    d.number = int(n + 1);
    d.directionLps = s.directionLps.normalized();
    d.seatPointLps = cup.frame.origin + cup.seatRadiusMm * d.directionLps;
    d.diameterMm = s.diameterMm;
    auto leaveOut = [&](const std::string& why) {
      out.leftOut.push_back(d.number);
      out.warnings.push_back("screw " + std::to_string(d.number) + " left out: " + why);
    };
    if (headInLock(d, cup, liner)) {
      leaveOut("its head would reach within " + fixedText(lockDepthMm(liner) + 1.0, 1) + " mm of the rim, into the liner's lock");
      continue;
    }
    const auto [boneStart, boneEnd] = boneRun(d, body, hostBone, kMaxScrewMm + cup.outerRadiusMm);
    d.lengthMm = std::min(kMaxScrewMm, 5.0 * std::floor((boneEnd - 1.0) / 5.0));
    d.boneMm = d.lengthMm - boneStart;
    if (d.boneMm < kMinPurchaseMm) {
      leaveOut("only " + fixedText(std::max(0.0, d.boneMm), 1) + " mm of host bone along it beyond the implant (" +
               fixedText(kMinPurchaseMm, 0) + " mm wanted for purchase)");
      continue;
    }
    d.tipLps = d.seatPointLps + d.lengthMm * d.directionLps;
    const auto frame = machining::AxisFrame::along(d.seatPointLps, -d.directionLps);
    const double boreR = 0.5 * s.diameterMm + 0.5 * kBoreClearanceMm;
    out.cutters.push_back(machining::revolvedMesh(holeProfile(boreR, headR, cup.seatRadiusMm, through), frame, 48));
    out.shafts.push_back(machining::cylinderMesh(machining::AxisFrame::along(d.seatPointLps, d.directionLps),
                                                 0.5 * s.diameterMm, 0.0, d.lengthMm, 32));
    out.screws.push_back(d);
  }
  return out;
}

machining::ExactSolid removedVolume(const CupGeometry& cup, const machining::LinerProfile& liner, double stockMm,
                                    const std::vector<Mesh>& holes, const Progress& progress) {
  machining::SeatCutterOptions o;
  o.stockMm = stockMm;
  o.aboveRimMm = cup.rimHeightMm + 5.0;
  machining::ExactSolid all(machining::seatCutter(liner, cup.frame, o, progress.sub(0, 0.3)),
                           stockMm > 0 ? "seat as printed" : "finished seat");
  // Everything above the rim plane: the body's voxels run 1 mm past it.
  const double e = 2 * (cup.outerRadiusMm + 45.0);
  all.apply(machining::BooleanOp::Union,
            machining::frameBoxMesh(cup.frame, 0.0, 0.0, {e, e}, cup.rimHeightMm, cup.rimHeightMm + 10.0), "rim cut");
  for (std::size_t i = 0; i < holes.size(); ++i) {
    progress.check();
    all.apply(machining::BooleanOp::Union, holes[i], "screw hole " + std::to_string(i + 1));
  }
  progress.report(1.0, "cutters");
  return all;
}

}  // namespace tantalus::design
