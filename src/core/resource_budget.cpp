#include "tantalus/core/resource_budget.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus {

namespace {
std::uint64_t readNumber(const char* file) {
  std::ifstream in(file);
  std::string s;
  if (!(in >> s) || s == "max") return UINT64_MAX;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  return end && *end == 0 ? std::uint64_t(v) : UINT64_MAX;
}

std::uint64_t memAvailable() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kb = 0;
  while (in >> key) {
    if (key == "MemAvailable:" && in >> kb) return kb * 1024;
    std::getline(in, key);
  }
  return UINT64_MAX;
}
}  // namespace

std::uint64_t availableMemoryBytes() {
  if (const char* env = std::getenv("TANTALUS_MEMORY_LIMIT_MB"); env && *env) {
    const double mb = std::atof(env);
    if (mb > 0) return std::uint64_t(mb * 1024 * 1024);
  }
  std::uint64_t avail = memAvailable();
  const std::uint64_t max = readNumber("/sys/fs/cgroup/memory.max");
  const std::uint64_t cur = readNumber("/sys/fs/cgroup/memory.current");
  if (max != UINT64_MAX && cur != UINT64_MAX) avail = std::min(avail, max > cur ? max - cur : 0);
  return avail;
}

std::uint64_t freeDiskBytes(const fs::path& path) {
  fs::path p = path.empty() ? fs::path(".") : path;
  std::error_code ec;
  while (!fs::exists(p, ec) && p.has_parent_path() && p.parent_path() != p) p = p.parent_path();
  struct statvfs s {};
  if (::statvfs(p.c_str(), &s) != 0) return UINT64_MAX;
  return std::uint64_t(s.f_bavail) * std::uint64_t(s.f_frsize);
}

std::string formatBytes(double bytes) {
  char buf[32];
  if (bytes >= 1024.0 * 1024 * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f TiB", bytes / (1024.0 * 1024 * 1024 * 1024));
  else if (bytes >= 1024.0 * 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  else std::snprintf(buf, sizeof buf, "%.0f MiB", std::ceil(bytes / (1024.0 * 1024)));
  return buf;
}

void requireMemory(double bytes, const std::string& what, const std::string& where, const std::string& hint) {
  const std::uint64_t avail = availableMemoryBytes();
  if (!(bytes <= double(avail)))
    throw Error(what + " needs about " + formatBytes(bytes) + " of memory; " + formatBytes(double(avail)) +
                    " is available",
                where, hint);
}

void requireDisk(double bytes, const fs::path& path, const std::string& what, const std::string& hint) {
  const std::uint64_t avail = freeDiskBytes(path);
  if (!(bytes <= double(avail)))
    throw Error(what + " needs about " + formatBytes(bytes) + " of disk; " + formatBytes(double(avail)) +
                    " is free there",
                path.string(), hint);
}

}  // namespace tantalus
