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

StagedOutput::StagedOutput(const fs::path& dir, std::vector<std::string> outputs) : dir_(dir), outputs_(std::move(outputs)) {
  std::error_code ec;
  createdDir_ = !fs::exists(dir_, ec);
  ensureWritableDirectory(dir_);
  staging_ = dir_ / (".staging-" + std::to_string(std::random_device{}()));
  fs::create_directories(staging_, ec);
  if (ec) throw Error("cannot write into the output folder: " + ec.message(), dir_.string(), "choose a writable folder with -o");
}

StagedOutput::~StagedOutput() {
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!committed_ && createdDir_ && fs::is_empty(dir_, ec)) fs::remove(dir_, ec);
}

fs::path StagedOutput::file(const std::string& name) {
  names_.push_back(name);
  return staging_ / name;
}

void StagedOutput::commit() {
  for (const auto& n : outputs_) {
    std::error_code ec;
    if (std::find(names_.begin(), names_.end(), n) == names_.end() || !fs::exists(staging_ / n)) fs::remove(dir_ / n, ec);
  }
  for (const auto& n : names_) {
    std::error_code ec;
    if (!fs::exists(staging_ / n)) continue;
    fs::rename(staging_ / n, dir_ / n, ec);
    if (ec) throw Error("cannot move output into place: " + ec.message(), (dir_ / n).string(), "choose a writable folder");
  }
  committed_ = true;
}

}  // namespace tantalus::cli
