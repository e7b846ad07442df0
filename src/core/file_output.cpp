#include "tantalus/core/file_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus {

namespace {
std::string randomSuffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}
const char* kWritableHint = "choose a folder you can write to (check permissions and free space)";
}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  ensureWritableParent(target_);
  temp_ = target_;
  temp_ += ".part-" + randomSuffix();
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_)
    throw Error(std::string("cannot create output file: ") + std::strerror(errno), target_.string(),
                kWritableHint);
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicFile::write(const void* data, std::size_t bytes) {
  if (bytes && std::fwrite(data, 1, bytes, file_) != bytes)
    throw Error(std::string("write failed: ") + std::strerror(errno), target_.string(), kWritableHint);
}

void AtomicFile::seek(long offset) {
  if (std::fseek(file_, offset, SEEK_SET) != 0)
    throw Error(std::string("seek failed: ") + std::strerror(errno), target_.string());
}

void AtomicFile::commit() {
  // Data on disk before the name appears: a crash never leaves an empty file under the final name.
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int err = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed)
    throw Error(std::string("write failed: ") + std::strerror(flushed ? errno : err), target_.string(), kWritableHint);
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) throw Error("cannot move the finished file into place: " + ec.message(), target_.string(), kWritableHint);
  committed_ = true;
}

void ensureWritableDirectory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error("output path exists and is not a folder", dir.string(), "give a folder path with -o");
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create output folder: " + ec.message(), dir.string(), kWritableHint);
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw Error(std::string("output folder is not writable: ") + std::strerror(errno), dir.string(), kWritableHint);
}

void ensureWritableParent(const fs::path& file) {
  fs::path parent = file.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    throw Error("the folder for this output does not exist", file.string(),
                "create " + parent.string() + " first or choose another output path");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw Error(std::string("cannot write here: ") + std::strerror(errno), file.string(), kWritableHint);
}

void writeTextFile(const fs::path& file, const std::string& text) {
  AtomicFile out(file);
  out.write(text.data(), text.size());
  out.commit();
}

}  // namespace tantalus
