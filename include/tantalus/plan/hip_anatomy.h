#pragma once
// The anatomy a hip plan stands on, from the bone mask alone: both acetabula and
// native femoral heads (sphere searches in the surface), the bone's parts labelled
// (pelvis, each proximal femur, everything else: the table, boards, loose bone), the
// symmetry plane of the pelvis, its landmarks and the pelvic frame.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/plan/cup_angles.h"
#include "tantalus/plan/hip_spheres.h"
#include "tantalus/plan/pelvic_landmarks.h"
#include "tantalus/plan/symmetry_plane.h"

namespace tantalus::plan {

struct BonePart {
  std::string kind;     // "pelvis", "right femur", "left femur", "other"
  double volumeMl = 0;
  Eigen::Vector3d centroidLps = Eigen::Vector3d::Zero();
  std::string why;
};

struct HipJoint {
  std::optional<HipSphere> socket;  // the acetabulum (or, on a replaced hip, the old cup's bed)
  std::optional<HipSphere> head;    // the native femoral head, when there is one
};

struct HipAnatomy {
  std::array<HipJoint, 2> hip;      // [0] right, [1] left
  SymmetryPlane symmetry;
  PelvicLandmarks landmarks;
  PelvicFrame frame;
  std::vector<BonePart> parts;      // largest first
  Mask pelvis;                      // the pelvis's voxels, less the heads of femora joined to it
  std::vector<std::string> warnings;
};

// Throws Error when no pelvis is found (no pair of acetabula: a CT of another part of
// the body) or a landmark is missing (with `entered` landmarks, none are searched; with
// `enteredHips`, the acetabula are those spheres, each checked against the bone's surface).
HipAnatomy findHipAnatomy(const Mask& bone, const std::optional<PlanLandmarks>& entered,
                          const std::optional<PlanHips>& enteredHips = std::nullopt,
                          const Progress& progress = Progress::none());

}  // namespace tantalus::plan
