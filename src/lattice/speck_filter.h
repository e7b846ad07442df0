#pragma once
// Internal to strut_fill.cpp: the sub-voxel speck filter.
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

// `nearZoneSurface` limits the seeds: a speck is a sliver cut by the zone surface, so its
// voxels lie within a voxel or two of it (seeding from every solid voxel cost as much as
// the fill itself).
template <class NearSurface>
void removeSpecks(FloatGrid& grid, const CoordBBox& region, double h, double iso, const NearSurface& nearZoneSurface) {
  const Coord dim = region.dim();
  const std::size_t n = std::size_t(dim.x()) * std::size_t(dim.y()) * std::size_t(dim.z());
  std::vector<std::uint8_t> state(n, 0);  // 1: part of a big component, 2: visited now
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
  const float fiso = float(iso), shallow = float(-2.0 * h);
  std::vector<Coord> seeds, comp, stack;
  for (auto it = grid.tree().cbeginValueOn(); it; ++it)
    if (*it < fiso && *it > shallow && nearZoneSurface(it.getCoord())) seeds.push_back(it.getCoord());
  for (const Coord& s : seeds) {
    if (!region.isInside(s) || state[index(s)] == 1) continue;
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
      // A speck must fit well inside the halo on every axis, so that every tile that
      // meshes any of it sees all of it and decides alike (no seam can open).
      const Coord span = extent.dim();
      if (nearBorder(c) || comp.size() > std::size_t(kSpeckVoxels) ||
          std::max({span.x(), span.y(), span.z()}) > kHalo - 3) {
        big = true;
        break;
      }
      for (int k = 0; k < 6 && !big; ++k) {
        {
          {
            const int dx = k == 0 ? -1 : k == 1 ? 1 : 0, dy = k == 2 ? -1 : k == 3 ? 1 : 0, dz = k == 4 ? -1 : k == 5 ? 1 : 0;
            const Coord q = c.offsetBy(dx, dy, dz);
            if (!region.isInside(q)) continue;
            std::uint8_t& st = state[index(q)];
            if (st == 2) continue;
            if (!(acc.getValue(q) < fiso)) continue;
            if (st == 1) {
              big = true;
              break;
            }
            st = 2;
            stack.push_back(q);
          }
        }
      }
    }
    if (big) {
      for (const Coord& c : comp) state[index(c)] = 1;
      for (const Coord& c : stack) state[index(c)] = 1;
    } else {
      for (const Coord& c : comp) {
        acc.setValueOn(c, float(h));  // outside: no crossing, no solid voxel
        state[index(c)] = 1;          // never a seed again (its value no longer is solid)
      }
    }
  }
}

}  // namespace tantalus::lattice::vdb
