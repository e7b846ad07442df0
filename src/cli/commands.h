#pragma once
// Each subcommand of `tantalus` registers itself on the app. Callbacks throw
// tantalus::Error for bad input; main() prints it as one line and exits 2.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"

namespace tantalus::cli {

void addInfoCommand(CLI::App& app);
void addSegmentCommand(CLI::App& app);
void addPlanCommand(CLI::App& app);
void addPhantomCommand(CLI::App& app);
void addCaseCommand(CLI::App& app);
void addLatticeCommand(CLI::App& app);
void addConvertCommand(CLI::App& app);
void addReportCommand(CLI::App& app);
void addCheckCommand(CLI::App& app);
void addDesignCommand(CLI::App& app);
void addGuideCommand(CLI::App& app);
void addDemoCommand(CLI::App& app);

// Thrown by a command whose work succeeded with a negative answer: main() exits with the
// code (1) after the command has printed its findings; not an error line.
struct Verdict {
  int exitCode = 1;
};

// The option as an override of a case-file field, when the command line gives it; the
// override is blamed on the option's name (e.g. --cup-mm) when the value is refused.
template <class T>
void overrideIfGiven(std::vector<CaseOverride>& overrides, const CLI::Option* option, const std::string& field,
                     const T& value) {
  if (option->count()) overrides.push_back({field, nlohmann::json(value).dump(), option->get_name()});
}

// Prints a progress line to stderr when stderr is a terminal or --verbose.
void printProgress(double fraction, const std::string& message);

}  // namespace tantalus::cli
