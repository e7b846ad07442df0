#pragma once
// Spheres in the bone's surface, found from its shape alone: a Hough vote of every
// oriented surface sample for the centres it could belong to (a concave sphere — the
// acetabulum — lies out along the normal, a convex one — the femoral head — in
// against it), then a robust least-squares fit on the samples the peak explains.
#include <Eigen/Core>
#include <vector>

#include "tantalus/plan/bone_surface.h"

namespace tantalus::plan {

struct HipSphere {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  double radiusMm = 0, rmsMm = 0;
  std::vector<std::size_t> inliers;  // indices into the samples
  double votes = 0;                  // the Hough peak's height
  // Fraction of the sphere's directions (on a 20° grid) its inliers cover: 0.5 is a
  // hemisphere, a real acetabulum ~0.3–0.45.
  double coverage = 0;
};

struct SphereSearch {
  bool concave = true;            // acetabula; false for femoral heads
  double minRadiusMm = 18, maxRadiusMm = 36;
  int maxCount = 6;               // strongest peaks kept
  double separationMm = 40;       // peaks closer than this are one
  double cellMm = 2.0;            // Hough cell
};

// Strongest first. Peaks whose fit fails (too few inliers, radius outside the range)
// are dropped.
std::vector<HipSphere> findSpheres(const std::vector<SurfaceSample>& samples, const SphereSearch& search);

// Refits a sphere near `guess` (centre, radius) on the samples facing it within
// `tolMm` of its surface, shrinking the tolerance to 1.5 mm.
HipSphere refineSphere(const std::vector<SurfaceSample>& samples, bool concave, const Eigen::Vector3d& centre,
                       double radiusMm, double tolMm = 4.0);

// The samples on a sphere given, not refitted (an acetabulum entered by hand): those
// within `tolMm` of its surface and facing it, their rms distance from it and the
// directions they cover. Too few (under 30) leaves the inliers empty.
HipSphere samplesOnSphere(const std::vector<SurfaceSample>& samples, bool concave, const Eigen::Vector3d& centre,
                          double radiusMm, double tolMm);

}  // namespace tantalus::plan
