#pragma once
// Numbers as people read them in reports and case-file notes: fixed decimals, and a
// value that rounds to zero is "0.0", never "-0.0".
#include <Eigen/Core>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>

namespace tantalus {

inline std::string fixedText(double v, int digits) {
  if (std::abs(v) < 0.5 * std::pow(10.0, -digits)) v = 0;
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

// "(x, y, z) mm", one decimal.
inline std::string pointMmText(const Eigen::Vector3d& v) {
  return "(" + fixedText(v.x(), 1) + ", " + fixedText(v.y(), 1) + ", " + fixedText(v.z(), 1) + ") mm";
}

}  // namespace tantalus
