#pragma once
// The first proposal for the new cup: at the native centre of rotation (the
// contralateral acetabulum's centre mirrored through the symmetry plane), sized to
// the native acetabulum and the old cup, at the asked radiographic inclination and
// anteversion relative to the anterior pelvic plane, with the Lewinnek safe zone
// (inclination 30–50°, anteversion 5–25°) checked.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/plan/cup_angles.h"
#include "tantalus/plan/hip_anatomy.h"
#include "tantalus/plan/old_implant.h"

namespace tantalus::plan {

// A position relative to the native centre, in the pelvic frame (mm): + superior,
// + lateral (away from the midline), + anterior.
struct CorOffset {
  double superiorMm = 0, lateralMm = 0, anteriorMm = 0;
};
CorOffset corOffset(const Eigen::Vector3d& from, const Eigen::Vector3d& to, Side side, const PelvicFrame& f);

struct NativeCentre {
  Eigen::Vector3d mirroredLps = Eigen::Vector3d::Zero();  // contralateral acetabulum, mirrored: the plan's target
  double socketDiameterMm = 0;                            // the contralateral acetabulum's
  std::optional<Eigen::Vector3d> headMirroredLps;         // contralateral femoral head, mirrored
  std::optional<Eigen::Vector3d> ownSocketLps;            // the affected side's own acetabulum (no cup in it)
};
NativeCentre nativeCentre(const HipAnatomy& a, Side affected, bool affectedHasCup);

struct CupPlan {
  Eigen::Vector3d centreLps = Eigen::Vector3d::Zero();
  Eigen::Vector3d axisLps = Eigen::Vector3d::Zero();  // opening, unit
  double outerDiameterMm = 0;
  std::string sizeReason, centreReason;
  CupAngles app, scanner;                             // as planned, relative to the APP and to the scanner
  bool inLewinnekZone = true;
  CorOffset fromNative;
};

CupPlan proposeCup(Side side, const NativeCentre& native, const std::optional<OldCup>& old, const PelvicFrame& frame,
                   const PlanParams& params, std::vector<std::string>& warnings);

}  // namespace tantalus::plan
