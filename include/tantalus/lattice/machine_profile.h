#pragma once
// What a powder-bed machine can print: resources/machines/<name>.json.
#include <array>
#include <string>
#include <vector>

#include "tantalus/lattice/cell_solver.h"

namespace tantalus::lattice {

struct MachineProfile {
  std::string name;          // file stem, e.g. ebpbf-ti6al4v
  std::string description;
  std::string process, material;
  double minStrutMm = 0;     // thinner struts are partly or wholly lost
  double minPoreMm = 0;      // smaller openings trap powder
  double powderMinUm = 0, powderMaxUm = 0;
  double layerUm = 0;
  // Build envelope (x, y, z) in mm with the build direction along z; zeros: not given.
  std::array<double, 3> buildEnvelopeMm{0, 0, 0};
  std::string buildEnvelopeSource;
};
MachineProfile loadMachineProfile(const std::string& name);
MachineProfile parseMachineProfile(const std::string& json, const std::string& where);

// A requested (pore, porosity, definition) checked against a machine.
struct PrintabilityCheck {
  bool printable = true;
  std::vector<std::string> problems;      // one sentence each
  std::vector<std::string> suggestions;   // nearest printable parameter sets, as text
  double suggestedPoreUm = 0;             // same porosity and definition, larger pore
  double suggestedPorosity = 0;           // same pore and definition, lower porosity (0 = none)
};
PrintabilityCheck checkPrintable(double poreMm, double porosity, PoreDefinition def, const MachineProfile& m);

}  // namespace tantalus::lattice
