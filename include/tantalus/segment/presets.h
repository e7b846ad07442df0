#pragma once
// HU threshold presets (resources/presets/*.json), each with its source.
#include <string>
#include <vector>

namespace tantalus::segment {

struct HuPreset {
  std::string name, description, source;
  int huMin = 0, huMax = 0;
};

HuPreset loadPreset(const std::string& name);
std::vector<HuPreset> listPresets();

}  // namespace tantalus::segment
