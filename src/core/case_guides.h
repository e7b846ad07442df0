#pragma once
// Internal to src/core: the case file's guides section (case_guides.cpp).
#include <nlohmann/json.hpp>
#include <string>

#include "tantalus/core/case_file.h"
#include "tantalus/core/json_reader.h"

namespace tantalus::detail {

// A number in [lo, hi], or an Error naming `where`.`field` with an example.
void checkWithin(double v, double lo, double hi, const std::string& where, const char* field, const char* example);

void readGuides(const JsonReader& r, GuideParams& g, const std::string& fileName);
nlohmann::json guidesJson(const GuideParams& g);

}  // namespace tantalus::detail
