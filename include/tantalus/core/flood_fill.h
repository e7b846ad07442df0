#pragma once
// A 6-connected flood over a voxel grid from seed voxels (header-only).
#include <array>
#include <cstddef>
#include <vector>

#include "tantalus/core/volume.h"

namespace tantalus {

// Visits the face neighbours of every voxel on the stack; `enter(w)` decides whether w
// joins (and must mark it so that it is not entered twice).
template <class Enter>
void floodFill6(const VolumeGeometry& g, std::vector<std::size_t> stack, Enter&& enter) {
  const std::size_t nx = std::size_t(g.size[0]), ny = std::size_t(g.size[1]);
  while (!stack.empty()) {
    const std::size_t v = stack.back();
    stack.pop_back();
    const int i = int(v % nx), j = int((v / nx) % ny), k = int(v / (nx * ny));
    for (auto [di, dj, dk] : {std::array{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}) {
      if (!g.contains(i + di, j + dj, k + dk)) continue;
      const std::size_t w = g.index(i + di, j + dj, k + dk);
      if (enter(w)) stack.push_back(w);
    }
  }
}

}  // namespace tantalus
