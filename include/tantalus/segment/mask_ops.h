#pragma once
// Mask operations on CT grids: thresholds, connected components (run-based,
// 6-connected), Euclidean dilation in millimetres, hole filling.
#include <array>
#include <cstdint>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"

namespace tantalus::segment {

// lo <= HU <= hi.
Mask threshold(const CtVolume& ct, int lo, int hi);

struct ComponentStats {
  std::size_t count = 0;                 // components found
  std::vector<std::size_t> voxels;       // per component, largest first
};

// Connected components of the set voxels (6-connectivity: faces only).
// Labels are 1..N by decreasing size; 0 = background.
class Components {
public:
  explicit Components(const Mask& m);
  std::size_t count() const { return sizes_.size(); }
  const std::vector<std::size_t>& sizes() const { return sizes_; }   // voxels, largest first
  // 1-based label at voxel (i,j,k), 0 when not set.
  int labelAt(int i, int j, int k) const;
  Mask keep(const std::vector<int>& labels) const;
  Mask keepLargest() const { return keep({1}); }
  Mask keepAtLeast(std::size_t voxels) const;

private:
  struct Run { std::int32_t x0, x1; std::uint32_t row; };  // row = j + ny*k, x in [x0, x1)
  VolumeGeometry geometry_;
  std::vector<Run> runs_;
  std::vector<std::size_t> rowStart_;   // first run of each row; size rows+1
  std::vector<int> runLabel_;
  std::vector<std::size_t> sizes_;
};

// Voxels within `radiusMm` (Euclidean, true spacing) of any set voxel.
Mask dilateMm(const Mask& m, double radiusMm, const Progress& progress = Progress::none());

// Calls fn(i, j, k, di, dj, dk) for every face between a set voxel (i, j, k) and its
// unset (or outside) 6-neighbour (i + di, j + dj, k + dk).
template <class Fn>
void forEachSurfaceFace(const Mask& m, Fn&& fn) {
  static constexpr int d[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  const auto& g = m.geometry;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        if (!m.data[g.index(i, j, k)]) continue;
        for (const auto& n : d) {
          const int a = i + n[0], b = j + n[1], c = k + n[2];
          if (!g.contains(a, b, c) || !m.data[g.index(a, b, c)]) fn(i, j, k, n[0], n[1], n[2]);
        }
      }
}

// Faces between a set voxel and an unset (or outside) 6-neighbour.
std::size_t surfaceFaces(const Mask& m);

// Centroid of the set voxels, LPS mm (the grid's centre when none is set).
Eigen::Vector3d centroidLps(const Mask& m);

// Fills enclosed background: voxels not set in `m`, not in `never`, and not
// reachable from the volume border through unset voxels. Returns voxels filled.
std::size_t fillHoles(Mask& m, const Mask* never = nullptr);

}  // namespace tantalus::segment
