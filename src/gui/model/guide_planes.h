#pragma once
// The guides panel's edits of the case (plain C++, tested without a window): an
// osteotomy plane added at the cursor with its normal toward a patient direction (the
// side the piece removed lies on), removed, and described for the panel's list.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"

namespace tantalus::gui {

// The patient directions a new plane's normal can take, as the panel lists them.
const std::vector<std::string>& planeDirections();  // "superior", "inferior", "left", "right", "anterior", "posterior"
// The direction's unit vector in LPS; an Error for a name not in planeDirections().
Eigen::Vector3d directionLps(const std::string& name);

// Adds a plane through `at` (LPS mm), its normal toward `direction`. Throws Error when
// the case holds 8 planes already.
void addGuidePlane(CaseFile& c, const Eigen::Vector3d& at, const std::string& direction);
// Removes plane `index` (0-based); an Error when there is none.
void removeGuidePlane(CaseFile& c, std::size_t index);
// "1: (x, y, z) mm, toward superior" (or the normal's components when it is oblique).
std::string describeGuidePlane(const GuidePlane& p, std::size_t index);

}  // namespace tantalus::gui
