#include "gui/model/measurement.h"

#include <cmath>
#include <numbers>

#include "gui/model/plan_readout.h"

namespace tantalus::gui {

void Measurement::add(const Eigen::Vector3d& lps) {
  if (points_.size() >= 3) points_.clear();
  points_.push_back(lps);
}

double Measurement::distanceMm() const { return points_.size() < 2 ? 0 : (points_[1] - points_[0]).norm(); }

double Measurement::angleDeg() const {
  if (points_.size() < 3) return 0;
  const Eigen::Vector3d a = points_[0] - points_[1], c = points_[2] - points_[1];
  if (a.norm() == 0 || c.norm() == 0) return 0;
  return std::atan2(a.cross(c).norm(), a.dot(c)) * 180 / std::numbers::pi;
}

std::string Measurement::text() const {
  if (points_.size() == 2) return "A–B " + oneDecimal(distanceMm()) + " mm";
  if (points_.size() == 3)
    return "angle A–B–C " + oneDecimal(angleDeg()) + "° (A–B " + oneDecimal(distanceMm()) + " mm, B–C " +
           oneDecimal((points_[2] - points_[1]).norm()) + " mm)";
  return points_.size() == 1 ? "A set: Shift+click B" : "";
}

}  // namespace tantalus::gui
