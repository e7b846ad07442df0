#pragma once
// Cup orientation as surgeons speak of it: radiographic inclination and anteversion
// (Murray 1993) of the cup's opening axis. Inclination: the angle between the body's
// longitudinal axis and the axis projected onto the coronal plane; anteversion: the
// angle between the axis and the coronal plane, positive when the cup opens anteriorly.
// Here relative to the scanner's axes (LPS: +x left, +y posterior, +z superior);
// relative to the anterior pelvic plane once the landmarks exist.
#include <Eigen/Core>

namespace tantalus::plan {

enum class Side { right, left };
const char* sideName(Side s);  // "right", "left"

struct CupAngles {
  double inclinationDeg = 0, anteversionDeg = 0;
};

// The angles of an opening axis (any length; it must point laterally and inferiorly).
CupAngles radiographicAngles(const Eigen::Vector3d& axisLps);
// The unit opening axis of a cup on `side` with these angles.
Eigen::Vector3d cupAxisFromAngles(Side side, const CupAngles& a);

}  // namespace tantalus::plan
