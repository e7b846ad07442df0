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
  std::size_t smallVoids = 0;     // small closed inverted pieces kept: cavities, not debris
  std::size_t filledCavities = 0; // with fillSmallCavities: small cavities taken out (solid there now)
  std::size_t filledFaces = 0;    // their walls' faces
  double largestFilledMm = 0;
};

// The piece with the largest bounding box is always kept. Another piece whose bounding
// box is below `maxSideMm` on every side is dropped when it is open (a stray patch) or
// closed with outward faces (a loose nub); a small closed piece facing inward is a
// cavity (trapped powder) and stays, counted in smallVoids, for the checks to see;
// with `fillSmallCavities` its wall is taken out instead, which fills it solid (a
// sub-pore pocket a voxel mesher sealed where a strut meets a solid at a shallow angle).
DebrisRemoval removeDebris(Mesh welded, double maxSideMm, bool fillSmallCavities = false);  // moved into `kept` when nothing goes

}  // namespace tantalus
