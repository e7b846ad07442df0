#pragma once
// Segmentation of a revision-hip CT: host bone and old implant, as masks and
// surfaces, with the figures a report needs.
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"

namespace tantalus::segment {

struct StepTiming {
  std::string step;
  double seconds = 0;
};

struct SegmentResult {
  Mask bone;             // host bone: bone window − dilated implant, components kept, holes filled
  Mask implant;          // old implant: HU >= metal threshold
  Mesh boneMesh, implantMesh;
  int huMin = 0, huMax = 0, metalHu = 0;
  double marginMm = 0;
  int metalLowHu = 0;
  double metalGrowMm = 0;
  std::size_t implantGrownVoxels = 0, implantSurfaceFaces = 0;
  std::size_t boneThresholdVoxels = 0, implantDilatedVoxels = 0, removedFromBoneVoxels = 0, holeVoxelsFilled = 0;
  std::size_t componentsFound = 0, componentsKept = 0, implantComponents = 0;
  std::vector<StepTiming> timings;
  std::vector<std::string> warnings;
};

// The metal grew by hysteresis over 15 % of its thresholded volume: streaks, a dark rim
// or metal thin for the voxel size (segmentCt warns of it).
bool metalStreaksSuspected(const SegmentResult& r);

// Resolves the preset (or custom range) into the HU window.
void resolveThresholds(SegmentationParams& p);

SegmentResult segmentCt(const CtVolume& ct, const SegmentationParams& params,
                        const Progress& progress = Progress::none());

// segment.json contents.
std::string segmentReportJson(const SegmentResult& r, const CtVolume& ct, const SegmentationParams& p);

}  // namespace tantalus::segment

namespace tantalus::segment {

// Old implant: HU >= metalHu (`implant`, what its volume is measured on); grown by
// hysteresis through voxels >= lowHu connected to it within growMm (`grown`: rims
// and bands darkened by streaks below the threshold); dilated by marginMm
// (`dilated`, bloom and partial volume) and removed from `bone`.
struct ImplantSubtraction {
  Mask implant, grown, dilated;
  std::size_t removedFromBone = 0;
};
struct MetalBounds {
  int metalHu = 2500, lowHu = 2000;
  double growMm = 3.0, marginMm = 1.0;
};
ImplantSubtraction subtractImplant(Mask& bone, const CtVolume& ct, const MetalBounds& bounds,
                                   const Progress& progress = Progress::none());
// The margin as applied: at least one pixel in-plane (a margin below the pixel size
// would dilate nothing and leave the partial-volume rim in the bone); 0 stays 0.
double effectiveMarginMm(double marginMm, const VolumeGeometry& g);
// The hysteresis alone: voxels >= lowHu within growMm of `seed`, in components that
// touch it (6-connected), plus the seed.
Mask growByHysteresis(const Mask& seed, const CtVolume& ct, int lowHu, double growMm,
                      const Progress& progress = Progress::none());

// Defaults from resources/segmentation-defaults.json.
SegmentationParams defaultSegmentationParams();

}  // namespace tantalus::segment
