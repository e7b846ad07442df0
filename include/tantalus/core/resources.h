#pragma once
// Where resources/ (presets, machine profiles) are found: $TANTALUS_RESOURCES,
// else the source tree's resources/ baked in at build time.
#include <filesystem>
#include <string>

namespace tantalus {
std::filesystem::path resourceDir();
// resources/<folder>/<name>.json, or an Error listing the names available.
std::filesystem::path resourceFile(const std::string& folder, const std::string& name);
std::string readTextFile(const std::filesystem::path& file);
}  // namespace tantalus
