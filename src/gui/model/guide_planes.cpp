#include "gui/model/guide_planes.h"

#include <cmath>

#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"

namespace tantalus::gui {

const std::vector<std::string>& planeDirections() {
  static const std::vector<std::string> d{"superior", "inferior", "left", "right", "anterior", "posterior"};
  return d;
}

Eigen::Vector3d directionLps(const std::string& name) {
  // LPS: +x the patient's left, +y posterior, +z superior.
  if (name == "superior") return Eigen::Vector3d::UnitZ();
  if (name == "inferior") return -Eigen::Vector3d::UnitZ();
  if (name == "left") return Eigen::Vector3d::UnitX();
  if (name == "right") return -Eigen::Vector3d::UnitX();
  if (name == "anterior") return -Eigen::Vector3d::UnitY();
  if (name == "posterior") return Eigen::Vector3d::UnitY();
  throw Error("no patient direction '" + name + "'", "guide plane", "one of superior, inferior, left, right, anterior, posterior");
}

void addGuidePlane(CaseFile& c, const Eigen::Vector3d& at, const std::string& direction) {
  if (c.guides.planes.size() >= 8)
    throw Error("a case holds at most 8 osteotomy planes", "guides.planes", "remove one first");
  const Eigen::Vector3d n = directionLps(direction);
  c.guides.planes.push_back({{at.x(), at.y(), at.z()}, {n.x(), n.y(), n.z()}});
}

void removeGuidePlane(CaseFile& c, std::size_t index) {
  if (index >= c.guides.planes.size())
    throw Error("there is no plane " + std::to_string(index + 1), "guides.planes", "choose a plane in the list");
  c.guides.planes.erase(c.guides.planes.begin() + std::ptrdiff_t(index));
}

std::string describeGuidePlane(const GuidePlane& p, std::size_t index) {
  const Eigen::Vector3d n(p.normal[0], p.normal[1], p.normal[2]);
  std::string towards;
  for (const auto& d : planeDirections())
    if (directionLps(d).dot(n) > 1 - 1e-9) towards = "toward " + d;
  if (towards.empty())
    towards = "normal (" + fixedText(n.x(), 2) + ", " + fixedText(n.y(), 2) + ", " + fixedText(n.z(), 2) + ")";
  return std::to_string(index + 1) + ": " + pointMmText(Eigen::Vector3d(p.point[0], p.point[1], p.point[2])) + ", " + towards;
}

}  // namespace tantalus::gui
