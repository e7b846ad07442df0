#include "gui/model/plan_handles.h"

#include <algorithm>
#include <cmath>

#include "gui/model/plan_readout.h"
#include "tantalus/core/error.h"

namespace tantalus::gui {

namespace {

const char* const kLandmarkIds[4] = {"asis_right", "asis_left", "pubic_tubercle_right", "pubic_tubercle_left"};
const char* const kLandmarkLabels[4] = {"ASIS R", "ASIS L", "PT R", "PT L"};

Eigen::Vector3d landmarkOf(const plan::PelvicLandmarks& l, int i) {
  return i < 2 ? l.asis[i == 0 ? 0 : 1] : l.pubicTubercle[i == 2 ? 0 : 1];
}

std::array<double, 3> arr(const Eigen::Vector3d& v) { return {v.x(), v.y(), v.z()}; }
double tenth(double v) { return std::round(v * 10) / 10; }

std::size_t screwIndex(const std::string& id, std::size_t count) {
  std::size_t n = 0;
  if (id.rfind("screw ", 0) == 0) n = std::size_t(std::atoi(id.c_str() + 6));
  if (n < 1 || n > count) throw Error("the plan has no handle '" + id + "'", "plan handles", "press Plan and try again");
  return n - 1;
}

// A screw's target must lie beyond the cup's outer sphere: inside it (the crosshair left
// at the cup's centre after planning) it gives no direction the surgeon meant.
void checkTarget(const plan::HipPlan& p, const Eigen::Vector3d& t) {
  if ((t - p.cup.centreLps).norm() <= p.cup.outerDiameterMm / 2)
    throw Error("the screw's target is inside the planned cup", "plan.screw_targets",
                "put the crosshair in the bone beyond the cup (click there on a slice), then add the screw");
}

}  // namespace

std::vector<PlanHandle> planHandles(const plan::HipPlan& p) {
  std::vector<PlanHandle> out;
  out.push_back({PlanHandle::Kind::cup, "cup", "cup", p.cup.centreLps});
  for (int i = 0; i < 4; ++i)
    out.push_back({PlanHandle::Kind::landmark, kLandmarkIds[i], kLandmarkLabels[i], landmarkOf(p.anatomy.landmarks, i)});
  for (std::size_t n = 0; n < p.screws.size(); ++n)
    out.push_back({PlanHandle::Kind::screw, "screw " + std::to_string(n + 1), std::to_string(n + 1), p.screws[n].tipLps});
  return out;
}

std::vector<PlanHandle> cupHandles(const plan::HipPlan& p) {
  const plan::CupPlan& cup = p.cup;
  const double r = cup.outerDiameterMm / 2;
  const Eigen::Vector3d axis = cup.axisLps.normalized();
  // The rim point on the side of the pelvis's superior axis (seen from the front, above the cup).
  Eigen::Vector3d up = p.anatomy.frame.axes.col(2) - p.anatomy.frame.axes.col(2).dot(axis) * axis;
  if (up.norm() < 1e-6) up = axis.unitOrthogonal();
  return {{PlanHandle::Kind::cup, "cup", "cup", cup.centreLps},
          {PlanHandle::Kind::cupAxis, "cup axis", "angles", cup.centreLps + (r + kAxisHandleBeyondMm) * axis},
          {PlanHandle::Kind::cupRim, "cup rim", "size", cup.centreLps + r * up.normalized()}};
}

void dropHandle(CaseFile& c, const plan::HipPlan& p, const std::string& id, const Eigen::Vector3d& lps) {
  if (id == "cup axis") {  // cup_proposal's inverse: axis = frame · cupAxisFromAngles(side, app)
    const Eigen::Vector3d d = lps - p.cup.centreLps;
    if (d.norm() < 1) return;
    const plan::CupAngles a = plan::radiographicAngles(p.anatomy.frame.toFrame(d));
    const auto half = [](double v) { return std::round(v * 2) / 2; };
    c.plan.inclinationDeg = std::clamp(half(a.inclinationDeg), 20.0, 70.0);
    c.plan.anteversionDeg = std::clamp(half(a.anteversionDeg), -10.0, 45.0);
    return;
  }
  if (id == "cup rim") {  // the distance from the axis is the outer radius
    const Eigen::Vector3d d = lps - p.cup.centreLps, axis = p.cup.axisLps.normalized();
    const double across = 2 * (d - d.dot(axis) * axis).norm();
    c.plan.cupMm = std::clamp(2 * std::round(across / 2), 42.0, 68.0);
    return;
  }
  if (id == "cup") {  // cup_proposal's inverse: centre = native + axes · (±lateral, −anterior, superior)
    const Eigen::Vector3d f = p.anatomy.frame.toFrame(lps - p.native.mirroredLps);
    c.plan.cupShift = {tenth(f.z()), tenth(p.side.side == plan::Side::left ? f.x() : -f.x()), tenth(-f.y())};
    return;
  }
  for (int i = 0; i < 4; ++i)
    if (id == kLandmarkIds[i]) {
      if (!c.plan.landmarks) {
        const auto& l = p.anatomy.landmarks;
        c.plan.landmarks = PlanLandmarks{arr(l.asis[0]), arr(l.asis[1]), arr(l.pubicTubercle[0]), arr(l.pubicTubercle[1])};
      }
      std::array<double, 3>* slots[4] = {&c.plan.landmarks->asisRight, &c.plan.landmarks->asisLeft,
                                         &c.plan.landmarks->pubicTubercleRight, &c.plan.landmarks->pubicTubercleLeft};
      *slots[i] = {tenth(lps.x()), tenth(lps.y()), tenth(lps.z())};
      return;
    }
  std::vector<std::array<double, 3>> targets = screwTargets(c, p);
  const std::size_t n = screwIndex(id, targets.size());
  checkTarget(p, lps);
  targets[n] = arr(lps);
  c.plan.screwTargets = targets;
}

std::vector<std::array<double, 3>> screwTargets(const CaseFile& c, const plan::HipPlan& p) {
  if (c.plan.screwTargets) return *c.plan.screwTargets;
  std::vector<std::array<double, 3>> out;
  for (const auto& s : p.screws) out.push_back(arr(s.tipLps));
  return out;
}

void addScrew(CaseFile& c, const plan::HipPlan& p, const Eigen::Vector3d& targetLps) {
  checkTarget(p, targetLps);
  std::vector<std::array<double, 3>> targets = screwTargets(c, p);
  targets.push_back(arr(targetLps));
  c.plan.screwTargets = targets;
}

void removeScrew(CaseFile& c, const plan::HipPlan& p, std::size_t index) {
  std::vector<std::array<double, 3>> targets = screwTargets(c, p);
  targets.erase(targets.begin() + std::ptrdiff_t(screwIndex("screw " + std::to_string(index + 1), targets.size())));
  c.plan.screwTargets = targets;
}

void proposeScrews(CaseFile& c) { c.plan.screwTargets.reset(); }

plan::Screw screwPreview(const plan::HipPlan& p, const Mask& bone, const Eigen::Vector3d& targetLps) {
  return plan::screwsToward(plan::screwRequest(p, bone), {targetLps}).front();
}

std::string describeScrew(std::size_t index, const plan::Screw& s) {
  std::string t = "screw " + std::to_string(index + 1) + ": " + oneDecimal(s.boneLengthMm) + " mm in bone, a " +
                  std::to_string(int(s.lengthMm)) + " mm screw (" + s.quadrant + ")";
  for (const auto& w : s.warnings) t += "; " + w;
  return t;
}

}  // namespace tantalus::gui
