#include "tantalus/machining/primitives.h"

#include <array>
#include <cmath>
#include <stdexcept>

namespace tantalus::machining {

AxisFrame AxisFrame::along(const Eigen::Vector3d& origin, const Eigen::Vector3d& axis) {
  AxisFrame f;
  f.origin = origin;
  f.axis = axis.normalized();
  return f;
}

Eigen::Vector3d AxisFrame::u() const {
  const Eigen::Vector3d helper = std::abs(axis.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  return axis.cross(helper).cross(axis).normalized();
}

Eigen::Vector3d AxisFrame::v() const { return axis.cross(u()); }

Eigen::Vector3d AxisFrame::at(double r, double angle, double z) const {
  return origin + r * std::cos(angle) * u() + r * std::sin(angle) * v() + z * axis;
}

namespace {
void orientOutwards(Mesh& m) {
  if (signedVolume(m) < 0) flipOrientation(m);
}

Mesh hexahedron(const std::array<Eigen::Vector3d, 8>& c) {
  // Corner index bits: 1 = +x, 2 = +y, 4 = +z (of the box's own axes).
  static const int quads[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
  Mesh m;
  m.vertices.resize(8, 3);
  for (int i = 0; i < 8; ++i) m.vertices.row(i) = c[std::size_t(i)].cast<float>().transpose();
  m.faces.resize(12, 3);
  for (int q = 0; q < 6; ++q) {
    m.faces.row(2 * q) << quads[q][0], quads[q][1], quads[q][2];
    m.faces.row(2 * q + 1) << quads[q][0], quads[q][2], quads[q][3];
  }
  orientOutwards(m);
  return m;
}
}  // namespace

Mesh boxMesh(const Eigen::Vector3d& lo, const Eigen::Vector3d& hi) {
  std::array<Eigen::Vector3d, 8> c;
  for (int i = 0; i < 8; ++i)
    c[std::size_t(i)] = Eigen::Vector3d(i & 1 ? hi.x() : lo.x(), i & 2 ? hi.y() : lo.y(), i & 4 ? hi.z() : lo.z());
  return hexahedron(c);
}

Mesh frameBoxMesh(const AxisFrame& f, double r, double angle, const Eigen::Vector2d& half, double z0, double z1) {
  const Eigen::Vector3d radial = std::cos(angle) * f.u() + std::sin(angle) * f.v();
  const Eigen::Vector3d tangent = f.axis.cross(radial);
  const Eigen::Vector3d centre = f.origin + r * radial;
  std::array<Eigen::Vector3d, 8> c;
  for (int i = 0; i < 8; ++i)
    c[std::size_t(i)] = centre + (i & 1 ? half.x() : -half.x()) * radial + (i & 2 ? half.y() : -half.y()) * tangent +
                        (i & 4 ? z1 : z0) * f.axis;
  return hexahedron(c);
}

Mesh revolvedMesh(const std::vector<ProfilePoint>& profile, const AxisFrame& f, int segments) {
  if (profile.size() < 3 || segments < 3 || profile.front().r != 0.0 || profile.back().r != 0.0)
    throw std::invalid_argument("revolvedMesh: the profile must run from the axis to the axis");
  for (std::size_t i = 1; i + 1 < profile.size(); ++i)
    if (!(profile[i].r > 0.0)) throw std::invalid_argument("revolvedMesh: inner profile points need r > 0");
  const int rings = int(profile.size()) - 2;
  Mesh m;
  m.vertices.resize(2 + rings * segments, 3);
  m.vertices.row(0) = f.at(0, 0, profile.front().z).cast<float>().transpose();
  m.vertices.row(1) = f.at(0, 0, profile.back().z).cast<float>().transpose();
  auto ring = [&](int k, int s) { return 2 + k * segments + (s % segments); };
  for (int k = 0; k < rings; ++k)
    for (int s = 0; s < segments; ++s) {
      const double angle = 2.0 * M_PI * s / segments;
      m.vertices.row(ring(k, s)) =
          f.at(profile[std::size_t(k + 1)].r, angle, profile[std::size_t(k + 1)].z).cast<float>().transpose();
    }
  m.faces.resize(2 * segments * rings, 3);
  Eigen::Index n = 0;
  for (int s = 0; s < segments; ++s) {
    m.faces.row(n++) << 0, ring(0, s + 1), ring(0, s);
    m.faces.row(n++) << 1, ring(rings - 1, s), ring(rings - 1, s + 1);
    for (int k = 0; k + 1 < rings; ++k) {
      m.faces.row(n++) << ring(k, s), ring(k, s + 1), ring(k + 1, s + 1);
      m.faces.row(n++) << ring(k, s), ring(k + 1, s + 1), ring(k + 1, s);
    }
  }
  orientOutwards(m);
  return m;
}

Mesh sphereMesh(const Eigen::Vector3d& centre, double radius, int segments) {
  std::vector<ProfilePoint> p;
  const int steps = std::max(2, segments / 2);
  for (int i = 0; i <= steps; ++i) {
    const double t = M_PI * i / steps;
    p.push_back({i == 0 || i == steps ? 0.0 : radius * std::sin(t), -radius * std::cos(t)});
  }
  return revolvedMesh(p, AxisFrame::along(centre, Eigen::Vector3d::UnitZ()), segments);
}

Mesh cylinderMesh(const AxisFrame& f, double radius, double z0, double z1, int segments) {
  return revolvedMesh({{0, z0}, {radius, z0}, {radius, z1}, {0, z1}}, f, segments);
}

Mesh concatenate(const std::vector<Mesh>& parts) {
  Mesh m;
  Eigen::Index nv = 0, nf = 0;
  for (const Mesh& p : parts) nv += p.vertices.rows(), nf += p.faces.rows();
  m.vertices.resize(nv, 3);
  m.faces.resize(nf, 3);
  Eigen::Index v = 0, f = 0;
  for (const Mesh& p : parts) {
    m.vertices.middleRows(v, p.vertices.rows()) = p.vertices;
    m.faces.middleRows(f, p.faces.rows()) = p.faces.array() + std::int32_t(v);
    v += p.vertices.rows();
    f += p.faces.rows();
  }
  return m;
}

}  // namespace tantalus::machining
