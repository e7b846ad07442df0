// The lattice builders' entry points: options checked, then the tiled mesher.
#include "vdb_lattice.h"

namespace tantalus::lattice {

namespace vdb {
void checkOptions(const LatticeZone& zone, const LatticeBuildOptions& o) {
  const double h = o.resolvedVoxelMm();
  if (!(h > 0) || !std::isfinite(h)) throw Error("voxel size must be > 0", "--voxel-um");
  if (h < o.frame.cell.strutMm / 32)
    throw Error("voxel size " + std::to_string(h * 1000) + " µm is finer than d/32: no accuracy gained, memory and time explode",
                "--voxel-um", "omit it (d/6) or use at least d/16");
  if (!o.frame.rotation.allFinite() || !o.frame.origin.allFinite())
    throw Error("lattice orientation is not a finite rotation", "--orient-deg / --build-dir", "give finite angles or a non-zero direction");
  if (!(std::abs(o.surfaceOffsetMm) <= 2 * h))
    throw Error("surface offset must be within two voxels (" + std::to_string(2 * h) + " mm)", "surface offset",
                "use a smaller offset or a coarser voxel size");
  if (o.tileVoxels != 0 && (o.tileVoxels < 16 || o.tileVoxels > 1024))
    throw Error("tile edge must be 16..1024 voxels (or 0 for one tile)", "--tile-voxels", "keep the default 256");
  if (h > o.frame.cell.strutMm / 2)
    throw Error("voxel size " + std::to_string(h * 1000) + " µm cannot resolve struts of " +
                    std::to_string(o.frame.cell.strutMm * 1000) + " µm", "--voxel-um",
                "use at most d/2; d/6 (the default) keeps the strut diameter error under 5 %");
  if (!(o.adaptivity >= 0 && o.adaptivity <= 1))
    throw Error("adaptivity must be within 0..1", "adaptivity", "use 0 (voxel-sized triangles) up to 1 (most merging)");
  if (!o.bondedSolid.empty()) {
    const MeshTopology t = analyseTopology(o.bondedSolid);
    if (!t.watertight() || !t.consistentlyOriented() || !(signedVolume(o.bondedSolid) > 0))
      throw Error("the solid to bond the lattice to is not a closed, outward mesh (" + std::to_string(t.boundaryEdges) +
                      " open edges, " + std::to_string(t.nonManifoldEdges) + " non-manifold)",
                  "bonded solid", "repair it first (the machining module's Booleans return closed solids)");
  }
  const double minSide = zone.box.sizes().minCoeff();
  if (minSide < o.frame.cell.cellMm)
    throw Error("zone is smaller than one lattice cell (" + std::to_string(minSide) + " mm < a = " +
                    std::to_string(o.frame.cell.cellMm) + " mm)", "zone",
                "enlarge the zone or choose a smaller pore size");
  const double voxels = zone.box.volume() / (h * h * h);
  if (o.tileVoxels == 0 && voxels > 4e9)
    throw Error("zone too large for an untiled build at this voxel size", "zone", "leave tiling on");
  requireLatticeBudget(zone, o);
}
}  // namespace vdb

using namespace vdb;

LatticeBuildStats buildLatticeStl(const LatticeZone& zone, const LatticeBuildOptions& o, const std::filesystem::path& stl,
                                  const Progress& progress) {
  checkOptions(zone, o);
  requireLatticeBudget(zone, o, stl);
  StlStreamWriter w(stl, "porous lattice RD");
  LatticeBuildStats st = runTiles(
      zone, o, true, o.resolvedVoxelMm(),
      [&](const std::array<float, 3>& a, const std::array<float, 3>& b, const std::array<float, 3>& c) { w.add(a, b, c); },
      progress);
  if (st.triangles == 0) throw Error("the lattice is empty in this zone", "zone", "check the zone and the pore size");
  w.commit();
  st.stlBytes = w.bytes();
  return st;
}

LatticeBuildStats buildLatticeStats(const LatticeZone& zone, const LatticeBuildOptions& o, const Progress& progress) {
  checkOptions(zone, o);
  return runTiles(zone, o, true, o.resolvedVoxelMm(), [](auto&, auto&, auto&) {}, progress);
}

LatticeBuildStats buildLatticeMesh(const LatticeZone& zone, const LatticeBuildOptions& o, Mesh& out,
                                   const Progress& progress) {
  checkOptions(zone, o);
  return runTilesIntoMesh(zone, o, true, o.resolvedVoxelMm(), out, progress);
}

}  // namespace tantalus::lattice
