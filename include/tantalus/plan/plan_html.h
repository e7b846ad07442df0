#pragma once
// report.html: the plan for a planning team to read, one self-contained file: the
// pictures (plan_figures.h) and the plan's figures in tables, with units.
#include <string>
#include <vector>

#include "tantalus/plan/hip_plan.h"
#include "tantalus/plan/plan_report.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::plan {

std::string planReportHtml(const HipPlan& plan, const std::vector<render::Figure>& figures,
                           const std::vector<ReportTiming>& timings, const std::vector<std::string>& warnings);

}  // namespace tantalus::plan
