#pragma once
// A CT resliced on a view's picture plane (any orientation), trilinear, shown
// through a window, with masks tinted over it (nearest voxel).
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/render/image.h"
#include "tantalus/render/ortho_view.h"

namespace tantalus::render {

struct Window {
  double level = 400, width = 1800;  // HU; a bone window
};

struct MaskTint {
  const Mask* mask = nullptr;
  Rgb colour;
  double opacity = 0.5;
};

// HU at an LPS point, trilinear over the neighbours inside the volume; `outside`
// beyond it (less than a quarter of the weight inside).
double sampleHu(const CtVolume& ct, const Eigen::Vector3d& lps, double outside = -1024);

RgbImage sliceImage(const CtVolume& ct, const OrthoView& plane, const Window& window, const std::vector<MaskTint>& tints = {},
                    const Progress& progress = Progress::none());

}  // namespace tantalus::render
