#include "content_hash.h"


namespace tantalus::pipeline {

std::string fileStamp(const std::filesystem::path& file) {
  std::error_code sizeError, timeError;
  const auto size = std::filesystem::file_size(file, sizeError);
  const auto time = std::filesystem::last_write_time(file, timeError);
  if (sizeError || timeError) return "missing";
  return std::to_string(size) + " " + std::to_string(time.time_since_epoch().count());
}

}  // namespace tantalus::pipeline
