#include "tantalus/plan/cup_angles.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tantalus::plan {

namespace {
constexpr double kDeg = 180.0 / std::numbers::pi;
}

const char* sideName(Side s) { return s == Side::left ? "left" : "right"; }

CupAngles radiographicAngles(const Eigen::Vector3d& axisLps) {
  const Eigen::Vector3d a = axisLps.normalized();
  CupAngles r;
  r.anteversionDeg = std::asin(std::clamp(-a.y(), -1.0, 1.0)) * kDeg;  // anterior is -y
  r.inclinationDeg = std::atan2(std::abs(a.x()), -a.z()) * kDeg;       // from the inferior direction, in the coronal plane
  return r;
}

Eigen::Vector3d cupAxisFromAngles(Side side, const CupAngles& a) {
  const double s = side == Side::left ? 1.0 : -1.0;  // lateral is +x on the left
  const double ri = a.inclinationDeg / kDeg, ra = a.anteversionDeg / kDeg;
  return Eigen::Vector3d(s * std::sin(ri) * std::cos(ra), -std::sin(ra), -std::cos(ri) * std::cos(ra)).normalized();
}

}  // namespace tantalus::plan
