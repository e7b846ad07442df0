#pragma once
// JSON text for reports and machine-readable output. File names need not be
// valid UTF-8 on Linux, JSON must be: invalid bytes become U+FFFD instead of
// failing the whole output.
#include <nlohmann/json.hpp>
#include <string>

namespace tantalus {

inline std::string jsonText(const nlohmann::json& j, int indent = 2) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tantalus
