#include "tantalus/core/file_output.h"

#include <fcntl.h>
#include <signal.h>
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
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(rng() & 0xffffffffull));
  return buf;
}
const char* kWritableHint = "choose a folder you can write to (check permissions and free space)";
constexpr std::size_t kNameMax = 255;  // NAME_MAX of Linux file systems (bytes)

// The first `bytes` bytes of a UTF-8 (or any) name, not cutting a character.
std::string headOf(const std::string& s, std::size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

// ".nii.gz" for a.nii.gz, ".stl" for a.stl.
std::string fullExtension(const fs::path& p) {
  const std::string name = p.filename().string();
  if (name.size() > 7 && name.compare(name.size() - 7, 7, ".nii.gz") == 0) return ".nii.gz";
  return p.extension().string();
}

std::string errnoText(int e) { return std::strerror(e); }
}  // namespace

fs::path temporarySibling(const fs::path& target, const std::string& tag, bool keepExtension) {
  const std::string ext = keepExtension ? fullExtension(target) : "";
  const std::string suffix = "." + tag + "-" + std::to_string(::getpid()) + "-" + randomSuffix() + ext;
  const std::string name = "." + headOf(target.filename().string(), kNameMax - 1 - suffix.size()) + suffix;
  return target.parent_path() / name;
}

void removeStaleTemporaries(const fs::path& target) {
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string stem = "." + target.filename().string() + ".";
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (n.size() <= stem.size() || n.compare(0, stem.size(), stem) != 0) continue;
    // ".<name>.<tag>-<pid>-<random>…": remove it when <pid> is no process.
    const std::size_t dash = n.find('-', stem.size());
    if (dash == std::string::npos) continue;
    const long pid = std::strtol(n.c_str() + dash + 1, nullptr, 10);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    fs::remove_all(it->path(), rm);
  }
}

void syncFile(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int err = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) throw Error("cannot flush the file to disk: " + errnoText(err), file.string(), kWritableHint);
}

namespace {
// Checks the target before its temporary is named (and registered).
fs::path preparedTemporary(const fs::path& target) {
  ensureWritableParent(target);
  removeStaleTemporaries(target);
  return temporarySibling(target, "part");
}
}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), temp_(preparedTemporary(target_)) {
  file_ = std::fopen(temp_.path().c_str(), "wbe");
  if (!file_) throw Error("cannot create output file: " + errnoText(errno), target_.string(), kWritableHint);
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_.path(), ec);
  }
}

void AtomicFile::write(const void* data, std::size_t bytes) {
  if (bytes && std::fwrite(data, 1, bytes, file_) != bytes)
    throw Error("write failed: " + errnoText(errno), target_.string(), kWritableHint);
}

void AtomicFile::seek(long offset) {
  if (std::fseek(file_, offset, SEEK_SET) != 0) throw Error("seek failed: " + errnoText(errno), target_.string());
}

void AtomicFile::commit() {
  // Data on disk before the name appears: a crash never leaves an empty file under the final name.
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int err = errno;
  const bool closed = std::fclose(file_) == 0;
  const int closeErr = errno;
  file_ = nullptr;
  if (!flushed || !closed)
    throw Error("write failed: " + errnoText(flushed ? closeErr : err), target_.string(), kWritableHint);
  std::error_code ec;
  temp_.commitTo(target_, ec);
  if (ec) throw Error("cannot move the finished file into place: " + ec.message(), target_.string(), kWritableHint);
  committed_ = true;
}

void ensureWritableDirectory(const fs::path& dir) {
  std::error_code ec;
  if (dir.filename().string().size() > kNameMax)
    throw Error("the folder name is " + std::to_string(dir.filename().string().size()) +
                    " bytes long; file systems allow " + std::to_string(kNameMax),
                dir.string(), "choose a shorter name");
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw Error("output path exists and is not a folder", dir.string(), "give a folder path with -o");
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create output folder: " + ec.message(), dir.string(), kWritableHint);
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw Error("output folder is not writable: " + errnoText(errno), dir.string(), kWritableHint);
}

void ensureWritableParent(const fs::path& file) {
  const std::string name = file.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw Error("an output file needs a file name", file.string(), "give a file name, e.g. -o out/result.stl");
  if (name.size() > kNameMax)
    throw Error("the file name is " + std::to_string(name.size()) + " bytes long; file systems allow " +
                    std::to_string(kNameMax),
                file.string(), "choose a shorter name");
  std::error_code ec;
  if (fs::is_directory(file, ec))
    throw Error("the output is an existing folder, not a file", file.string(), "give a file name inside it");
  fs::path parent = file.parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::is_directory(parent, ec))
    throw Error("the folder for this output does not exist", file.string(),
                "create " + parent.string() + " first or choose another output path");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw Error("cannot write here: " + errnoText(errno), file.string(), kWritableHint);
}

void writeTextFile(const fs::path& file, const std::string& text) {
  AtomicFile out(file);
  out.write(text.data(), text.size());
  out.commit();
}

namespace {
// Absolute, normalised, with symbolic links of the existing part resolved.
fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) r = fs::absolute(p, ec).lexically_normal();
  std::string s = r.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}
bool isWithin(const fs::path& inner, const fs::path& outer) {
  const auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != "..";
}
}  // namespace

void checkOutputPaths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
  for (std::size_t a = 0; a < outputs.size(); ++a)
    for (std::size_t b = a + 1; b < outputs.size(); ++b)
      if (resolved(outputs[a].second) == resolved(outputs[b].second))
        throw Error(outputs[a].first + " and " + outputs[b].first + " name the same file", outputs[a].second.string(),
                    "give each output its own name");
  for (const auto& [inOpt, in] : inputs) {
    const fs::path inPath = resolved(in);
    std::error_code ec;
    const bool inFolder = fs::is_directory(inPath, ec);
    for (const auto& [outOpt, out] : outputs) {
      const fs::path outPath = resolved(out);
      if (outPath == inPath)
        throw Error("the output " + outOpt + " is the input " + inOpt + " itself", out.string(),
                    "write to another path; inputs are never overwritten");
      if (inFolder && isWithin(outPath, inPath))
        throw Error("the output " + outOpt + " lies inside the input folder " + in.string(), out.string(),
                    "write outside the CT folder (files written there would be scanned as part of the CT)");
    }
  }
}

}  // namespace tantalus
