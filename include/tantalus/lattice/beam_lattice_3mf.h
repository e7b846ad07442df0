#pragma once
// 3MF with the Beam Lattice extension: nodes and beams with radii, clipped to
// the zone, and the skin as a triangle mesh. Megabytes instead of gigabytes.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice {

struct BeamLattice {
  std::vector<Eigen::Vector3d> nodes;
  struct Beam {
    std::uint32_t a = 0, b = 0;
    double radiusA = 0, radiusB = 0;
  };
  std::vector<Beam> beams;
  std::uint64_t islandStruts = 0, islandComponents = 0;  // floating fragments left out
  std::uint64_t sliverStruts = 0;                          // boundary shavings left out
};
// Struts clipped to the zone (a strut leaving the zone ends on its boundary), without
// the floating fragments (o.removeIslands; the skin, if any, decides what is attached).
BeamLattice beamLatticeInZone(const LatticeZone& zone, const LatticeBuildOptions& o);
// The same with no skin.
inline BeamLattice beamLatticeInZone(const LatticeZone& zone, const LatticeFrame& frame) {
  LatticeBuildOptions o;
  o.frame = frame;
  return beamLatticeInZone(zone, o);
}

struct Beam3mfStats {
  std::uint64_t nodes = 0, beams = 0, skinTriangles = 0, bytes = 0;
  std::uint64_t islandStruts = 0, islandComponents = 0, sliverStruts = 0;
};
// Writes atomically. The skin (if o.skinMm > 0) is meshed at a voxel size of
// max(o voxel, skin/3) and stored as the triangles of the same object; a bonded solid
// (o.bondedSolid) is stored as those triangles instead, as it is, and the beams reaching
// into it are the ones attached to it (a consumer unites the beams with the mesh).
Beam3mfStats writeBeamLattice3mf(const LatticeZone& zone, const LatticeBuildOptions& o,
                                 const std::filesystem::path& file, const Progress& progress = Progress::none());

// Reads back with lib3mf's reader (validation): the first mesh object's beams.
struct Beam3mfContents {
  BeamLattice lattice;
  std::uint64_t triangles = 0;
  std::uint32_t readerWarnings = 0;
  bool clippedInside = false;  // the beams are clipped to the inside of a clipping mesh
};
Beam3mfContents readBeamLattice3mf(const std::filesystem::path& file);

}  // namespace tantalus::lattice
