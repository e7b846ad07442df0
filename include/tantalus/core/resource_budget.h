#pragma once
// Memory and disk a request needs, checked before the work starts: a request that
// cannot fit is refused up front with the figures, instead of dying "out of memory"
// after minutes or filling the disk.
#include <cstdint>
#include <filesystem>
#include <string>

namespace tantalus {

// Memory this process may still use: the smaller of MemAvailable (/proc/meminfo)
// and the cgroup's memory.max minus its current use; TANTALUS_MEMORY_LIMIT_MB
// overrides both (tests, shared machines).
std::uint64_t availableMemoryBytes();
// Free space for an unprivileged writer on the file system holding `path`
// (or its nearest existing parent).
std::uint64_t freeDiskBytes(const std::filesystem::path& path);

// "5.2 GiB", "380 MiB".
std::string formatBytes(double bytes);

// Throw an Error with both figures when `bytes` exceed what is available.
void requireMemory(double bytes, const std::string& what, const std::string& where, const std::string& hint);
void requireDisk(double bytes, const std::filesystem::path& path, const std::string& what, const std::string& hint);

}  // namespace tantalus
