#pragma once
// Mask -> watertight triangle surface in LPS (VTK flying edges on the binary
// mask, padded so every surface closes), optional volume-keeping smoothing
// and decimation.
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"

namespace tantalus::meshing {

struct SurfaceOptions {
  int smoothingIterations = 0;   // windowed-sinc; 0 = off
  double decimate = 0.0;         // target reduction (0..1), 0 = off
};

Mesh maskToSurface(const Mask& mask, const SurfaceOptions& options = {},
                   const Progress& progress = Progress::none());

// Moves every vertex along its normal so the enclosed volume becomes `target`
// (first-order: offset = ΔV / area). Used after smoothing.
void restoreVolume(Mesh& m, double targetMm3);

// Reference: bare vtkFlyingEdges3D of a CT at an iso value (benchmark baseline).
std::size_t bareFlyingEdgesTriangles(const CtVolume& ct, double iso);

}  // namespace tantalus::meshing
