#pragma once
// Export: a session's designed implant (print and machined bodies, liner seat,
// screws) and its reports, copied from the pipeline's output folder into another
// folder as one whole (nothing under the final names until every file is copied).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"

namespace tantalus::pipeline {

// The files an export carries, those present in the work folder.
std::vector<std::string> exportedNames();

struct ExportResult {
  std::filesystem::path dir;
  std::vector<std::string> files;  // copied
  std::uintmax_t bytes = 0;
};

// Throws Error when `exportDir` is the work folder or cannot be written (created if missing),
// before a job spends minutes on the steps it exports.
void checkExportFolder(const std::filesystem::path& workDir, const std::filesystem::path& exportDir);

// Throws Error (no design in `workDir`, an unwritable or the same folder) or Cancelled;
// neither leaves a file under `exportDir`'s final names.
ExportResult exportOutputs(const std::filesystem::path& workDir, const std::filesystem::path& exportDir,
                           const Progress& progress = Progress::none());

}  // namespace tantalus::pipeline
