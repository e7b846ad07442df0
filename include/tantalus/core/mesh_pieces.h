#pragma once
// The separate pieces of a welded mesh, and the debris among them: pieces smaller than
// a given size (on every axis of their bounding box) beside a larger body. A voxel
// mesher leaves such debris where a strut is cut twice by a zone's boundary (a closed
// nub a few voxels long) or where sub-voxel configurations leave a stray patch. What
// is debris is decided from the geometry alone and reported, never silently kept.
#include <cstddef>

#include "tantalus/core/mesh.h"

namespace tantalus {

struct DebrisRemoval {
  Mesh kept;                      // every face of the pieces kept, vertices compacted
  std::size_t pieces = 0;         // pieces before
  std::size_t droppedPieces = 0;
  std::size_t droppedFaces = 0;
  double largestDroppedMm = 0;    // the largest bounding-box side among the dropped pieces
};

// The piece with the largest bounding box is always kept; another piece is dropped when
// every side of its bounding box is below `maxSideMm`.
DebrisRemoval removeDebris(Mesh welded, double maxSideMm);  // moved into `kept` when nothing goes

}  // namespace tantalus
