#include "tantalus/pipeline/step.h"

namespace tantalus::pipeline {

std::filesystem::path StepContext::inputPath() const {
  const std::filesystem::path in = caseFile.inputPath;
  return in.is_absolute() || caseDir.empty() ? in : caseDir / in;
}

void StepContext::warn(std::string what, std::string where, Severity s) {
  warnings.push_back(Warning{s, "", std::move(what), std::move(where)});  // the pipeline fills in the step
}

}  // namespace tantalus::pipeline
