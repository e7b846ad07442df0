#include "tantalus/segment/presets.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tantalus/core/error.h"
#include "tantalus/core/resources.h"

namespace tantalus::segment {

namespace {
HuPreset parse(const std::filesystem::path& file) {
  try {
    const auto j = nlohmann::json::parse(readTextFile(file));
    HuPreset p;
    p.name = file.stem().string();
    p.description = j.at("description").get<std::string>();
    p.source = j.at("source").get<std::string>();
    p.huMin = j.at("hu_min").get<int>();
    p.huMax = j.at("hu_max").get<int>();
    if (p.huMin >= p.huMax) throw Error("hu_min must be below hu_max", file.string(), "fix the preset file");
    return p;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("bad preset file: ") + e.what(), file.string(),
                "a preset needs description, source, hu_min and hu_max");
  }
}
}  // namespace

HuPreset loadPreset(const std::string& name) { return parse(resourceFile("presets", name)); }

std::vector<HuPreset> listPresets() {
  std::vector<HuPreset> out;
  for (const auto& e : std::filesystem::directory_iterator(resourceDir() / "presets"))
    if (e.path().extension() == ".json") out.push_back(parse(e.path()));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace tantalus::segment
