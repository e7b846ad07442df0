// Build options and their warnings: no OpenVDB here (the geometry side of the module).
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice {

std::vector<std::string> latticeBuildWarnings(const LatticeZone& zone, const LatticeBuildOptions& o) {
  std::vector<std::string> w;
  if (!(o.skinMm > 0)) return w;
  if (zone.kind == LatticeZone::Kind::Box) {
    if ((o.skinFaces & kSkinAll) == kSkinAll)
      w.push_back("the skin closes the zone on all faces: powder cannot be removed from the lattice inside; "
                  "leave at least one face open (--skin-faces, e.g. x-,x+,y-,y+,z-)");
  } else {
    w.push_back("the skin of a mesh or level-set zone covers its whole surface: powder cannot be removed from the "
                "lattice inside; leave at least one face open (build without --skin-mm and add the shell separately)");
  }
  return w;
}

double LatticeBuildOptions::resolvedVoxelMm() const { return voxelMm > 0 ? voxelMm : frame.cell.strutMm / 6.0; }

double LatticeBuildStats::porosityFromVoxels() const {
  return 1.0 - double(solidVoxels) * voxelMm * voxelMm * voxelMm / zoneVolumeMm3;
}

}  // namespace tantalus::lattice
