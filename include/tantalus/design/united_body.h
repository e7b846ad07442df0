#pragma once
// The print files with their porous layer: the lattice engine fills the design's porous
// zone with the rhombic-dodecahedral lattice, unites it with the exact solid (as printed
// or as machined) and streams the one body to a binary STL (atomic: nothing on error or
// cancel). The porosity of the layer is measured on the voxels of that build.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/design/implant_design.h"

namespace tantalus::design {

// The same body as a 3MF with the Beam Lattice extension: `solid` as its exact triangles,
// the lattice of the porous zone as beams (clipped to the zone, floating fragments left
// out), a few MB where the STL is gigabytes. A consumer unites beams and mesh.
struct BeamBodyFigures {
  std::uint64_t beams = 0, nodes = 0, triangles = 0, bytes = 0;
};

struct UnitedBodyFigures {
  double porosity = 0;                 // of the porous layer, measured (voxels outside the solid)
  double porousLayerMl = 0;            // the layer's volume, outside the solid
  double latticeSolidMl() const { return (1.0 - porosity) * porousLayerMl; }  // the struts' titanium
  double cellMm = 0, strutMm = 0, voxelMm = 0, adaptivity = 0;
  std::uint64_t triangles = 0, stlBytes = 0;
  std::uint64_t floatingFragments = 0; // strut fragments dropped (not joined to the solid through the lattice)
  std::uint64_t pocketsFilled = 0, pocketVoxels = 0;  // sub-voxel crevice pockets the mesher would have closed
  std::uint64_t latticeBodies = 0;
  double seconds = 0;
  // The STL read back and welded (1e-5 mm), as a printer's software would see it; debris
  // (pieces smaller than a pore on every side, beside the body) taken out and the file
  // rewritten without it; the topology is of what is left.
  std::uint64_t debrisPieces = 0, debrisFaces = 0;
  std::uint64_t cavitiesFilled = 0; // sub-pore cavities filled solid at read-back (their walls taken out)
  double largestCavityFilledMm = 0;
  double surfaceMm2 = 0;        // of the whole body
  double porousSurfaceMm2 = 0;  // of it, inside the porous zone: what a coating must cover
  double largestDebrisMm = 0;
  MeshTopology topology;
  std::optional<BeamBodyFigures> beams;  // the 3MF beside the STL, when written
  bool closedSingleShell() const { return topology.watertight() && topology.consistentlyOriented() && topology.components == 1; }
};

// `solid` is d.printBody or d.machinedBody; d.porousZone must be set.
UnitedBodyFigures writeUnitedBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice,
                                  const DesignParams& p, const std::filesystem::path& stl, const std::string& title,
                                  const Progress& progress = Progress::none());

BeamBodyFigures writeBeamBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice, const DesignParams& p,
                              const std::filesystem::path& file, const Progress& progress = Progress::none());

}  // namespace tantalus::design
