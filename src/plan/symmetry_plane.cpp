#include "tantalus/plan/symmetry_plane.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "tantalus/plan/point_grid.h"

namespace tantalus::plan {

namespace {

struct Pair {
  double distance;
  std::size_t moving;
  long fixed;
};

// The rigid motion (R, t) taking the kept moving points onto their partners (Kabsch).
void kabsch(const std::vector<Eigen::Vector3d>& moving, const PointGrid& grid, const std::vector<Pair>& pairs,
            std::size_t kept, Eigen::Matrix3d& r, Eigen::Vector3d& t) {
  Eigen::Vector3d cm = Eigen::Vector3d::Zero(), cf = Eigen::Vector3d::Zero();
  for (std::size_t n = 0; n < kept; ++n) cm += moving[pairs[n].moving], cf += grid.point(pairs[n].fixed);
  cm /= double(kept), cf /= double(kept);
  Eigen::Matrix3d h = Eigen::Matrix3d::Zero();
  for (std::size_t n = 0; n < kept; ++n) h += (moving[pairs[n].moving] - cm) * (grid.point(pairs[n].fixed) - cf).transpose();
  Eigen::JacobiSVD<Eigen::Matrix3d> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
  if ((svd.matrixV() * svd.matrixU().transpose()).determinant() < 0) d(2, 2) = -1;
  r = svd.matrixV() * d * svd.matrixU().transpose();
  t = cf - r * cm;
}

std::vector<Pair> pairUp(const std::vector<Eigen::Vector3d>& moving, const PointGrid& grid) {
  std::vector<Pair> pairs;
  pairs.reserve(moving.size());
  for (std::size_t n = 0; n < moving.size(); ++n) {
    double d;
    const long f = grid.closest(moving[n], d);
    if (f >= 0) pairs.push_back({d, n, f});
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.distance < b.distance; });
  return pairs;
}

}  // namespace

SymmetryPlane fitSymmetryPlane(const std::vector<Eigen::Vector3d>& points, const Eigen::Vector3d& normal0,
                               const Eigen::Vector3d& point0, double keep, const Progress& progress) {
  SymmetryPlane plane;
  plane.normal = normal0.normalized();
  plane.point = point0;
  if (points.size() < 100) return plane;  // matchedFraction 0: no fit
  keep = std::clamp(keep, 0.1, 1.0);
  const PointGrid grid(points, 8.0);
  // At most ~8000 moving points: the mirror image of an even subsample.
  const std::size_t stride = std::max<std::size_t>(1, points.size() / 8000);
  std::vector<Eigen::Vector3d> original, moving;
  for (std::size_t n = 0; n < points.size(); n += stride) original.push_back(points[n]);
  // F(x) = A x + b: the reflection through the first plane, then ICP's motions.
  const Eigen::Matrix3d reflect = Eigen::Matrix3d::Identity() - 2 * plane.normal * plane.normal.transpose();
  Eigen::Matrix3d a = reflect;
  Eigen::Vector3d b = 2 * plane.point.dot(plane.normal) * plane.normal;
  std::vector<Pair> pairs;
  for (int it = 0; it < 60; ++it) {
    progress.check();
    moving.clear();
    for (const auto& x : original) moving.push_back(a * x + b);
    pairs = pairUp(moving, grid);
    if (pairs.size() < 50) break;
    const std::size_t kept = std::max<std::size_t>(50, std::size_t(keep * double(pairs.size())));
    Eigen::Matrix3d r;
    Eigen::Vector3d t;
    kabsch(moving, grid, pairs, kept, r, t);
    a = r * a;
    b = r * b + t;
    plane.iterations = it + 1;
    const double angle = std::acos(std::clamp((r.trace() - 1) / 2, -1.0, 1.0));
    if (angle < 1e-5 && t.norm() < 1e-3) break;
  }
  // The plane of the improper motion A: its normal is A's eigenvector for −1, the
  // plane holds the midpoints of x and F(x).
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(0.5 * (a + a.transpose()));
  Eigen::Vector3d n = eig.eigenvectors().col(0).normalized();
  if (n.dot(normal0) < 0) n = -n;
  Eigen::Vector3d mid = Eigen::Vector3d::Zero();
  for (const auto& x : original) mid += 0.5 * (x + a * x + b);
  plane.normal = n;
  plane.point = mid / double(original.size());
  // The residual after the last step: rms of the kept pairs, median of all.
  moving.clear();
  for (const auto& x : original) moving.push_back(a * x + b);
  pairs = pairUp(moving, grid);
  plane.matchedFraction = plane.iterations > 0 ? double(pairs.size()) / double(original.size()) : 0.0;
  if (!pairs.empty()) {
    const std::size_t kept = std::max<std::size_t>(1, std::size_t(keep * double(pairs.size())));
    double ss = 0;
    for (std::size_t k = 0; k < kept; ++k) ss += pairs[k].distance * pairs[k].distance;
    plane.residualMm = std::sqrt(ss / double(kept));
    plane.medianMm = pairs[pairs.size() / 2].distance;
  }
  progress.report(1.0, "symmetry plane");
  return plane;
}

}  // namespace tantalus::plan
