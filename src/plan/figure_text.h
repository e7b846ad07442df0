#pragma once
// A figure in a sentence: three significant digits ("54.2", "0.47").
#include <sstream>
#include <string>

namespace tantalus::plan {

inline std::string figureText(double v) {
  std::ostringstream s;
  s.precision(3);
  s << v;
  return s.str();
}

}  // namespace tantalus::plan
