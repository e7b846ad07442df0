#pragma once
// A command's output folder, written as a whole: files go into a hidden sibling
// (".DIR.staging-PID-RANDOM") and appear together at commit(). A new (or empty)
// folder appears by one rename, so after any interruption, SIGKILL included,
// either the complete folder exists or nothing under its name does. Into a folder
// that already holds files, each output is renamed into place (each one whole),
// and outputs of an earlier run not written now are removed (no stale mix).
// Without commit() the staging folder is removed; on SIGINT/SIGTERM/SIGHUP the
// interrupt watchdog removes it too.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/interrupt.h"

namespace tantalus {

class StagedOutput {
public:
  // `outputs`: every file or folder name the command may write into `dir`.
  StagedOutput(const std::filesystem::path& dir, std::vector<std::string> outputs);
  ~StagedOutput();
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  std::filesystem::path file(const std::string& name);  // path inside staging
  const std::filesystem::path& dir() const { return dir_; }
  void commit();

private:
  std::filesystem::path dir_;
  TemporaryPath staging_;
  std::vector<std::string> names_, outputs_;
  bool committed_ = false;
};

}  // namespace tantalus
