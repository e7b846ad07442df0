#include "tantalus/pipeline/step.h"

namespace tantalus::pipeline {

std::filesystem::path StepContext::resolved(const std::string& path) const {
  const std::filesystem::path in = path;
  return in.empty() || in.is_absolute() || caseDir.empty() ? in : caseDir / in;
}

CaseFile StepContext::caseForOutput() const {
  CaseFile c = caseFile;
  const auto absolute = [&](const std::string& p) {
    const std::filesystem::path r = resolved(p);
    return r == std::filesystem::path(p) ? p : std::filesystem::absolute(r).lexically_normal().string();
  };
  c.inputPath = absolute(c.inputPath);
  c.design.augmentEnvelope = absolute(c.design.augmentEnvelope);
  c.guides.lesion = absolute(c.guides.lesion);
  return c;
}

void StepContext::warn(std::string what, std::string where, Severity s) {
  warnings.push_back(Warning{s, "", std::move(what), std::move(where)});  // the pipeline fills in the step
}

}  // namespace tantalus::pipeline
