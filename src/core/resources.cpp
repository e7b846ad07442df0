#include "tantalus/core/resources.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus {

fs::path resourceDir() {
  if (const char* env = std::getenv("TANTALUS_RESOURCES"); env && *env) return env;
  return TANTALUS_SOURCE_RESOURCES;
}

namespace {
bool plainName(const std::string& n) {
  return !n.empty() && n.size() <= 64 && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }) && n[0] != '-';
}
}  // namespace

void checkResourceName(const std::string& folder, const std::string& name, const std::string& where) {
  resourceFile(folder, name, where);
}

std::vector<std::string> resourceNames(const std::string& folder) {
  std::error_code ec;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(resourceDir() / folder, ec))
    if (e.path().extension() == ".json" && plainName(e.path().stem().string())) names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path resourceFile(const std::string& folder, const std::string& name, const std::string& where) {
  const fs::path dir = resourceDir() / folder;
  const fs::path file = dir / (name + ".json");
  std::error_code ec;
  if (plainName(name) && fs::is_regular_file(file, ec)) return file;
  const std::vector<std::string> names = resourceNames(folder);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  std::string shown = name.substr(0, 80);
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  const std::string kind = folder.size() > 1 && folder.back() == 's' ? folder.substr(0, folder.size() - 1) : folder;
  throw Error("no " + kind + " named '" + shown + "' (" + (plainName(name) ? "not in " + dir.string() : "names are lower-case letters, digits, - and _") + ")",
              where.empty() ? dir.string() : where, "choose one of: " + list);
}

std::string readTextFile(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw Error("cannot read file", file.string(), "check the path and permissions");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tantalus
