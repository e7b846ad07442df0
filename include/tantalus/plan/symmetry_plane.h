#pragma once
// The midsagittal plane: the pelvis registered to its own mirror image by trimmed
// ICP (the worst quarter of the closest-point pairs is left out at every step, so the
// damaged side and the implant do not pull the plane), and the residual as a
// confidence figure.
#include <Eigen/Core>
#include <vector>

#include "tantalus/core/progress.h"

namespace tantalus::plan {

struct SymmetryPlane {
  Eigen::Vector3d normal = Eigen::Vector3d::UnitX();  // unit, towards the patient's left
  Eigen::Vector3d point = Eigen::Vector3d::Zero();    // on the plane
  double residualMm = 0;    // rms distance of the kept pairs after the last step
  double medianMm = 0;      // median distance of all pairs
  int iterations = 0;
  double matchedFraction = 0;  // of the mirrored points that found a partner (within 8 mm); 0: no fit
  Eigen::Vector3d mirror(const Eigen::Vector3d& x) const { return x - 2 * (x - point).dot(normal) * normal; }
  double signedDistance(const Eigen::Vector3d& x) const { return (x - point).dot(normal); }
};

// `points`: the pelvis's surface; the first guess: a plane through `point0` with
// normal `normal0`. Keeps the best `keep` of the pairs at each step.
SymmetryPlane fitSymmetryPlane(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& normal0,
                               const Eigen::Vector3d& point0, double keep = 0.75,
                               const Progress& progress = Progress::none());

}  // namespace tantalus::plan
