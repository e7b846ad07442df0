#pragma once
// The anterior pelvic plane (APP) from the pelvis's shape: in the plane across the
// symmetry plane's normal, the pelvis's outline is tangent anteriorly to a line
// touching the iliac spines above the hip centres and the pubic tubercles below
// them; the plane through that line and the left–right axis is the APP, and each
// landmark is the centre of the bone cap touching it on its side. Then the pelvic
// frame of the landmarks (Lewinnek 1978): left along the ASIS, posterior the APP's
// normal, superior their cross product.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/volume.h"
#include "tantalus/plan/symmetry_plane.h"

namespace tantalus::plan {

struct PelvicLandmarks {
  Eigen::Vector3d asis[2], pubicTubercle[2];  // [0] right, [1] left
  std::string source = "found";               // "found", or "case file" when entered by hand
};

struct PelvicFrame {
  Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();  // columns: left, posterior, superior (LPS)
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();    // midpoint of the ASIS
  // A scanner vector in the frame's coordinates (x left, y posterior, z superior).
  Eigen::Vector3d toFrame(const Eigen::Vector3d& v) const { return axes.transpose() * v; }
};

// The pelvis's axes before its landmarks: left along the symmetry plane's normal,
// posterior the scanner's +y made perpendicular to it, superior their cross product.
struct ProvisionalAxes {
  Eigen::Vector3d left, posterior, superior;
};
ProvisionalAxes provisionalAxes(const SymmetryPlane& symmetry);

// Throws Error naming the missing landmark when the scan stops short of it (a
// landmark within 3 slices of the scan's first or last). `warnings` gets what is
// doubtful but usable (the iliac crests cut off above the spines). `corLevelMm`: the
// hip centres' height along the provisional superior axis; `grid`: the scan's.
PelvicLandmarks findLandmarks(const std::vector<Eigen::Vector3d>& pelvis, const SymmetryPlane& symmetry,
                              double corLevelMm, const VolumeGeometry& grid, std::vector<std::string>& warnings);
// Throws unless the landmarks lie where a pelvis has them: each on its side of the
// symmetry plane, the spines 30 mm or more above the hip centres and 120–320 mm
// apart, the tubercles 10 mm or more below, not all in a line. Found or entered.
void checkLandmarks(const PelvicLandmarks& l, const SymmetryPlane& symmetry, double corLevelMm);
PelvicFrame pelvicFrame(const PelvicLandmarks& l);

}  // namespace tantalus::plan
