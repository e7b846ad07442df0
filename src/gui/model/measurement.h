#pragma once
// A measurement on the slices: Shift+click adds a point; two points give a distance,
// a third the angle at the second (A–B–C); a fourth starts again.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace tantalus::gui {

class Measurement {
public:
  void add(const Eigen::Vector3d& lps);
  void clear() { points_.clear(); }
  const std::vector<Eigen::Vector3d>& points() const { return points_; }
  double distanceMm() const;  // A–B (0 with fewer than two points)
  double angleDeg() const;    // at B, between BA and BC (0 with fewer than three)
  std::string text() const;   // "A–B 42.3 mm", "angle A–B–C 37.5° (A–B 42.3 mm, B–C 18.0 mm)", or empty

private:
  std::vector<Eigen::Vector3d> points_;
};

}  // namespace tantalus::gui
