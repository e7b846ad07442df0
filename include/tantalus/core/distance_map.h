#pragma once
// Exact Euclidean distance maps of a mask (separable squared-distance transform,
// Felzenszwalb & Huttenlocher 2012), in mm with the grid's spacing.
#include <vector>

#include "tantalus/core/volume.h"

namespace tantalus {

// Signed distance of every voxel centre to the mask's boundary, mm, negative inside.
// The boundary is taken half a voxel (of the finest spacing) beyond the set voxels'
// centres, where a mesh of the mask runs: a voxel next to the other side reads ±h/2.
// An empty mask reads +infinity everywhere, a full one -infinity.
std::vector<float> signedDistanceMm(const Mask& m);

}  // namespace tantalus
