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

// Faces between a set voxel and an unset (or outside) 6-neighbour.
std::size_t surfaceFaces(const Mask& m);

// Fills enclosed background: voxels not set in `m`, not in `never`, and not
// reachable from the volume border through unset voxels. Returns voxels filled.
std::size_t fillHoles(Mask& m, const Mask* never = nullptr);

}  // namespace tantalus::segment
