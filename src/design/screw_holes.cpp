// Screw holes: a clearance bore along each planned (radial) trajectory with a
// countersink and counterbore in the seat, so the head sits below the liner's back.
#include <algorithm>
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

// The bore in the hole's frame (origin where the axis meets the seat, axis into the
// cavity). The concave seat rises towards the cavity away from the axis, so a head whose
// top is kRecessMm below the axis point is below the seat everywhere. The counterbore runs
// 6 mm into the cavity, past the printed seat's largest stock (3 mm).
std::vector<machining::ProfilePoint> holeProfile(double boreR, double headR, double throughMm) {
  return {{0.0, -throughMm}, {boreR, -throughMm}, {boreR, -kRecessMm - (headR - boreR)}, {headR, -kRecessMm}, {headR, 6.0},
          {0.0, 6.0}};
}

// Where the head's underside meets the countersink, from the axis point on the seat: the
// screw's length is measured from there.
double headSeatDepthMm(double boreR, double headR) { return kRecessMm + (headR - boreR); }

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

// A kept screw whose head (with 1 mm between them) this one's would overlap on the seat.
const DesignedScrew* headOverlap(const std::vector<DesignedScrew>& kept, const DesignedScrew& d, const CupGeometry& cup,
                                 double headR) {
  const double minAngle = 2.0 * std::asin(std::min(1.0, (headR + 0.5) / cup.seatRadiusMm));
  for (const auto& k : kept)
    if (std::acos(std::clamp(k.directionLps.dot(d.directionLps), -1.0, 1.0)) < minAngle) return &k;
  return nullptr;
}

// Whether the screw's head would reach the liner's lock (groove, slots, rim).
bool headInLock(const DesignedScrew& d, const CupGeometry& cup, const machining::LinerProfile& liner) {
  const double axial = d.directionLps.dot(cup.frame.axis);
  const double headTop = cup.seatRadiusMm * axial + 0.5 * kHeadDiameterMm * std::sqrt(std::max(0.0, 1 - axial * axial));
  return headTop > -(liner.lockDepthMm() + 1.0);
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
      leaveOut("its head would reach within " + fixedText(liner.lockDepthMm() + 1.0, 1) + " mm of the rim, into the liner's lock");
      continue;
    }
    if (const DesignedScrew* near = headOverlap(out.screws, d, cup, headR)) {
      leaveOut("its head would overlap screw " + std::to_string(near->number) + "'s (" +
               fixedText(std::acos(std::clamp(near->directionLps.dot(d.directionLps), -1.0, 1.0)) * 180 / M_PI, 1) +
               "° apart on the seat)");
      continue;
    }
    const double boreR = boreRadiusMm(s.diameterMm);
    const double head = headSeatDepthMm(boreR, headR);  // the length runs from the head's underside
    const auto [boneStart, boneEnd] = boneRun(d, body, hostBone, kMaxScrewMm + cup.outerRadiusMm);
    d.lengthMm = std::min(kMaxScrewMm, 5.0 * std::floor((boneEnd - head - 1.0) / 5.0));
    d.boneMm = d.lengthMm + head - boneStart;
    if (d.boneMm < kMinPurchaseMm) {
      leaveOut("only " + fixedText(std::max(0.0, d.boneMm), 1) + " mm of host bone along it beyond the implant (" +
               fixedText(kMinPurchaseMm, 0) + " mm wanted for purchase)");
      continue;
    }
    d.tipLps = d.seatPointLps + (head + d.lengthMm) * d.directionLps;
    const auto frame = machining::AxisFrame::along(d.seatPointLps, -d.directionLps);
    out.cutters.push_back(machining::revolvedMesh(holeProfile(boreR, headR, through), frame, 48));
    out.shafts.push_back(machining::cylinderMesh(machining::AxisFrame::along(d.seatPointLps, d.directionLps),
                                                 0.5 * s.diameterMm, head, head + d.lengthMm, 32));
    out.screws.push_back(d);
  }
  return out;
}

Mesh seatCutterMesh(const CupGeometry& cup, const machining::LinerProfile& liner, double stockMm, const Progress& progress) {
  machining::SeatCutterOptions o;
  o.stockMm = stockMm;
  o.aboveRimMm = cup.rimHeightMm + 5.0;
  return machining::seatCutter(liner, cup.frame, o, progress);
}

machining::ExactSolid rimAndHoles(const CupGeometry& cup, const std::vector<Mesh>& holes, const Progress& progress) {
  // Everything above the rim plane: the body's voxels run 1 mm past it.
  const double e = 2 * (cup.outerRadiusMm + 45.0);
  machining::ExactSolid all(machining::frameBoxMesh(cup.frame, 0.0, 0.0, {e, e}, cup.rimHeightMm, cup.rimHeightMm + 10.0),
                            "rim cut");
  for (std::size_t i = 0; i < holes.size(); ++i) {
    progress.check();
    all.apply(machining::BooleanOp::Union, holes[i], "screw hole " + std::to_string(i + 1));
  }
  progress.report(1.0, "cutters");
  return all;
}

machining::ExactSolid removedVolume(const Mesh& seat, const std::string& seatName, const machining::ExactSolid& rimAndHoles,
                                    const Progress& progress) {
  machining::ExactSolid all(seat, seatName, progress.sub(0, 0.3));
  all.apply(machining::BooleanOp::Union, rimAndHoles, progress.sub(0.3, 1.0));
  return all;
}

double boreRadiusMm(double screwDiameterMm) { return 0.5 * screwDiameterMm + 0.5 * kBoreClearanceMm; }

}  // namespace tantalus::design
