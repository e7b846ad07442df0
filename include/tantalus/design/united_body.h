#pragma once
// The print files with their porous layer: the lattice engine fills the design's porous
// zone with the rhombic-dodecahedral lattice, unites it with the exact solid (as printed
// or as machined) and streams the one body to a binary STL (atomic: nothing on error or
// cancel). The porosity of the layer is measured on the voxels of that build.
#include <cstdint>
#include <filesystem>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/design/implant_design.h"

namespace tantalus::design {

struct UnitedBodyFigures {
  double porosity = 0;                 // of the porous layer, measured (voxels outside the solid)
  double porousLayerMl = 0;            // the layer's volume, outside the solid
  double cellMm = 0, strutMm = 0, voxelMm = 0, adaptivity = 0;
  std::uint64_t triangles = 0, stlBytes = 0;
  std::uint64_t floatingFragments = 0; // strut fragments dropped (not joined to the solid through the lattice)
  std::uint64_t latticeBodies = 0;
  double seconds = 0;
  // The STL read back and welded (1e-5 mm), as a printer's software would see it.
  MeshTopology topology;
  bool closedSingleShell() const { return topology.watertight() && topology.consistentlyOriented() && topology.components == 1; }
};

// `solid` is d.printBody or d.machinedBody; d.porousZone must be set.
UnitedBodyFigures writeUnitedBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice,
                                  const DesignParams& p, const std::filesystem::path& stl, const std::string& title,
                                  const Progress& progress = Progress::none());

}  // namespace tantalus::design
