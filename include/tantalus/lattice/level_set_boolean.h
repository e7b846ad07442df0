#pragma once
// A Boolean of two closed meshes through OpenVDB level sets: both voxelized at `voxelMm`,
// combined (csgDifference / csgUnion), meshed back. Fast and robust, but inexact: every
// surface is resampled to the voxel size (the exact path is machining::meshBoolean). The
// design benchmarks the liner seat both ways (bench_design, BM_SeatExactVsVoxel). Linked
// from the engine library directly (tantalus_lattice), not through the loaded module.
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"

namespace tantalus::lattice {

enum class LevelSetOp { Difference, Union };

Mesh levelSetBoolean(const Mesh& a, const Mesh& b, LevelSetOp op, double voxelMm, const Progress& progress = Progress::none());

}  // namespace tantalus::lattice
