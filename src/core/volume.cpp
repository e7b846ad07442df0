#include "tantalus/core/volume.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "tantalus/core/error.h"

namespace tantalus {

Eigen::Matrix4d VolumeGeometry::indexToLpsMatrix() const {
  Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
  m.topLeftCorner<3, 3>() = direction * spacing.asDiagonal();
  m.topRightCorner<3, 1>() = origin;
  return m;
}

bool VolumeGeometry::sameGrid(const VolumeGeometry& o, double tolMm) const {
  return size == o.size && (spacing - o.spacing).cwiseAbs().maxCoeff() < tolMm &&
         (origin - o.origin).cwiseAbs().maxCoeff() < tolMm &&
         (direction - o.direction).cwiseAbs().maxCoeff() < 1e-6;
}

namespace {
std::string number(double v) {
  if (std::isnan(v)) return "not a number";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

void checkGrid(const VolumeGeometry& g, const std::string& where, const std::string& hint) {
  using L = GridLimits;
  for (int d = 0; d < 3; ++d) {
    if (g.size[std::size_t(d)] < 1) throw Error("axis " + std::to_string(d + 1) + " has no voxels", where, hint);
    const double s = g.spacing[d];
    if (!(s >= L::kMinSpacingMm && s <= L::kMaxSpacingMm))
      throw Error("voxel spacing along axis " + std::to_string(d + 1) + " is " + number(s) + " mm, outside " +
                      number(L::kMinSpacingMm) + " to " + number(L::kMaxSpacingMm) + " mm",
                  where, hint);
    if (!(double(g.size[std::size_t(d)]) * s <= L::kMaxExtentMm))
      throw Error("the volume would be " + number(double(g.size[std::size_t(d)]) * s) + " mm long along axis " +
                      std::to_string(d + 1) + ", more than any patient",
                  where, hint);
  }
  if (!g.origin.allFinite() || g.origin.cwiseAbs().maxCoeff() > L::kMaxCoordinateMm)
    throw Error("the volume's origin (" + number(g.origin.x()) + ", " + number(g.origin.y()) + ", " + number(g.origin.z()) +
                    ") is not a position within 10 m of the scanner",
                where, hint);
  const Eigen::Matrix3d& m = g.direction;
  if (!m.allFinite()) throw Error("the orientation (direction cosines) holds a value that is not a number", where, hint);
  for (int a = 0; a < 3; ++a) {
    if (std::abs(m.col(a).norm() - 1.0) > L::kOrthoTolerance)
      throw Error("the orientation's axis " + std::to_string(a + 1) + " is not a unit vector (length " +
                      number(m.col(a).norm()) + ")",
                  where, hint);
    for (int b = a + 1; b < 3; ++b)
      if (std::abs(m.col(a).dot(m.col(b))) > L::kOrthoTolerance)
        throw Error("the orientation's axes " + std::to_string(a + 1) + " and " + std::to_string(b + 1) +
                        " are not perpendicular (cosine " + number(m.col(a).dot(m.col(b))) + "): a sheared grid",
                    where, hint);
  }
}

std::pair<int, int> CtVolume::range() const {
  if (hu.empty()) return {0, 0};
  auto [lo, hi] = std::minmax_element(hu.begin(), hu.end());
  return {*lo, *hi};
}

std::size_t Mask::count() const {
  return std::size_t(std::count_if(data.begin(), data.end(), [](std::uint8_t v) { return v != 0; }));
}

}  // namespace tantalus
