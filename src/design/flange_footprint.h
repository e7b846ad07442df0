#pragma once
// Internal to src/design: where a flange on the ilium may lie (body_grid.cpp fills it
// with the voxels on the bone there).
#include <Eigen/Dense>
#include <cmath>

#include "tantalus/design/implant_design.h"

namespace tantalus::design {

// The flange's footprint: a band up the ilium above the cup, flange_width_mm front to
// back, flange_length_mm beyond the cup's outer sphere, on the lateral side (the side
// the cup opens to), in the pelvis's own frame.
struct FlangeFootprint {
  bool on = false;
  Eigen::Vector3d superior, posterior, lateral;
  double lengthMm = 0, halfWidthMm = 0, thicknessMm = 0;
  static FlangeFootprint of(const DesignInputs& in) {
    FlangeFootprint f;
    f.on = in.params.flangeMm > 0;
    const Eigen::Matrix3d& ax = in.plan->anatomy.frame.axes;  // left, posterior, superior
    f.lateral = in.plan->side.side == plan::Side::left ? Eigen::Vector3d(ax.col(0)) : Eigen::Vector3d(-ax.col(0));
    f.posterior = ax.col(1), f.superior = ax.col(2);
    f.lengthMm = in.params.flangeLengthMm, f.halfWidthMm = in.params.flangeWidthMm / 2, f.thicknessMm = in.params.flangeMm;
    return f;
  }
  // q from the cup's centre, r = |q|, beyond the cup's outer radius R.
  bool contains(const Eigen::Vector3d& q, double r, double R) const {
    return on && r - R <= lengthMm && q.dot(superior) > 0 && std::abs(q.dot(posterior)) <= halfWidthMm && q.dot(lateral) >= 0;
  }
};

}  // namespace tantalus::design
