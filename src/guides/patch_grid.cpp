// The bone patch a guide seats on: where the plane enters the bone, the insertion
// direction, and the bone sampled as a height field along it.
#include <algorithm>
#include <cmath>
#include <limits>

#include "guide_internal.h"
#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"

namespace tantalus::guides::detail {

namespace {
constexpr double kMaxSlopeCos = 0.5;  // bone under the guide sloped at most 60° from w
constexpr double kSlopeMm = 1.5;      // the slope's least baseline, each way
Eigen::Vector3d faceNormal(const Mesh& m, Eigen::Index f) {
  return (corner(m, f, 1) - corner(m, f, 0)).cross(corner(m, f, 2) - corner(m, f, 0));  // length: twice the area
}
}  // namespace

namespace {
// The bone's normal at each node from the height field's slope over ±kSlopeMm (a CT's
// surface is faceted at the voxel size: single faces tilt tens of degrees from the
// bone's shape); true where it is within 60° of w.
std::vector<char> smoothNormals(PatchGrid& g, double baselineMm) {
  const int k = std::max(1, int(std::lround(baselineMm / g.step)));
  std::vector<char> ok(g.height.size(), 0);
  auto h = [&](int i, int j) { return g.valid(i, j) ? g.height[g.id(i, j)] : std::numeric_limits<double>::quiet_NaN(); };
  // One side's difference where the other is missing (the patch's edge).
  auto slope = [&](int i, int j, int di, int dj) {
    const double c = h(i, j), plus = h(i + di * k, j + dj * k), minus = h(i - di * k, j - dj * k);
    if (std::isfinite(plus) && std::isfinite(minus)) return (plus - minus) / (2 * k * g.step);
    if (std::isfinite(plus)) return (plus - c) / (k * g.step);
    if (std::isfinite(minus)) return (c - minus) / (k * g.step);
    return 0.0;
  };
  for (int j = 0; j < g.side(); ++j)
    for (int i = 0; i < g.side(); ++i) {
      if (!std::isfinite(h(i, j))) continue;
      const double hx = slope(i, j, 1, 0), hy = slope(i, j, 0, 1);
      const Eigen::Vector3d n = (-hx * g.frame.col(0) - hy * g.frame.col(1) + g.w()).normalized();
      g.boneNormal[g.id(i, j)] = n;
      ok[g.id(i, j)] = n.dot(g.w()) >= kMaxSlopeCos;
    }
  return ok;
}
}  // namespace

bool PatchGrid::nodeNear(const Eigen::Vector3d& p, int& i, int& j) const {
  const Eigen::Vector3d d = p - origin;
  i = int(std::lround(d.dot(frame.col(0)) / step)) + n;
  j = int(std::lround(d.dot(frame.col(1)) / step)) + n;
  return valid(i, j);
}

Eigen::Vector3d entryPoint(const Mesh& bone, const Plane& plane, const std::string& where) {
  double best = std::numeric_limits<double>::infinity();
  Eigen::Vector3d entry = plane.point;
  for (Eigen::Index v = 0; v < bone.vertices.rows(); ++v) {
    const Eigen::Vector3d x = bone.vertices.row(v).cast<double>().transpose();
    const double s = plane.signedDistance(x);
    if (std::abs(s) > 1.0) continue;
    const double d = (x - plane.point).squaredNorm();
    if (d < best) {
      best = d;
      entry = x - s * plane.normal;
    }
  }
  if (!std::isfinite(best))
    throw Error("the plane meets no bone surface", where, "move the plane's point onto the bone where the saw enters");
  return entry;
}

double facetSizeMm(const Mesh& bone, const Eigen::Vector3d& entry, double radiusMm) {
  std::vector<double> edges;
  for (Eigen::Index f = 0; f < bone.faces.rows(); ++f)
    if ((corner(bone, f, 0) - entry).norm() <= radiusMm) edges.push_back((corner(bone, f, 1) - corner(bone, f, 0)).norm());
  if (edges.empty()) return 0;
  std::nth_element(edges.begin(), edges.begin() + std::ptrdiff_t(edges.size() / 2), edges.end());
  return edges[edges.size() / 2];
}

Eigen::Vector3d insertionDirection(const Mesh& bone, const Eigen::Vector3d& entry, double radiusMm, const std::string& where) {
  // The side of the bone the entry is on: the faces within 3 mm of it.
  Eigen::Vector3d near = Eigen::Vector3d::Zero(), all = Eigen::Vector3d::Zero();
  for (Eigen::Index f = 0; f < bone.faces.rows(); ++f) {
    const Eigen::Vector3d c = (corner(bone, f, 0) + corner(bone, f, 1) + corner(bone, f, 2)) / 3;
    if ((c - entry).norm() <= 3) near += faceNormal(bone, f);
  }
  if (near.norm() < 1e-9) throw Error("no bone surface at the plane's entry", where, "move the plane's point onto the bone");
  near.normalize();
  for (Eigen::Index f = 0; f < bone.faces.rows(); ++f) {
    const Eigen::Vector3d c = (corner(bone, f, 0) + corner(bone, f, 1) + corner(bone, f, 2)) / 3;
    const Eigen::Vector3d n = faceNormal(bone, f);
    if ((c - entry).norm() <= radiusMm && n.dot(near) > 0.3 * n.norm()) all += n;
  }
  return all.normalized();
}

PatchGrid samplePatch(const MeshRaycaster& rays, const Eigen::Vector3d& entry, const Eigen::Matrix3d& frame, double radiusMm,
                      double step, double facetMm, const std::string& where) {
  PatchGrid g;
  g.origin = entry;
  g.frame = frame;
  g.step = step;
  g.n = int(std::ceil(radiusMm / step));
  const std::size_t count = std::size_t(g.side()) * std::size_t(g.side());
  g.height.assign(count, std::numeric_limits<double>::quiet_NaN());
  g.boneNormal.assign(count, Eigen::Vector3d::Zero());
  g.inPatch.assign(count, 0);
  const double above = radiusMm + 40;
  for (int j = 0; j < g.side(); ++j)
    for (int i = 0; i < g.side(); ++i) {
      const double a = double(i - g.n) * step, b = double(j - g.n) * step;
      if (a * a + b * b > radiusMm * radiusMm) continue;
      if (const auto hit = rays.firstHitFace(g.at(i, j, above), -g.w(), 2 * above + 40)) g.height[g.id(i, j)] = above - hit->first;
    }
  const std::vector<char> ok = smoothNormals(g, std::max(kSlopeMm, 1.5 * facetMm));
  const std::size_t centre = g.id(g.n, g.n);
  if (!ok[centre] || std::abs(g.height[centre]) > 1.0)
    throw Error("the plane's entry cannot be reached along the guide's insertion direction (bone overhangs it, or the bone "
                "there is steeper than 60°)",
                where, "move the plane's point to open, less steep bone");
  // Reachable from the centre without a step (a jump to other bone): neighbours at most 75° apart,
  // or a riser of the surface's facets (on a coarse CT, up to half a voxel between two nodes).
  const double maxStep = std::max(step * std::tan(75 * 3.14159265358979323846 / 180), 0.6 * facetMm);
  g.inPatch[centre] = 1;
  std::vector<std::size_t> stack{centre};
  while (!stack.empty()) {
    const std::size_t c = stack.back();
    stack.pop_back();
    const int ci = int(c % std::size_t(g.side())), cj = int(c / std::size_t(g.side()));
    const int di[4] = {1, -1, 0, 0}, dj[4] = {0, 0, 1, -1};
    for (int k = 0; k < 4; ++k) {
      const int i = ci + di[k], j = cj + dj[k];
      if (!g.valid(i, j)) continue;
      const std::size_t q = g.id(i, j);
      if (g.inPatch[q] || !ok[q] || std::abs(g.height[q] - g.height[c]) > maxStep) continue;
      g.inPatch[q] = 1;
      stack.push_back(q);
    }
  }
  return g;
}

}  // namespace tantalus::guides::detail
