#pragma once
// Slice stacks that are not a regular grid (gantry tilt, uneven or missing
// slices) resampled onto one: output axes = (row, column, slice normal).
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"

namespace tantalus::io::detail {

struct SliceStack {
  int cols = 0, rows = 0;
  double dx = 1, dy = 1;                 // column spacing (along row dir), row spacing
  Eigen::Vector3d rowDir, colDir, normal;
  std::vector<Eigen::Vector3d> positions;        // per slice, sorted along normal
  std::vector<std::vector<std::int16_t>> pixels; // per slice, cols × rows
  std::string where;                             // the series folder, for errors
};

// Regular grid with spacing `dz` along the normal starting at the first slice.
// Bilinear in-plane (to undo the tilt shear), linear between slices.
// The grid grows to cover every slice's field of view; it is checked (checkGrid,
// memory) before it is allocated.
CtVolume resampleStack(const SliceStack& s, double dz, const Progress& progress);

}  // namespace tantalus::io::detail
