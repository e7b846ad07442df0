// The cup's frame and radii from the plan and the liner; the liner chosen when the
// case says "auto".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "design_internal.h"
#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/resources.h"
#include "tantalus/machining/liner_seat.h"

namespace tantalus::design {

namespace {
// Smallest cup outer diameter (mm, in 2 mm steps) that takes the liner with the walls:
// the dense shell is as thick as asked behind the lock's groove and slots too.
double smallestCupMm(const machining::LinerProfile& l, const DesignParams& p) {
  const double needed = l.seatDiameterMm() + 2 * (l.lockRadialDepthMm() + p.denseShellMm + p.porousMm);
  return 2 * std::ceil(needed / 2 - 1e-9);
}
}  // namespace

machining::LinerProfile chooseLiner(const plan::CupPlan& cup, const DesignParams& p, std::string& reason) {
  if (p.liner != "auto") {
    reason = "the case file's design.liner";
    return machining::loadLinerProfile(p.liner, "design.liner");
  }
  std::optional<machining::LinerProfile> best;
  double smallest = 1e9;  // the smallest cup any shipped spherical liner fits
  for (const auto& name : resourceNames("liners")) {
    machining::LinerProfile l = machining::loadLinerProfile(name);
    if (l.seat != machining::LinerProfile::Seat::Spherical) continue;
    smallest = std::min(smallest, smallestCupMm(l, p));
    if (smallestCupMm(l, p) > cup.outerDiameterMm + 1e-9) continue;
    if (!best || l.outerDiameterMm > best->outerDiameterMm) best = l;
  }
  if (!best)
    throw Error("no shipped liner fits the planned " + fixedText(cup.outerDiameterMm, 0) + " mm cup with a " +
                    fixedText(p.denseShellMm, 1) + " mm dense shell and a " + fixedText(p.porousMm, 1) +
                    " mm porous layer" +
                    (smallest < 1e9 ? " (the smallest cup a shipped liner fits with these walls is " + fixedText(smallest, 0) + " mm)"
                                    : std::string(" (no spherical liner is shipped)")),
                "plan.cup_mm", "plan a larger cup (--cup-mm), thinner walls (design.dense_shell_mm, design.porous_mm), or add the liner's profile to resources/liners");
  reason = "auto: the largest shipped spherical liner the " + fixedText(cup.outerDiameterMm, 0) + " mm cup takes (needs " +
           fixedText(smallestCupMm(*best, p), 0) + " mm)";
  return *best;
}

CupGeometry cupGeometry(const plan::CupPlan& cup, const machining::LinerProfile& liner, const DesignParams& p) {
  if (liner.seat != machining::LinerProfile::Seat::Spherical)
    throw Error("the " + liner.name + " liner has a taper seat: the design step cuts spherical seats only so far", "design.liner",
                "choose a spherical liner, or \"auto\"");
  if (!(cup.outerDiameterMm > 0) || !(cup.axisLps.norm() > 0.5))
    throw Error("the plan has no cup to design from", "plan", "run tantalus plan first and check its report");
  const double needed = smallestCupMm(liner, p);
  if (cup.outerDiameterMm + 1e-9 < needed)
    throw Error("the planned " + fixedText(cup.outerDiameterMm, 0) + " mm cup is too small for the " + liner.name + " liner (" +
                    fixedText(liner.outerDiameterMm, 0) + " mm outside): with a " + fixedText(p.denseShellMm, 1) + " mm dense shell and a " +
                    fixedText(p.porousMm, 1) + " mm porous layer behind its " + fixedText(liner.lockRadialDepthMm(), 1) +
                    " mm deep lock it needs at least " + fixedText(needed, 0) + " mm",
                "plan.cup_mm / design.liner",
                "plan a " + fixedText(needed, 0) + " mm cup (--cup-mm " + fixedText(needed, 0) + "), or set design.liner to \"auto\" or a smaller liner");
  CupGeometry g;
  g.frame = machining::AxisFrame::along(cup.centreLps, cup.axisLps);
  g.outerRadiusMm = 0.5 * cup.outerDiameterMm;
  g.seatRadiusMm = 0.5 * liner.seatDiameterMm();
  g.rimHeightMm = g.outerRadiusMm * std::sin(p.beyondEquatorDeg * M_PI / 180.0);
  g.denseMm = p.denseShellMm;
  g.porousMm = p.porousMm;
  g.wallAtPoleMm = g.outerRadiusMm - machining::seatDepthMm(liner, 0.0);
  return g;
}

}  // namespace tantalus::design
