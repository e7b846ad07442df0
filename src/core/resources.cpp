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

fs::path resourceFile(const std::string& folder, const std::string& name) {
  const fs::path dir = resourceDir() / folder;
  const fs::path file = dir / (name + ".json");
  if (fs::is_regular_file(file)) return file;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw Error("no " + folder + " named '" + name + "'", dir.string(), "choose one of: " + list);
}

std::string readTextFile(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw Error("cannot read file", file.string(), "check the path and permissions");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tantalus
