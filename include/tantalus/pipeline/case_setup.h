#pragma once
// Where a run's case comes from: a case file, or a CT with every default; then the
// command-line overrides (core/case_file.h: withOverrides), merged here for every
// command so none of them merges by hand.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"

namespace tantalus::pipeline {

// A case for `ct` (made absolute) with the default parameters of every step.
CaseFile newCase(const std::filesystem::path& ct);

struct CaseSource {
  std::filesystem::path caseFile;  // empty: a new case for `ct`
  std::filesystem::path ct;        // given on the command line: replaces input.path
  std::vector<CaseOverride> overrides;
};
struct ResolvedCase {
  CaseFile caseFile;
  std::filesystem::path caseDir;   // where a relative input.path resolves
};
// Loads or creates the case, applies the CT and the overrides, validates. An Error
// names the file or the option.
ResolvedCase resolveCase(const CaseSource& source);

}  // namespace tantalus::pipeline
