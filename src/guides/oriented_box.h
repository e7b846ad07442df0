#pragma once
// Internal to src/guides: a closed box in an orthonormal right-handed frame.
#include <Eigen/Dense>

#include "tantalus/core/mesh.h"
#include "tantalus/machining/primitives.h"

namespace tantalus::guides::detail {

// The box [lo, hi] of the frame (columns x, y, z, right-handed) placed at `origin`.
inline Mesh orientedBox(const Eigen::Vector3d& origin, const Eigen::Matrix3d& axes, const Eigen::Vector3d& lo,
                        const Eigen::Vector3d& hi) {
  Mesh m = machining::boxMesh(lo, hi);
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
    const Eigen::Vector3d p = origin + axes * m.vertices.row(i).cast<double>().transpose();
    m.vertices.row(i) = p.cast<float>().transpose();
  }
  return m;
}

// A right-handed frame whose z is `z` (unit) and whose x is `x` made perpendicular to it.
inline Eigen::Matrix3d frameWithZ(const Eigen::Vector3d& z, const Eigen::Vector3d& x) {
  Eigen::Matrix3d f;
  const Eigen::Vector3d xs = (x - z * x.dot(z)).normalized();
  f.col(0) = xs;
  f.col(1) = z.cross(xs);
  f.col(2) = z;
  return f;
}

// Any unit vector perpendicular to unit n.
inline Eigen::Vector3d perpendicularTo(const Eigen::Vector3d& n) {
  const Eigen::Vector3d a = std::abs(n.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  return n.cross(a).normalized();
}

}  // namespace tantalus::guides::detail
