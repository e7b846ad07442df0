#pragma once
// Internal to the lattice engine: the sub-voxel speck filter (strut_fill.cpp) and the
// pocket filter of the bonded solid (tiled_mesher.cpp).
#include <vector>

#include "vdb_lattice.h"

namespace tantalus::lattice::vdb {

// Sub-voxel specks. Where a capsule grazes a zone surface that is not aligned with the
// voxel grid (mesh zones, curved level sets), the clipped sliver is thinner than a voxel
// and the voxel centres catch it only here and there: a few solid voxels with no solid
// face neighbour towards the rest (volumeToMesh does not join voxels that touch only
// along an edge or a corner), i.e. a separate mesh part of a dozen triangles. The
// strut graph cannot see those (the geometry is connected, its sampling is not). A solid
// component of at most kSpeckVoxels voxels, wholly visible in the region (kept 2 voxels
// from its border), is set outside. Values are a pure function of the index and a speck
// that any tile meshes lies well inside that tile's halo, so all tiles agree.
constexpr int kSpeckVoxels = 27;

// Sets every component of `member` voxels that grows from one of `seeds` and stays small
// (at most kSpeckVoxels, kept 2 voxels from the region's border, spanning less than the
// halo) to `replacement`. Returns each component changed: the low corner of its box and
// its voxels. Values are
// a pure function of the index and a small component any tile meshes lies well inside
// that tile's halo, so all tiles decide alike.
struct ClearedComponent {
  Coord low;
  std::size_t voxels = 0;
};
template <class Member>
std::vector<ClearedComponent> clearSmallComponents(FloatGrid& grid, const CoordBBox& region, const std::vector<Coord>& seeds,
                                        const Member& member, float replacement, int maxSpan = kHalo - 3) {
  const Coord dim = region.dim();
  const std::size_t n = std::size_t(dim.x()) * std::size_t(dim.y()) * std::size_t(dim.z());
  std::vector<std::uint8_t> state(n, 0);  // 1: part of a big component (or done), 2: visited now
  auto index = [&](const Coord& c) {
    const Coord d = c - region.min();
    return (std::size_t(d.x()) * std::size_t(dim.y()) + std::size_t(d.y())) * std::size_t(dim.z()) + std::size_t(d.z());
  };
  auto nearBorder = [&](const Coord& c) {
    for (int i = 0; i < 3; ++i)
      if (c[i] < region.min()[i] + 2 || c[i] > region.max()[i] - 2) return true;
    return false;
  };
  auto acc = grid.getAccessor();
  std::vector<Coord> comp, stack;
  std::vector<ClearedComponent> changed;
  for (const Coord& s : seeds) {
    if (!region.isInside(s) || state[index(s)] != 0) continue;
    comp.clear();
    stack.assign(1, s);
    state[index(s)] = 2;
    bool big = false;
    CoordBBox extent;
    while (!stack.empty() && !big) {
      const Coord c = stack.back();
      stack.pop_back();
      comp.push_back(c);
      extent.expand(c);
      const Coord span = extent.dim();
      if (nearBorder(c) || comp.size() > std::size_t(kSpeckVoxels) || std::max({span.x(), span.y(), span.z()}) > maxSpan) {
        big = true;
        break;
      }
      for (int k = 0; k < 6; ++k) {
        const Coord q = c.offsetBy(k == 0 ? -1 : k == 1 ? 1 : 0, k == 2 ? -1 : k == 3 ? 1 : 0, k == 4 ? -1 : k == 5 ? 1 : 0);
        if (!region.isInside(q)) continue;
        std::uint8_t& st = state[index(q)];
        if (st == 2 || !member(acc.getValue(q))) continue;
        if (st == 1) {
          big = true;
          break;
        }
        st = 2;
        stack.push_back(q);
      }
    }
    for (const Coord& c : comp) state[index(c)] = 1;
    for (const Coord& c : stack) state[index(c)] = 1;
    if (big) continue;
    for (const Coord& c : comp) acc.setValueOn(c, replacement);
    changed.push_back({extent.min(), comp.size()});
  }
  return changed;
}

// Solid specks, before the union with any bonded solid. `nearZoneSurface` limits the
// seeds: a speck is a sliver cut by the zone surface, so its voxels lie within a voxel or
// two of it (seeding from every solid voxel cost as much as the fill itself).
template <class NearSurface>
void removeSpecks(FloatGrid& grid, const CoordBBox& region, double h, double iso, const NearSurface& nearZoneSurface) {
  const float fiso = float(iso), shallow = float(-2.0 * h);
  std::vector<Coord> seeds;
  for (auto it = grid.tree().cbeginValueOn(); it; ++it)
    if (*it < fiso && *it > shallow && nearZoneSurface(it.getCoord())) seeds.push_back(it.getCoord());
  clearSmallComponents(grid, region, seeds, [fiso](float v) { return v < fiso; }, float(std::max(h, iso + h)));
}

// Sub-voxel pockets, after the union with a bonded solid. In the crevice where a strut
// meets the solid at a shallow angle the crevice is open, but thinner than a voxel, and
// the voxel centres catch it only here and there: a few outside voxels whose every face
// neighbour is inside, i.e. a closed inverted shell (a "void" of 12 to 40 triangles and
// 1e-4 mm³) that is not in the geometry. The lowest voxel of any such pocket has its -x,
// -y and -z neighbours inside, which makes the seeds cheap. A pocket is at most
// kSpeckVoxels and no wider than `maxSpanMm` (the strut's diameter, whatever the voxel):
// it cannot be a pore (600 µm), and real trapped powder is still found by the checks.
// Filled to `iso - h` (inside whatever the surface offset). Returns the pockets filled.
inline std::vector<ClearedComponent> fillPockets(FloatGrid& grid, const CoordBBox& region, double h, double iso,
                                                double maxSpanMm) {
  const float fiso = float(iso);
  const FloatGrid::ConstAccessor acc = grid.getConstAccessor();
  std::vector<Coord> seeds;
  for (auto it = grid.tree().cbeginValueOn(); it; ++it) {
    if (*it < fiso) continue;
    const Coord c = it.getCoord();
    if (acc.getValue(c.offsetBy(-1, 0, 0)) < fiso && acc.getValue(c.offsetBy(0, -1, 0)) < fiso &&
        acc.getValue(c.offsetBy(0, 0, -1)) < fiso)
      seeds.push_back(c);
  }
  const int maxSpan = std::min(kHalo - 3, int(std::floor(maxSpanMm / h)));
  if (maxSpan < 1) return {};
  return clearSmallComponents(grid, region, seeds, [fiso](float v) { return !(v < fiso); }, float(iso - h), maxSpan);
}

}  // namespace tantalus::lattice::vdb
