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
  // `outputs`: every file the command may write; on commit, any of them left in
  // the folder by an earlier run and not written now is removed (no stale mix).
  StagedOutput(const std::filesystem::path& dir, std::vector<std::string> outputs);
  ~StagedOutput();
  std::filesystem::path file(const std::string& name);  // path inside staging
  void commit();

private:
  std::filesystem::path dir_, staging_;
  std::vector<std::string> names_, outputs_;
  bool createdDir_ = false, committed_ = false;
};

}  // namespace tantalus::cli
