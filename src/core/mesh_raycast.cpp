#include "tantalus/core/mesh_raycast.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tantalus {

namespace {

// Möller–Trumbore: t of the crossing, or +inf. Edges and vertices count (a tolerance of
// 1e-9 in the barycentric coordinates), so a ray through a shared edge is not lost
// between its two triangles by rounding.
double rayTriangle(const Eigen::Vector3d& o, const Eigen::Vector3d& d, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                   const Eigen::Vector3d& c) {
  const Eigen::Vector3d e1 = b - a, e2 = c - a, p = d.cross(e2);
  const double det = e1.dot(p);
  if (std::abs(det) < 1e-14) return std::numeric_limits<double>::infinity();
  const double inv = 1.0 / det;
  const Eigen::Vector3d s = o - a;
  const double u = s.dot(p) * inv;
  constexpr double kEdge = 1e-9;
  if (u < -kEdge || u > 1 + kEdge) return std::numeric_limits<double>::infinity();
  const Eigen::Vector3d q = s.cross(e1);
  const double v = d.dot(q) * inv;
  if (v < -kEdge || u + v > 1 + kEdge) return std::numeric_limits<double>::infinity();
  const double t = e2.dot(q) * inv;
  return t > 1e-9 ? t : std::numeric_limits<double>::infinity();
}

}  // namespace

MeshRaycaster::MeshRaycaster(const Mesh& mesh, double cellMm) : mesh_(mesh) {
  const Eigen::AlignedBox3d box = bounds(mesh);
  if (mesh.empty()) return;
  if (!(cellMm > 0)) {
    double sum = 0;
    const Eigen::Index step = std::max<Eigen::Index>(1, mesh.faces.rows() / 10000);
    Eigen::Index k = 0;
    for (Eigen::Index f = 0; f < mesh.faces.rows(); f += step, ++k) sum += (corner(mesh, f, 1) - corner(mesh, f, 0)).norm();
    cellMm = 2.0 * sum / double(std::max<Eigen::Index>(k, 1));
  }
  // At most ~64 M cells.
  const Eigen::Vector3d size = box.sizes().cwiseMax(1e-6);
  cell_ = std::max(cellMm, std::cbrt(size.prod() / 6.4e7));
  min_ = box.min();
  for (int i = 0; i < 3; ++i) n_[i] = std::max(1, int(std::ceil(size[i] / cell_)));
  const std::size_t cells = std::size_t(n_[0]) * std::size_t(n_[1]) * std::size_t(n_[2]);
  std::vector<std::uint32_t> count(cells + 1, 0);
  auto cellsOf = [&](Eigen::Index f, auto&& fn) {
    Eigen::AlignedBox3d b(corner(mesh, f, 0));
    b.extend(corner(mesh, f, 1));
    b.extend(corner(mesh, f, 2));
    int lo[3], hi[3];
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::clamp(int(std::floor((b.min()[i] - min_[i]) / cell_)), 0, n_[i] - 1);
      hi[i] = std::clamp(int(std::floor((b.max()[i] - min_[i]) / cell_)), 0, n_[i] - 1);
    }
    for (int z = lo[2]; z <= hi[2]; ++z)
      for (int y = lo[1]; y <= hi[1]; ++y)
        for (int x = lo[0]; x <= hi[0]; ++x) fn(cellIndex(x, y, z));
  };
  for (Eigen::Index f = 0; f < mesh.faces.rows(); ++f) cellsOf(f, [&](std::size_t c) { ++count[c + 1]; });
  for (std::size_t c = 0; c < cells; ++c) count[c + 1] += count[c];
  start_ = count;
  items_.resize(count[cells]);
  for (Eigen::Index f = 0; f < mesh.faces.rows(); ++f) cellsOf(f, [&](std::size_t c) { items_[count[c]++] = std::uint32_t(f); });
}

std::optional<double> MeshRaycaster::firstHit(const Eigen::Vector3d& o, const Eigen::Vector3d& d, double maxT) const {
  const auto h = firstHitFace(o, d, maxT);
  if (!h) return std::nullopt;
  return h->first;
}

std::optional<std::pair<double, Eigen::Index>> MeshRaycaster::firstHitFace(const Eigen::Vector3d& o, const Eigen::Vector3d& d,
                                                                           double maxT) const {
  if (mesh_.empty()) return std::nullopt;
  // Clip the ray to the grid box.
  double t0 = 0, t1 = maxT;
  for (int i = 0; i < 3; ++i) {
    const double lo = min_[i], hi = min_[i] + n_[i] * cell_;
    if (std::abs(d[i]) < 1e-15) {
      if (o[i] < lo || o[i] > hi) return std::nullopt;
      continue;
    }
    double a = (lo - o[i]) / d[i], b = (hi - o[i]) / d[i];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
  }
  if (t0 > t1) return std::nullopt;
  const Eigen::Vector3d p = o + t0 * d;
  int c[3], step[3];
  double next[3], delta[3];
  for (int i = 0; i < 3; ++i) {
    c[i] = std::clamp(int(std::floor((p[i] - min_[i]) / cell_)), 0, n_[i] - 1);
    step[i] = d[i] > 0 ? 1 : -1;
    const double boundary = min_[i] + (c[i] + (d[i] > 0 ? 1 : 0)) * cell_;
    next[i] = std::abs(d[i]) < 1e-15 ? std::numeric_limits<double>::infinity() : t0 + (boundary - p[i]) / d[i];
    delta[i] = std::abs(d[i]) < 1e-15 ? std::numeric_limits<double>::infinity() : cell_ / std::abs(d[i]);
  }
  double best = std::numeric_limits<double>::infinity();
  Eigen::Index bestFace = -1;
  for (;;) {
    const std::size_t ci = cellIndex(c[0], c[1], c[2]);
    for (std::uint32_t k = start_[ci]; k < start_[ci + 1]; ++k) {
      const Eigen::Index f = items_[k];
      const double t = rayTriangle(o, d, corner(mesh_, f, 0), corner(mesh_, f, 1), corner(mesh_, f, 2));
      if (t < best) best = t, bestFace = f;
    }
    const int axis = next[0] < next[1] ? (next[0] < next[2] ? 0 : 2) : (next[1] < next[2] ? 1 : 2);
    if (best <= next[axis] || next[axis] > t1) break;  // nothing nearer lies in later cells
    c[axis] += step[axis];
    if (c[axis] < 0 || c[axis] >= n_[axis]) break;
    next[axis] += delta[axis];
  }
  if (best <= maxT) return std::make_pair(best, bestFace);
  return std::nullopt;
}

}  // namespace tantalus
