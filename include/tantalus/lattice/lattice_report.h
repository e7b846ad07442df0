#pragma once
// The lattice design and its measured figures, as the JSON report of `tantalus lattice`.
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_builder.h"
#include "tantalus/lattice/machine_profile.h"

namespace tantalus::lattice {

// Parameters solved and checked against the machine. Refused (Error with the
// nearest printable sets as hint) unless force; with force the problems become warnings.
struct LatticeDesign {
  LatticeParams params;
  PoreDefinition definition = PoreDefinition::Window;
  MachineProfile machine;
  CellGeometry cell;
  PoreReadings pores;
  double predictedPorosity = 0;
  PrintabilityCheck printability;
  bool forced = false;
  std::vector<std::string> warnings;
};
LatticeDesign designLattice(const LatticeParams& p, bool force, const std::string& where = "lattice");

struct LatticeReportInputs {
  const LatticeDesign* design = nullptr;
  const LatticeZone* zone = nullptr;
  std::string zoneSource;            // "box 20x20x20" or the zone file
  std::string output;
  const LatticeBuildStats* stl = nullptr;
  const Beam3mfStats* beams = nullptr;
  std::uint64_t nodes = 0, struts = 0;  // counted in the zone (floating fragments left out)
  std::vector<std::string> warnings;    // about the part (latticeBuildWarnings), added to the design's
};
std::string latticeReportJson(const LatticeReportInputs& in);

}  // namespace tantalus::lattice
