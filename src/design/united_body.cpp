#include "tantalus/design/united_body.h"

#include "tantalus/core/error.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/lattice_builder.h"
#include "tantalus/lattice/lattice_report.h"

namespace tantalus::design {

UnitedBodyFigures writeUnitedBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice,
                                  const DesignParams& p, const std::filesystem::path& stl, const std::string& title,
                                  const Progress& progress) {
  if (!d.porousZone) throw Error("the design has no porous layer to fill", title, "a programming error");
  const lattice::LatticeDesign cell = lattice::designLattice(lattice, false, "lattice");
  lattice::LatticeBuildOptions o;
  o.frame.cell = cell.cell;
  o.frame.origin = d.cup.frame.origin;  // the cells sit the same way whatever the grid
  o.voxelMm = lattice.voxelUm ? *lattice.voxelUm / 1000.0 : 0.0;
  o.bondedSolid = solid;
  o.adaptivity = p.meshAdaptivity;
  const lattice::LatticeBuildStats st = lattice::buildLatticeStl(*d.porousZone, o, stl, progress);
  UnitedBodyFigures f;
  f.porosity = st.porosityOfPorousRegion();
  f.porousLayerMl = double(st.porousRegionVoxels) * st.voxelMm * st.voxelMm * st.voxelMm / 1000.0;
  f.cellMm = cell.cell.cellMm;
  f.strutMm = cell.cell.strutMm;
  f.voxelMm = st.voxelMm;
  f.adaptivity = o.adaptivity;
  f.triangles = st.triangles;
  f.stlBytes = st.stlBytes;
  f.floatingFragments = st.islandComponents;
  f.latticeBodies = st.latticeBodies;
  f.seconds = st.totalSeconds;
  progress.report(1.0, "reading " + title + " back");
  f.topology = analyseTopology(weldVertices(readStl(stl)));
  return f;
}

}  // namespace tantalus::design
