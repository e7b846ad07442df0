#include "content_hash.h"

#include <cstdint>
#include <cstdio>

namespace tantalus::pipeline {

std::string contentHash(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string fileStamp(const std::filesystem::path& file) {
  std::error_code sizeError, timeError;
  const auto size = std::filesystem::file_size(file, sizeError);
  const auto time = std::filesystem::last_write_time(file, timeError);
  if (sizeError || timeError) return "missing";
  return std::to_string(size) + " " + std::to_string(time.time_since_epoch().count());
}

}  // namespace tantalus::pipeline
