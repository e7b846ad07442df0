#pragma once
// report.json: the plan with stable keys (docs/plan.md).
#include <string>
#include <vector>

#include "tantalus/plan/hip_plan.h"

namespace tantalus::plan {

struct ReportTiming {
  std::string step;
  double seconds = 0, peakRssMiB = 0;
};

std::string planReportJson(const HipPlan& plan, const std::vector<ReportTiming>& timings,
                           const std::vector<std::string>& warnings);

}  // namespace tantalus::plan
