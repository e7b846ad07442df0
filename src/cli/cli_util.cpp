#include "cli_util.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>
#include <sstream>

#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"

namespace fs = std::filesystem;

namespace tantalus::cli {

Progress terminalProgress() { return Progress(&printProgress); }

// Warnings and notes go through spdlog to stderr as "warning: ..." / "info: ...";
// TANTALUS_LOG=debug|info|warn|error|off sets the threshold (default info).
void setupLogging() {
  auto logger = std::make_shared<spdlog::logger>("tantalus", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%^%l%$: %v");
  const char* level = std::getenv("TANTALUS_LOG");
  logger->set_level(level ? spdlog::level::from_str(level) : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void warn(const std::string& message) { spdlog::warn(message); }
void note(const std::string& message) { spdlog::info(message); }

void printOutcome(const pipeline::StepOutcome& o) {
  if (o.reused) note(o.step + ": up to date (its inputs are unchanged since steps.json was written); not recomputed");
  else if (o.reason != "never run in this folder" && o.reason.find("needed in memory") == std::string::npos)
    note(o.step + ": recomputed: " + o.reason);
  for (const auto& w : o.record.warnings) {
    if (w.severity == pipeline::Severity::info) note(pipeline::describe(w));
    else warn(pipeline::describe(w));
  }
}

pipeline::CaseSource caseSource(const std::string& input, const std::string& casePath, std::vector<CaseOverride> overrides) {
  const std::string suffix = ".tantalus.json";
  const bool isCase = input.size() > suffix.size() && input.compare(input.size() - suffix.size(), suffix.size(), suffix) == 0;
  return {isCase ? input : casePath, isCase ? std::string() : input, std::move(overrides)};
}

void runToStep(const pipeline::CaseSource& source, const std::string& out, const std::string& target, bool recompute) {
  const pipeline::ResolvedCase rc = pipeline::resolveCase(source);  // every parameter checked before any work
  pipeline::Pipeline p(rc.caseFile, rc.caseDir, out);
  checkOutputPaths({{"CT", p.context().inputPath()}}, {{"-o", out}});
  const auto outcomes = p.run(target, terminalProgress(), recompute, printOutcome);
  const pipeline::StepOutcome& last = outcomes.back();
  std::string files;
  for (const auto& f : last.record.outputs) files += (files.empty() ? "" : ",") + f;
  if (last.record.outputs.size() > 1) files = "{" + files + "}";
  std::cout << last.record.summary << "; " << (last.reused ? "up to date in " : "wrote ") << out << "/" << files << "\n";
}

std::vector<double> parseNumberList(const std::string& text, std::size_t expected, const std::string& option) {
  std::vector<double> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    try {
      std::size_t used = 0;
      out.push_back(std::stod(item, &used));
      if (used != item.size() || !std::isfinite(out.back()) || std::abs(out.back()) > 1e7) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      throw Error("'" + item + "' is not a finite number of sensible size", option,
                  "give " + std::to_string(expected) + " comma-separated numbers");
    }
  }
  if (expected && out.size() != expected)
    throw Error("expected " + std::to_string(expected) + " comma-separated numbers, got '" + text + "'", option,
                "e.g. " + option + (expected == 2 ? " 226,3071" : " 10,-20,35"));
  return out;
}

}  // namespace tantalus::cli
