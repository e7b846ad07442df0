#pragma once
// plan.json: what the planner has found so far, with stable keys (docs/plan.md).
#include <string>

#include "tantalus/plan/old_implant.h"
#include "tantalus/plan/side_choice.h"

namespace tantalus::plan {

std::string planReportJson(const SideChoice& side, const OldImplant& implant);

}  // namespace tantalus::plan
