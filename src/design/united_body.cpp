#include "tantalus/design/united_body.h"

#include "tantalus/core/error.h"
#include "tantalus/core/mesh_pieces.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_builder.h"
#include "tantalus/lattice/lattice_report.h"

namespace tantalus::design {

namespace {
// The lattice of the case in the design's porous zone, bonded to `solid`.
lattice::LatticeBuildOptions latticeOptions(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice,
                                            const DesignParams& p, const std::string& where) {
  if (!d.porousZone) throw Error("the design has no porous layer to fill", where, "a programming error");
  lattice::LatticeBuildOptions o;
  o.frame.cell = lattice::designLattice(lattice, false, "lattice").cell;
  // The cells sit on the cup, whatever the grid and the patient's pose in the scanner: a
  // corner at the cup's centre, the cell's axes along the cup's frame (z: its axis).
  machining::AxisFrame cup = d.cup.frame;
  cup.axis.normalize();
  o.frame.origin = cup.origin;
  o.frame.rotation << cup.u(), cup.v(), cup.axis;  // right-handed: u x v = axis
  o.voxelMm = lattice.voxelUm ? *lattice.voxelUm / 1000.0 : 0.0;
  o.bondedSolid = solid;
  o.adaptivity = p.meshAdaptivity;
  return o;
}

// The surface inside the porous zone: the struts and the solid's face under them, what a
// coating of the porous region has to cover (the rest is the solid's own surface).
double porousSurfaceMm2(const Mesh& m, const lattice::LatticeZone& zone) {
  double area = 0;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const Eigen::Vector3d a = corner(m, f, 0), b = corner(m, f, 1), c = corner(m, f, 2);
    if (zone.levelSetDistance((a + b + c) / 3.0) < 0) area += 0.5 * (b - a).cross(c - a).norm();
  }
  return area;
}

// The STL read back and welded, as a printer's software sees it. Debris smaller than a
// pore beside the body (nubs of struts the layer's boundary cut twice, stray sub-voxel
// patches) is taken out, and cavities smaller than a pore (pockets the voxels sealed that
// the voxel pocket fill could not see whole) are filled; the file is rewritten and its
// topology is what is reported. Larger cavities stay, for the checks to refuse.
void readBack(const std::filesystem::path& stl, const std::string& title, double poreMm, const lattice::LatticeZone& zone,
              UnitedBodyFigures& f) {
  DebrisRemoval dr = removeDebris(readStl(stl), poreMm, true);
  f.debrisPieces = dr.droppedPieces;
  f.cavitiesFilled = dr.filledCavities;
  f.largestCavityFilledMm = dr.largestFilledMm;
  f.debrisFaces = dr.droppedFaces;
  f.largestDebrisMm = dr.largestDroppedMm;
  if (dr.droppedPieces || dr.filledCavities) {
    writeStl(stl, dr.kept, title);
    f.triangles = dr.kept.faceCount();
    f.stlBytes = 84 + 50 * std::uint64_t(f.triangles);
  }
  f.topology = analyseTopology(dr.kept);
  f.surfaceMm2 = surfaceArea(dr.kept);
  f.porousSurfaceMm2 = porousSurfaceMm2(dr.kept, zone);
}
}  // namespace

UnitedBodyFigures writeUnitedBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice,
                                  const DesignParams& p, const std::filesystem::path& stl, const std::string& title,
                                  const Progress& progress) {
  const lattice::LatticeBuildOptions o = latticeOptions(d, solid, lattice, p, title);
  const lattice::LatticeBuildStats st = lattice::buildLatticeStl(*d.porousZone, o, stl, progress);
  UnitedBodyFigures f;
  f.porosity = st.porosityOfPorousRegion();
  f.porousLayerMl = double(st.porousRegionVoxels) * st.voxelMm * st.voxelMm * st.voxelMm / 1000.0;
  f.cellMm = o.frame.cell.cellMm;
  f.strutMm = o.frame.cell.strutMm;
  f.voxelMm = st.voxelMm;
  f.adaptivity = o.adaptivity;
  f.triangles = st.triangles;
  f.stlBytes = st.stlBytes;
  f.floatingFragments = st.islandComponents;
  f.pocketsFilled = st.pocketsFilled;
  f.pocketVoxels = st.pocketVoxels;
  f.latticeBodies = st.latticeBodies;
  f.seconds = st.totalSeconds;
  progress.report(1.0, "reading " + title + " back");
  readBack(stl, title, lattice.poreUm / 1000.0, *d.porousZone, f);
  return f;
}

BeamBodyFigures writeBeamBody(const ImplantDesign& d, const Mesh& solid, const LatticeParams& lattice, const DesignParams& p,
                              const std::filesystem::path& file, const Progress& progress) {
  lattice::LatticeBuildOptions o = latticeOptions(d, solid, lattice, p, file.string());
  o.beamClipMesh = d.outerBody;  // struts end flush with the bone-facing surface, as in the STL
  const lattice::Beam3mfStats st = lattice::writeBeamLattice3mf(*d.porousZone, o, file, progress);
  BeamBodyFigures f;
  f.beams = st.beams;
  f.nodes = st.nodes;
  f.triangles = st.skinTriangles;
  f.bytes = st.bytes;
  return f;
}

}  // namespace tantalus::design
