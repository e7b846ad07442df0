#pragma once
// Where resources/ (presets, machine profiles) are found: $TANTALUS_RESOURCES,
// else the source tree's resources/ baked in at build time.
#include <filesystem>
#include <string>
#include <vector>

namespace tantalus {
std::filesystem::path resourceDir();
// resources/<folder>/<name>.json, or an Error listing the names available. Names
// are plain: lower-case letters, digits, '-' and '_' (never a path such as
// ../../etc/passwd). `where` (optional) is what the error names: a case-file
// field or an option.
std::filesystem::path resourceFile(const std::string& folder, const std::string& name, const std::string& where = {});
// The names in resources/<folder>/, sorted.
std::vector<std::string> resourceNames(const std::string& folder);
// The same check without the path.
void checkResourceName(const std::string& folder, const std::string& name, const std::string& where);
std::string readTextFile(const std::filesystem::path& file);
}  // namespace tantalus
