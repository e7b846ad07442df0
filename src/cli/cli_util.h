#pragma once
// Small helpers shared by the subcommands.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/pipeline/case_setup.h"
#include "tantalus/pipeline/pipeline.h"

namespace tantalus::cli {

// A Progress that prints to a terminal.
Progress terminalProgress();
void setupLogging();
void warn(const std::string& message);
void note(const std::string& message);
// What a step did (ran and why, or was up to date) and its warnings, on stderr.
void printOutcome(const pipeline::StepOutcome& o);
// The pipeline up to `target` into `out`, from the case the command line gives:
// each step's outcome on stderr as it ends, then the target's summary and files on stdout.
// The input a pipeline command takes: a *.tantalus.json case as the positional input, or
// a CT there with an optional --case file.
pipeline::CaseSource caseSource(const std::string& input, const std::string& casePath, std::vector<CaseOverride> overrides = {});
void runToStep(const pipeline::CaseSource& source, const std::string& out, const std::string& target, bool recompute);
std::vector<double> parseNumberList(const std::string& text, std::size_t expected, const std::string& option);

}  // namespace tantalus::cli
