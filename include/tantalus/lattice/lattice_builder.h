#pragma once
// Geometry -> voxels -> mesh. The strut field is written leaf by leaf (exact
// capsule distance), clipped to the zone, united with the skin, meshed, and
// streamed out tile by tile so memory stays bounded whatever the implant size.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/lattice/lattice_zone.h"
#include "tantalus/lattice/strut_network.h"

namespace tantalus::lattice {

struct LatticeBuildOptions {
  LatticeFrame frame;
  double voxelMm = 0;          // 0: strut diameter / 6
  double skinMm = 0;           // dense skin thickness, 0 = none
  unsigned skinFaces = kSkinAll;
  int tileVoxels = 256;        // tile edge in voxels (multiple of 8); 0 = one tile
  // Offset of the meshed surface from the exact strut surface, mm: > 0 thickens, < 0
  // thins (process compensation; at most 2 voxels). 0 meshes the design.
  double surfaceOffsetMm = 0;
  // Drop floating fragments: strut pieces in the zone not connected (through nodes
  // inside the zone, or through the skin) to the kept structure. See docs/lattice.md.
  bool removeIslands = true;
  // A closed, outward solid (LPS mm) united with the lattice before meshing: the dense
  // part of an implant. Struts reaching half a radius into it are attached to it (as to
  // a skin); the tiles cover it too. Empty: none.
  Mesh bondedSolid;
  // 3MF only: the beams are clipped to the inside of this closed mesh (the beam lattice's
  // clipping mesh), so a strut cut by the zone's outer surface ends flush with it, as in
  // the STL. Empty: not clipped (the sphere caps stand out by up to a strut radius).
  Mesh beamClipMesh;
  // OpenVDB adaptive meshing (0..1): merges voxels where the surface is flat or gently
  // curved. Never within a leaf of a tile seam, so the tiles still join watertight.
  double adaptivity = 0;
  double resolvedVoxelMm() const;
};

struct LatticeBuildStats {
  double voxelMm = 0;
  int tiles = 0;
  std::uint64_t activeVoxels = 0;     // narrow band voxels written (all tiles, with halos)
  std::uint64_t solidVoxels = 0;      // voxel centres inside the solid, own tile regions only
  std::uint64_t triangles = 0;
  std::uint64_t struts = 0;           // struts whose capsule touches the zone
  std::uint64_t islandStruts = 0;     // of those: dropped, not connected to the kept structure
  std::uint64_t islandComponents = 0; // number of dropped fragments
  std::uint64_t sliverStruts = 0;     // grazing struts whose boundary shaving was left out
  std::uint64_t latticeBodies = 0;    // separate lattice bodies kept (> 1: several zone bodies, or a thin neck)
  std::uint64_t pocketsFilled = 0;    // sub-voxel pockets closed (crevices the voxels sealed, speck_filter.h)
  std::uint64_t pocketVoxels = 0;     // their voxels
  double meshVolumeMm3 = 0;           // divergence theorem over the emitted triangles
  double zoneVolumeMm3 = 0;
  // With a bonded solid: voxels of the zone outside the solid (the porous region), and
  // of those the ones the struts fill.
  std::uint64_t porousRegionVoxels = 0, porousRegionSolidVoxels = 0;
  double porosityOfPorousRegion() const {
    return porousRegionVoxels ? 1.0 - double(porousRegionSolidVoxels) / double(porousRegionVoxels) : 0.0;
  }
  double porosityFromMesh() const { return 1.0 - meshVolumeMm3 / zoneVolumeMm3; }
  double porosityFromVoxels() const;
  double fillSeconds = 0, meshSeconds = 0, totalSeconds = 0;
  std::uint64_t stlBytes = 0;
};

// What a build will need, estimated before any work from the zone and the cell
// (constants calibrated on measured builds, docs/lattice.md). The builders refuse a
// request that cannot fit in memory (or, for STL, on the disk) with the figures,
// instead of dying "out of memory" after minutes.
struct LatticeBudget {
  double struts = 0;          // struts of the zone's bounding box (the island graph holds them all)
  double memoryBytes = 0;     // peak resident memory of the build
  double triangles = 0;       // of the STL
  double stlBytes = 0;
};
LatticeBudget estimateLatticeBudget(const LatticeZone& zone, const LatticeBuildOptions& o);
// Throws an Error with the figures when the build cannot fit in memory, or (with
// `stl`) its STL on the disk. Every builder calls it first; callers that do other
// work before building (counting beams) call it before that.
void requireLatticeBudget(const LatticeZone& zone, const LatticeBuildOptions& o, const std::filesystem::path& stl = {});

// Warnings about the design of the part itself (not the cell): a skin on every face
// of the zone seals the lattice and traps the powder inside.
std::vector<std::string> latticeBuildWarnings(const LatticeZone& zone, const LatticeBuildOptions& o);

// Streams the lattice to a binary STL (atomically: no partial file on error or cancel).
LatticeBuildStats buildLatticeStl(const LatticeZone& zone, const LatticeBuildOptions& o,
                                  const std::filesystem::path& stl, const Progress& progress = Progress::none());
// The same without keeping the triangles: the figures of a build (porosity from the
// mesh volume and from the voxels), in the memory of one tile.
LatticeBuildStats buildLatticeStats(const LatticeZone& zone, const LatticeBuildOptions& o,
                                    const Progress& progress = Progress::none());
// The same in memory, welded (for tests and small parts).
LatticeBuildStats buildLatticeMesh(const LatticeZone& zone, const LatticeBuildOptions& o, Mesh& out,
                                   const Progress& progress = Progress::none());

// Measured on what was emitted, not predicted: the lattice is built (all tiles, in
// memory) and its triangles are measured. Porosity from the solid voxels and from
// the mesh volume (divergence theorem); strut diameter from rays cast against the
// triangles from each sampled strut's axis at mid-length (16 directions across it:
// twice the mean distance to the first crossing); window from rays cast in each
// rhombic face's plane from its centre (180 directions: twice the nearest crossing).
struct LatticeMeasurement {
  double porosityVoxels = 0;          // solid voxel count
  double porosityMesh = 0;            // divergence theorem on the mesh
  double meanStrutDiameterMm = 0;     // rays against the mesh at strut mid-lengths
  double strutDiameterSpreadMm = 0;   // standard deviation over struts
  std::size_t strutsMeasured = 0;
  double meanWindowMm = 0;            // rays against the mesh in the face planes
  std::size_t windowsMeasured = 0;
  std::uint64_t activeVoxels = 0;
  std::uint64_t triangles = 0;
  double fillSeconds = 0;
};
LatticeMeasurement measureLattice(const LatticeZone& zone, const LatticeBuildOptions& o,
                                  const Progress& progress = Progress::none());
// Strut diameters and windows of any mesh (e.g. an STL read back from disk) against
// the strut network `frame` describes, for the struts and windows at least a cell
// inside `zone`. Fills the strut and window fields of a LatticeMeasurement.
LatticeMeasurement measureStrutsOnMesh(const Mesh& mesh, const LatticeZone& zone, const LatticeFrame& frame);

// Benchmark hooks (bench/bench_lattice.cpp).
// Active voxels/s of the strut fill, timed from the options to the filled grid: the
// field (zone distance, island analysis) is built inside the timing, as a build does.
struct FillRate {
  std::uint64_t voxels = 0;
  double seconds = 0;        // everything timed
  double fieldSeconds = 0;   // of which: building the field (island analysis included)
};
FillRate timeStrutFill(const LatticeZone& zone, const LatticeBuildOptions& o);
// OpenVDB's own createLevelSetSphere filling about the same number of active voxels.
FillRate timeReferenceSphereFill(double voxelMm, std::uint64_t targetActiveVoxels);
// The reference for a whole build, per tile: OpenVDB's sphere with `activeVoxels`
// active voxels, meshed by volumeToMesh and streamed to `stl`, timed end to end.
struct MeshRate {
  std::uint64_t voxels = 0, triangles = 0;
  double seconds = 0;
};
MeshRate timeReferenceTileToStl(double voxelMm, std::uint64_t activeVoxels, const std::filesystem::path& stl);

}  // namespace tantalus::lattice
