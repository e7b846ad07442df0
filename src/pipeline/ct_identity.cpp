#include "ct_identity.h"

#include "content_hash.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/dicom_scan.h"

namespace fs = std::filesystem;

namespace tantalus::pipeline {

std::string ctIdentity(const fs::path& path, const Progress& progress) {
  std::error_code ec;
  const fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (!fs::exists(abs, ec)) throw Error("the CT does not exist", path.string(), "check the path (or input.path in the case file)");
  std::string id = abs.string() + "\n";
  const std::string ext = abs.extension().string();
  const bool selfContained = fs::is_regular_file(abs, ec) && !io::volumeFormat(abs).empty() && ext != ".nhdr" &&
                             ext != ".mhd" && ext != ".NHDR" && ext != ".MHD";
  if (selfContained) return id + abs.filename().string() + " " + fileStamp(abs) + "\n";
  const fs::path root = fs::is_directory(abs, ec) ? abs : abs.parent_path();
  for (const auto& f : io::listScanFiles(root, {}, progress)) id += f.lexically_relative(root).string() + " " + fileStamp(f) + "\n";
  return id;
}

}  // namespace tantalus::pipeline
