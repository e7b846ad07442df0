#pragma once
// What the run decided for the case file's `choices` (docs/case-file.md): the series,
// the affected side, the cup's size, centre and angles, the landmarks and the screws,
// each with its reason.
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/plan/hip_plan.h"

namespace tantalus::pipeline {

std::vector<CaseChoice> planChoices(const CaseFile& c, const io::ImportResult& imported, const plan::HipPlan& p);

}  // namespace tantalus::pipeline
