#pragma once
// Small helpers shared by the subcommands.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"

namespace tantalus::cli {

// A Progress that prints to a terminal.
Progress terminalProgress();
void setupLogging();
void warn(const std::string& message);
void note(const std::string& message);
std::vector<double> parseNumberList(const std::string& text, std::size_t expected, const std::string& option);

// Output files are written into a hidden staging folder inside the target
// folder and moved into place together by commit(); on error nothing new
// remains (and a folder created for the run is removed again).
class StagedOutput {
public:
  explicit StagedOutput(const std::filesystem::path& dir);
  ~StagedOutput();
  std::filesystem::path file(const std::string& name);  // path inside staging
  void commit();

private:
  std::filesystem::path dir_, staging_;
  std::vector<std::string> names_;
  bool createdDir_ = false, committed_ = false;
};

}  // namespace tantalus::cli
