#include "tantalus/core/staged_output.h"

#include <algorithm>

#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"

namespace fs = std::filesystem;

namespace tantalus {

namespace {
const char* kHint = "choose a writable folder with -o";

// Absolute, normalised, no trailing slash: "out/" and "out" are one folder.
fs::path normalisedFolder(const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p;
}

fs::path preparedStaging(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error("output path exists and is not a folder", dir.string(), "give a folder path with -o");
  try {
    ensureWritableDirectory(dir.parent_path());
  } catch (const Error& e) {
    throw Error("cannot create output folder: " + e.problem() + " (" + e.where() + ")", dir.string(), e.hint());
  }
  if (dir.filename().string().size() > 200)
    throw Error("the folder name is longer than 200 bytes", dir.string(), "choose a shorter name");
  removeStaleTemporaries(dir);
  return temporarySibling(dir, "staging");
}
}  // namespace

StagedOutput::StagedOutput(const fs::path& dir, std::vector<std::string> outputs)
    : dir_(normalisedFolder(dir)), staging_(preparedStaging(dir_)), outputs_(std::move(outputs)) {
  std::error_code ec;
  fs::create_directory(staging_.path(), ec);
  if (ec) throw Error("cannot write next to the output folder: " + ec.message(), dir_.string(), kHint);
}

StagedOutput::~StagedOutput() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_.path(), ec);
}

fs::path StagedOutput::file(const std::string& name) {
  names_.push_back(name);
  return staging_.path() / name;
}

void StagedOutput::commit() {
  std::error_code ec;
  if (!fs::exists(dir_, ec) || fs::is_empty(dir_, ec)) {
    // One rename (over an empty folder too): the folder appears complete or not at all.
    staging_.commitTo(dir_, ec);
    if (ec) throw Error("cannot move the outputs into place: " + ec.message(), dir_.string(), kHint);
    committed_ = true;
    return;
  }
  for (const auto& n : outputs_)
    if (std::find(names_.begin(), names_.end(), n) == names_.end() || !fs::exists(staging_.path() / n, ec))
      fs::remove_all(dir_ / n, ec);
  for (const auto& n : names_) {
    if (!fs::exists(staging_.path() / n, ec)) continue;
    fs::rename(staging_.path() / n, dir_ / n, ec);
    if (ec) throw Error("cannot move output into place: " + ec.message(), (dir_ / n).string(), kHint);
  }
  fs::remove_all(staging_.path(), ec);
  staging_.release();
  committed_ = true;
}

}  // namespace tantalus
