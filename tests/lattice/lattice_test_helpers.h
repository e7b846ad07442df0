#pragma once
// Shared by the lattice suites: the reference design and an admesh run.
#include <regex>
#include <string>

#include "support/test_support.h"
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice::test {

// 600 µm window pores at 80 % porosity (the clinical reference design).
inline LatticeBuildOptions referenceOptions() {
  LatticeBuildOptions o;
  o.frame.cell = solveCell(0.6, 0.80, PoreDefinition::Window);
  return o;
}

// `admesh -e` (exact edge matching only, no repair) on an STL, parsed.
struct AdmeshReport {
  bool ran = false;
  long facets = -1, disconnected1 = -1, disconnected2 = -1, disconnected3 = -1, degenerate = -1, backwards = -1,
       parts = -1;
  std::string text;
  bool watertightManifold() const {
    return ran && disconnected1 == 0 && disconnected2 == 0 && disconnected3 == 0 && degenerate == 0 && backwards == 0;
  }
};
inline long admeshField(const std::string& text, const std::string& label) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex(label + R"([^:]*:\s*(-?\d+))"))) return std::stol(m[1]);
  return -1;
}
inline AdmeshReport runAdmesh(const std::string& stl) {
  AdmeshReport r;
  const auto res = tantalus::test::runShell("admesh -e '" + stl + "'");
  r.text = res.out + res.err;
  r.ran = res.exitCode == 0;
  r.facets = admeshField(r.text, "Number of facets");
  r.disconnected1 = admeshField(r.text, "Facets with 1 disconnected edge");
  r.disconnected2 = admeshField(r.text, "Facets with 2 disconnected edges");
  r.disconnected3 = admeshField(r.text, "Facets with 3 disconnected edges");
  r.degenerate = admeshField(r.text, "Degenerate facets");
  r.backwards = admeshField(r.text, "Backwards edges");
  r.parts = admeshField(r.text, "Number of parts");
  return r;
}

}  // namespace tantalus::lattice::test
