#include "tantalus/pipeline/warning.h"

#include "tantalus/core/error.h"

namespace tantalus::pipeline {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

Severity severityFromName(const std::string& name) {
  if (name == "info") return Severity::info;
  if (name == "warning") return Severity::warning;
  if (name == "error") return Severity::error;
  throw Error("unknown severity '" + name + "'", "warning", "use info, warning or error");
}

std::string describe(const Warning& w) {
  std::string s = "[" + w.step + "] " + w.what;
  if (!w.where.empty()) s += " (" + w.where + ")";
  return s;
}

}  // namespace tantalus::pipeline
