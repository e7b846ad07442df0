#pragma once
// Each subcommand of `tantalus` registers itself on the app. Callbacks throw
// tantalus::Error for bad input; main() prints it as one line and exits 2.
#include <CLI/CLI.hpp>

namespace tantalus::cli {

void addInfoCommand(CLI::App& app);
void addSegmentCommand(CLI::App& app);
void addPlanCommand(CLI::App& app);
void addPhantomCommand(CLI::App& app);
void addCaseCommand(CLI::App& app);
void addLatticeCommand(CLI::App& app);
void addConvertCommand(CLI::App& app);
void addReportCommand(CLI::App& app);

// Prints a progress line to stderr when stderr is a terminal or --verbose.
void printProgress(double fraction, const std::string& message);

}  // namespace tantalus::cli
