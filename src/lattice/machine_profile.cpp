#include "tantalus/lattice/machine_profile.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "tantalus/core/error.h"
#include "tantalus/core/resources.h"

namespace tantalus::lattice {

namespace {
std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}
}  // namespace

MachineProfile parseMachineProfile(const std::string& text, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    throw Error(std::string("machine profile is not valid JSON: ") + e.what(), where, "fix the syntax");
  }
  MachineProfile m;
  auto number = [&](const char* key) {
    if (!j.contains(key) || !j[key].is_object() || !j[key].contains("value") || !j[key]["value"].is_number())
      throw Error(std::string("machine profile field '") + key + "' missing or not {\"value\": number, \"source\": ...}",
                  where, "see resources/machines/ebpbf-ti6al4v.json");
    if (!j[key].contains("source"))
      throw Error(std::string("machine profile field '") + key + "' has no source", where, "say where the number comes from");
    return j[key]["value"].get<double>();
  };
  m.description = j.value("description", "");
  m.process = j.value("process", "");
  m.material = j.value("material", "");
  m.minStrutMm = number("minStrutMm");
  m.minPoreMm = number("minPoreMm");
  m.powderMinUm = number("powderMinUm");
  m.powderMaxUm = number("powderMaxUm");
  m.layerUm = number("layerUm");
  if (j.contains("buildEnvelopeMm")) {
    const auto& e = j["buildEnvelopeMm"];
    const bool ok = e.is_object() && e.contains("value") && e["value"].is_array() && e["value"].size() == 3 &&
                    e["value"][0].is_number() && e["value"][1].is_number() && e["value"][2].is_number() &&
                    e.contains("source") && e["source"].is_string();
    if (!ok)
      throw Error("machine profile field 'buildEnvelopeMm' is not {\"value\": [x, y, z], \"source\": ...}", where,
                  "see resources/machines/ebpbf-ti6al4v.json");
    for (std::size_t i = 0; i < 3; ++i) m.buildEnvelopeMm[i] = e["value"][i].get<double>();
    m.buildEnvelopeSource = e["source"].get<std::string>();
    if (!(m.buildEnvelopeMm[0] > 0 && m.buildEnvelopeMm[1] > 0 && m.buildEnvelopeMm[2] > 0))
      throw Error("machine build envelope must be positive in x, y and z", where + ": buildEnvelopeMm");
  }
  if (!(m.minStrutMm > 0) || !(m.minPoreMm > 0)) throw Error("machine minimum strut and pore must be > 0", where);
  return m;
}

MachineProfile loadMachineProfile(const std::string& name) {
  const auto file = resourceFile("machines", name);
  MachineProfile m = parseMachineProfile(readTextFile(file), file.string());
  m.name = name;
  return m;
}

PrintabilityCheck checkPrintable(double poreMm, double porosity, PoreDefinition def, const MachineProfile& m) {
  PrintabilityCheck c;
  const CellGeometry g = solveCell(poreMm, porosity, def);
  const PoreReadings p = poreReadings(g);
  if (g.strutMm < m.minStrutMm) {
    c.printable = false;
    c.problems.push_back("strut diameter " + fmt("%.3f", g.strutMm) + " mm is below the " + m.name + " minimum of " +
                         fmt("%.2f", m.minStrutMm) + " mm (struts would be partly or wholly lost)");
  }
  if (p.windowMm < m.minPoreMm) {
    c.printable = false;
    c.problems.push_back("window " + fmt("%.3f", p.windowMm) + " mm is below the " + m.name + " minimum pore of " +
                         fmt("%.2f", m.minPoreMm) + " mm (powder would be trapped)");
  }
  if (c.printable) return c;
  // All lengths scale with a at fixed porosity: enlarge the pore until both limits hold.
  const double scale = std::max(m.minStrutMm / g.strutMm, m.minPoreMm / p.windowMm);
  c.suggestedPoreUm = std::ceil(poreMm * scale * 1000.0 / 10.0) * 10.0;
  c.suggestions.push_back("--pore-um " + fmt("%.0f", c.suggestedPoreUm) + " --porosity " + fmt("%.2f", porosity) +
                          " --definition " + toString(def));
  // Or keep the pore and lower the porosity (thicker struts) if that reaches the limits.
  double lo = 0.2, hi = porosity;
  auto ok = [&](double phi) {
    try {
      const CellGeometry h = solveCell(poreMm, phi, def);
      return h.strutMm >= m.minStrutMm && poreReadings(h).windowMm >= m.minPoreMm;
    } catch (const Error&) {
      return false;
    }
  };
  if (ok(lo)) {
    for (int i = 0; i < 60; ++i) {
      const double mid = 0.5 * (lo + hi);
      (ok(mid) ? lo : hi) = mid;
    }
    c.suggestedPorosity = std::floor(lo * 100.0) / 100.0;
    if (ok(c.suggestedPorosity))
      c.suggestions.push_back("--pore-um " + fmt("%.0f", poreMm * 1000) + " --porosity " +
                              fmt("%.2f", c.suggestedPorosity) + " --definition " + toString(def));
    else
      c.suggestedPorosity = 0;
  }
  if (def != PoreDefinition::Window && ok(porosity) == false) {
    const CellGeometry w = solveCell(poreMm, porosity, PoreDefinition::Window);
    if (w.strutMm >= m.minStrutMm && poreReadings(w).windowMm >= m.minPoreMm)
      c.suggestions.push_back("--pore-um " + fmt("%.0f", poreMm * 1000) + " --porosity " + fmt("%.2f", porosity) +
                              " --definition window");
  }
  return c;
}

}  // namespace tantalus::lattice
