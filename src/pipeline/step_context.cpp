#include "tantalus/pipeline/step.h"

namespace tantalus::pipeline {

std::filesystem::path StepContext::inputPath() const {
  const std::filesystem::path in = caseFile.inputPath;
  return in.is_absolute() || caseDir.empty() ? in : caseDir / in;
}

CaseFile StepContext::caseForOutput() const {
  CaseFile c = caseFile;
  const auto absolute = [&](const std::string& p) {
    const std::filesystem::path in = p;
    return in.empty() || in.is_absolute() || caseDir.empty() ? p : std::filesystem::absolute(caseDir / in).lexically_normal().string();
  };
  c.inputPath = absolute(c.inputPath);
  c.design.augmentEnvelope = absolute(c.design.augmentEnvelope);
  return c;
}

void StepContext::warn(std::string what, std::string where, Severity s) {
  warnings.push_back(Warning{s, "", std::move(what), std::move(where)});  // the pipeline fills in the step
}

}  // namespace tantalus::pipeline
