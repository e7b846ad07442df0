#pragma once
// The whole first proposal for a revision: the old implant, the affected side, the
// anatomy (acetabula, femoral heads, symmetry plane, landmarks, pelvic frame), the
// native centre of rotation and the planned cup, with every warning.
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/plan/cup_proposal.h"
#include "tantalus/plan/defect.h"
#include "tantalus/plan/hip_anatomy.h"
#include "tantalus/plan/old_implant.h"
#include "tantalus/plan/screws.h"
#include "tantalus/plan/side_choice.h"

namespace tantalus::plan {

struct HipPlan {
  OldImplant implant;
  SideChoice side;
  HipAnatomy anatomy;
  NativeCentre native;
  CupPlan cup;
  Defect defect;
  std::vector<Screw> screws;
  int screwsAsked = 0;                        // plan.screws: how many were asked for (0: none wanted)
  std::optional<CupAngles> oldCupApp;         // the old cup's angles relative to the APP
  std::optional<CorOffset> oldCupFromNative;  // where the old cup sits (migration) from the native centre
  std::vector<std::string> warnings;
};

// "cup shell 11.8 mL on the left (54.1 mm across), head …", or "none"; left and
// right of the body's midline x.
std::string describeMetal(const OldImplant& implant, double midlineX);

// What the segmentation says of the metal, beyond its mask.
struct MetalContext {
  double bandMm = 2.0;   // how far around the metal it removed bone
  bool streaks = false;  // it warned of streaks (bone in them reads as missing)
};

// The screw request of a plan's cup in `bone`: what its screws were planned from, for a
// screw measured again (a screw handle dragged, before the plan is rerun).
ScrewRequest screwRequest(const HipPlan& p, const Mask& bone);

// `bone`: host bone (old implant removed); `metal`: the implant mask. Throws Error
// when there is no pelvis, no side can be chosen, or a landmark is missing.
HipPlan planHip(const Mask& bone, const Mask& metal, const PlanParams& params, const MetalContext& metalContext = {},
                const Progress& progress = Progress::none());

}  // namespace tantalus::plan
