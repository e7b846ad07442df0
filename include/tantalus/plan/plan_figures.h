#pragma once
// The report's pictures of a plan, rendered off-screen (src/render): anterior and
// lateral views of the pelvis, the old implant, the planned cup and the screws; an
// axial and a coronal slice of the CT through the planned centre with the cups'
// outlines; a view across the screws. All in the pelvic frame, so a patient lying
// rotated on the table is shown square; each caption gives its scale and units.
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::plan {

// `metal`: the old implant's mask. Ids: "ap", "lateral", "axial", "coronal", and
// "screws" when there are screws.
std::vector<render::Figure> planFigures(const CtVolume& ct, const Mask& metal, const HipPlan& plan,
                                        const Progress& progress = Progress::none());

}  // namespace tantalus::plan
