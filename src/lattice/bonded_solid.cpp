// The bonded solid (the dense part of an implant) in the tiles: united with the strut
// field before meshing, and the porous region (the zone outside it) counted voxel by
// voxel so its porosity is measured, not assumed.
#include <openvdb/tools/Composite.h>

#include "vdb_lattice.h"

namespace tantalus::lattice::vdb {

PorousCount countPorousRegion(const Field& F, const FloatGrid& lattice, const Coord& ownLo, const Coord& ownHi) {
  PorousCount total;
  if (!F.solidGrid) return total;
  const Coord dim = ownHi - ownLo;
  const int nl[3] = {dim.x() / 8, dim.y() / 8, dim.z() / 8};
  const double h = F.h, halfDiag = 4.0 * std::sqrt(3.0) * h;
  tbb::enumerable_thread_specific<PorousCount> counts;
  tbb::parallel_for(tbb::blocked_range<int>(0, nl[0] * nl[1] * nl[2]), [&](const tbb::blocked_range<int>& r) {
    std::unique_ptr<FloatGrid::ConstAccessor> zacc;
    if (F.zoneGrid) zacc = std::make_unique<FloatGrid::ConstAccessor>(F.zoneGrid->getConstAccessor());
    const FloatGrid::ConstAccessor sacc = F.solidGrid->getConstAccessor();
    const FloatGrid::ConstAccessor lacc = lattice.getConstAccessor();
    PorousCount& c = counts.local();
    for (int li = r.begin(); li != r.end(); ++li) {
      const Coord origin = ownLo + Coord(8 * (li / (nl[1] * nl[2])), 8 * ((li / nl[2]) % nl[1]), 8 * (li % nl[2]));
      const Eigen::Vector3d centre = h * (Eigen::Vector3d(origin.x(), origin.y(), origin.z()) + Eigen::Vector3d::Constant(3.5));
      // Zone distances of box and level-set zones are 1-Lipschitz; mesh zones are clamped
      // to their band, which is wider than a leaf's half diagonal.
      if (F.zoneAtPoint(centre, zacc.get()) > halfDiag) continue;
      for (int x = 0; x < 8; ++x)
        for (int y = 0; y < 8; ++y)
          for (int z = 0; z < 8; ++z) {
            const Coord ijk = origin + Coord(x, y, z);
            const Eigen::Vector3d p(h * ijk.x(), h * ijk.y(), h * ijk.z());
            if (!(F.zoneAtPoint(p, zacc.get()) < 0) || !(F.solidAtPoint(p, &sacc) > 0)) continue;
            ++c.region;
            if (lacc.getValue(ijk) < 0) ++c.solid;
          }
    }
  });
  for (const PorousCount& c : counts) {
    total.region += c.region;
    total.solid += c.solid;
  }
  return total;
}

void uniteBondedSolid(const Field& F, FloatGrid& grid, const CoordBBox& region) {
  if (!F.solidGrid) return;
  // The solid's leaves in the region, and its interior as leaf-sized tiles (a clipped
  // copy would drop the interior tiles that straddle the region: false surfaces inside).
  auto piece = FloatGrid::create(F.solidGrid->background());
  piece->setTransform(F.xform->copy());
  piece->setGridClass(openvdb::GRID_LEVEL_SET);
  const FloatGrid::ConstAccessor acc = F.solidGrid->getConstAccessor();
  // One leaf beyond the region: the false surface where the copy ends stays two leaves
  // from anything the tile owns, out of reach of adaptive merging.
  const CoordBBox r(region.min() - Coord(8), region.max() + Coord(8));
  for (int x = r.min().x(); x <= r.max().x(); x += 8)
    for (int y = r.min().y(); y <= r.max().y(); y += 8)
      for (int z = r.min().z(); z <= r.max().z(); z += 8) {
        const Coord origin(x, y, z);
        if (const Leaf* leaf = acc.probeConstLeaf(origin)) {
          piece->tree().addLeaf(new Leaf(*leaf));
        } else {
          const float v = acc.getValue(origin);
          if (v < 0) piece->tree().addTile(1, origin, v, false);
        }
      }
  openvdb::tools::csgUnion(grid, *piece);
}

}  // namespace tantalus::lattice::vdb
