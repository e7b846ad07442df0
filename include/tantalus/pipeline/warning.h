#pragma once
// A structured warning: how bad, which step, what happened and where (file, series,
// case-file field). Steps collect them; the CLI prints them, the ledger and the
// reports carry them, the GUI will list them.
#include <string>

namespace tantalus::pipeline {

enum class Severity { info, warning, error };

struct Warning {
  Severity severity = Severity::warning;
  std::string step, what, where;
  bool operator==(const Warning&) const = default;
};

const char* severityName(Severity s);              // "info", "warning", "error"
Severity severityFromName(const std::string& name);  // throws Error for anything else
// One line for a terminal: "[segment] what (where)".
std::string describe(const Warning& w);

}  // namespace tantalus::pipeline
