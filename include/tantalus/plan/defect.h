#pragma once
// The bone defect a revision must fill: the bone the affected hemipelvis has lost
// around the hip (where its mirror image, the contralateral pelvis, has bone and the
// host bone has none), outside the planned cup's outer sphere. The band of bone the
// segmentation removed with the metal (its margin) is filled from the bone just
// outside it, and sheets thinner than a voxel's erosion (mirror noise at the
// surface) are left out by opening by reconstruction.
#include <Eigen/Core>
#include <optional>
#include <string>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/plan/cup_angles.h"
#include "tantalus/plan/old_implant.h"
#include "tantalus/plan/pelvic_landmarks.h"
#include "tantalus/plan/symmetry_plane.h"

namespace tantalus::plan {

struct Defect {
  double volumeMl = 0;
  // Where, from the planned cup's centre in the pelvic frame (Paprosky's terms):
  // the superior dome, the medial wall, the posterior column.
  double superiorMl = 0, medialMl = 0, posteriorMl = 0;
  std::string description;  // "superior 4.2 mL, posterior 0.9 mL" or "contained: …"
  double farMl = 0;         // of it within 3 mm of the search's edge (35 mm beyond the cup)
  bool doubtful = false;    // bone missing out to the search's edge, or metal streaks
  // What an augment fills (the CT's grid): the defect, and the band the segmentation
  // removed around the metal, out to the host bone.
  Mask region;
};

struct DefectInputs {
  const Mask* bone = nullptr;     // host bone
  const Mask* pelvis = nullptr;   // the pelvis (what is mirrored)
  const Mask* metal = nullptr;    // the old implant
  const SymmetryPlane* symmetry = nullptr;
  const PelvicFrame* frame = nullptr;
  Side side = Side::left;
  Eigen::Vector3d cupCentreLps = Eigen::Vector3d::Zero();
  double cupRadiusMm = 0;
  std::optional<Eigen::Vector3d> oldCupCentreLps;  // the band is filled outwards from it
  double metalBandMm = 2;                          // what the segmentation removed around the metal
};

Defect estimateDefect(const DefectInputs& in, const Progress& progress = Progress::none());

}  // namespace tantalus::plan
