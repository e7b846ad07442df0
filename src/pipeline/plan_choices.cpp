#include "plan_choices.h"

#include "tantalus/core/number_text.h"

namespace tantalus::pipeline {

namespace {

std::string num(double v, int digits = 1) { return fixedText(v, digits); }
std::string point(const Eigen::Vector3d& v) { return pointMmText(v) + " LPS"; }

std::string givenOr(bool given, const std::string& field, const std::string& otherwise) {
  return given ? "as given (" + field + ")" : otherwise;
}

}  // namespace

std::vector<CaseChoice> planChoices(const CaseFile& c, const io::ImportResult& imported, const plan::HipPlan& p) {
  std::vector<CaseChoice> out;
  if (!imported.choiceNote.empty())
    out.push_back({"import", "series", imported.volume.seriesUid.empty() ? "(the file)" : imported.volume.seriesUid,
                   imported.choiceNote});
  out.push_back({"plan", "side", plan::sideName(p.side.side), p.side.reason});
  out.push_back({"plan", "cup_mm", num(p.cup.outerDiameterMm, 0), givenOr(c.plan.cupMm.has_value(), "plan.cup_mm", p.cup.sizeReason)});
  out.push_back({"plan", "centre", point(p.cup.centreLps), p.cup.centreReason});
  const bool defaults = c.plan.inclinationDeg == PlanParams{}.inclinationDeg && c.plan.anteversionDeg == PlanParams{}.anteversionDeg;
  out.push_back({"plan", "angles", num(p.cup.app.inclinationDeg) + "° / " + num(p.cup.app.anteversionDeg) + "° (APP)",
                 std::string(defaults ? "the defaults" : "as given") +
                     " (plan.inclination_deg, plan.anteversion_deg), radiographic, relative to the APP; " +
                     (p.cup.inLewinnekZone ? "in" : "outside") + " the Lewinnek zone"});
  out.push_back({"plan", "acetabula", c.plan.hips ? "entered" : "found",
                 c.plan.hips ? "both hips' spheres entered in plan.hips (each checked against the bone's surface: see the "
                               "plan's warnings)"
                             : "the pair of concave spheres in the bone's surface, one each side, level; enter them in "
                               "plan.hips to correct them"});
  out.push_back({"plan", "landmarks", p.anatomy.landmarks.source,
                 p.anatomy.landmarks.source == "found"
                     ? "both ASIS and pubic tubercles from the pelvis's front outline in its own frame; enter them in "
                       "plan.landmarks to correct them"
                     : "entered in plan.landmarks"});
  if (c.plan.screwTargets)
    out.push_back({"plan", "screws", std::to_string(p.screws.size()) + " chosen by hand",
                   "each aimed at its point in plan.screw_targets, as long as the bone allows (15–80 mm in 5 mm steps)"});
  else
    out.push_back({"plan", "screws", std::to_string(p.screws.size()) + " of " + std::to_string(c.plan.screws),
                   "as many as the posterior quadrants hold, at least 20° apart, each as long as the bone allows (15–80 mm)"});
  return out;
}

}  // namespace tantalus::pipeline
