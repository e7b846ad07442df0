#pragma once
// The angle between two directions, in degrees (tests of axes and planes).
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace tantalus::test {

inline double angleDeg(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
  return std::acos(std::clamp(a.normalized().dot(b.normalized()), -1.0, 1.0)) * 180 / std::numbers::pi;
}

}  // namespace tantalus::test
