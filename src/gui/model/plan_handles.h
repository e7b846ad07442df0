#pragma once
// The plan's handles: on the slice views the cup's centre, the four pelvic landmarks and
// each screw's tip; in the 3D view the cup's centre, the tip of its opening axis and a
// point of its rim. Dropping one is one case edit: the cup's shift from the native
// centre, its inclination and anteversion (the axis), its diameter (the rim), the
// landmarks entered (all four, the others as found), or the screws' targets (the
// proposal taken over by hand). A screw is measured again while its tip is dragged.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/plan/hip_plan.h"

namespace tantalus::gui {

struct PlanHandle {
  enum class Kind { cup, cupAxis, cupRim, landmark, screw };
  Kind kind;
  std::string id;     // "cup", "cup axis", "cup rim", "asis_right", …, "pubic_tubercle_left", "screw 1", …
  std::string label;  // drawn beside it: "cup", "ASIS R", "PT L", "1"
  Eigen::Vector3d lps;
};
std::vector<PlanHandle> planHandles(const plan::HipPlan& p);  // the slices'
std::vector<PlanHandle> cupHandles(const plan::HipPlan& p);   // the 3D view's
constexpr double kAxisHandleBeyondMm = 20;                    // the axis handle beyond the cup's outer sphere

// The case after handle `id` of plan `p` was dropped at `lps`. Throws Error for an id the
// plan has no handle for; the document's edit validates the result (a shift past ±30 mm).
// The axis gives angles to 0.5° held to their ranges (20–70°, −10–45°); the rim gives the
// diameter to the 2 mm sizes made (42–68 mm).
void dropHandle(CaseFile& c, const plan::HipPlan& p, const std::string& id, const Eigen::Vector3d& lps);

// The screws' targets: the case's, or (none entered yet) the planned screws' tips.
std::vector<std::array<double, 3>> screwTargets(const CaseFile& c, const plan::HipPlan& p);
// A target inside the cup's outer sphere is refused (Error with the fix), when added or dropped.
void addScrew(CaseFile& c, const plan::HipPlan& p, const Eigen::Vector3d& targetLps);
void removeScrew(CaseFile& c, const plan::HipPlan& p, std::size_t index);  // 0-based; throws Error when out of range
void proposeScrews(CaseFile& c);  // back to the planner's proposal

// The screw a tip dropped at `targetLps` would make, measured in `bone` (the plan's).
plan::Screw screwPreview(const plan::HipPlan& p, const Mask& bone, const Eigen::Vector3d& targetLps);
// "screw 2: 42.5 mm in bone, a 40 mm screw (posterior-superior)" and its warnings.
std::string describeScrew(std::size_t index, const plan::Screw& s);

}  // namespace tantalus::gui
