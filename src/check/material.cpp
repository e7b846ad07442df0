#include <nlohmann/json.hpp>

#include "tantalus/check/mesh_check.h"
#include "tantalus/core/json_reader.h"
#include "tantalus/core/resources.h"

namespace tantalus::check {

Material loadMaterial(const std::string& name) {
  const auto file = resourceFile("materials", name, "--material");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readTextFile(file));
  } catch (const std::exception& e) {
    throw Error(std::string("material file is not valid JSON: ") + e.what(), file.string(), "fix the syntax");
  }
  const JsonReader r(j, file.string(), "docs/check.md");
  r.checkKeys("", {"description", "densityGPerCm3", "pricePerKg"});
  r.checkKeys("densityGPerCm3", {"value", "source"});
  r.checkKeys("pricePerKg", {"value", "currency", "source"});
  Material m;
  m.name = name;
  r.get("description", m.description);
  r.get("densityGPerCm3.value", m.densityGPerCm3);
  r.get("densityGPerCm3.source", m.densitySource);
  r.get("pricePerKg.value", m.pricePerKg);
  r.get("pricePerKg.currency", m.currency);
  r.get("pricePerKg.source", m.priceSource);
  if (!(m.densityGPerCm3 > 0) || m.densitySource.empty())
    r.fail("densityGPerCm3", "a material needs a positive density with its source", "e.g. {\"value\": 4.43, \"source\": \"ASTM F3001\"}");
  if (m.pricePerKg < 0) r.fail("pricePerKg.value", "a price cannot be negative", "0 when unknown");
  return m;
}

}  // namespace tantalus::check
