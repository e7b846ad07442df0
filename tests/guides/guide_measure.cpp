#include "guide_measure.h"

#include <cmath>
#include <vector>

#include "tantalus/check/mesh_check.h"

namespace tantalus::test {

namespace {
constexpr double kPi = 3.14159265358979323846;
Eigen::Vector3d faceNormal(const Mesh& m, Eigen::Index f) {
  return (corner(m, f, 1) - corner(m, f, 0)).cross(corner(m, f, 2) - corner(m, f, 0));
}
}  // namespace

SlotFit fitSlotWalls(const Mesh& guide, const Eigen::Vector3d& point, const Eigen::Vector3d& normal) {
  SlotFit fit;
  std::vector<Eigen::Vector3d> pts[2];
  for (Eigen::Index f = 0; f < guide.faces.rows(); ++f) {
    const Eigen::Vector3d n = faceNormal(guide, f);
    if (n.norm() < 1e-9 || std::abs(n.normalized().dot(normal)) < std::cos(5 * kPi / 180)) continue;
    const Eigen::Vector3d c = (corner(guide, f, 0) + corner(guide, f, 1) + corner(guide, f, 2)) / 3;
    const double s = (c - point).dot(normal);
    if (std::abs(s) > 1.5) continue;
    const int side = s > 0;
    ++fit.wallFaces[side];
    for (int k = 0; k < 3; ++k) pts[side].push_back(corner(guide, f, k));
  }
  for (int side = 0; side < 2; ++side) {
    if (pts[side].size() < 3) continue;
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (const auto& p : pts[side]) mean += p;
    mean /= double(pts[side].size());
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    for (const auto& p : pts[side]) cov += (p - mean) * (p - mean).transpose();
    const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(cov);
    const Eigen::Vector3d n = es.eigenvectors().col(0);
    fit.angleDeg[side] = std::acos(std::min(1.0, std::abs(n.dot(normal)))) * 180 / kPi;
    fit.offsetMm[side] = (mean - point).dot(normal);
  }
  return fit;
}

double shareAtClearance(const Mesh& guide, const Mesh& bone, const Eigen::Vector3d& insertion, double clearanceMm, double tolMm) {
  std::vector<Eigen::Vector3d> centres;
  std::vector<double> areas;
  for (Eigen::Index f = 0; f < guide.faces.rows(); ++f) {
    const Eigen::Vector3d n = faceNormal(guide, f);
    const double a = 0.5 * n.norm();
    if (a < 1e-12 || n.normalized().dot(-insertion) < 0.5) continue;
    centres.push_back((corner(guide, f, 0) + corner(guide, f, 1) + corner(guide, f, 2)) / 3);
    areas.push_back(a);
  }
  const std::vector<double> d = check::distancesToSurface(bone, centres);
  double total = 0, within = 0;
  for (std::size_t i = 0; i < d.size(); ++i) {
    total += areas[i];
    if (std::abs(d[i] - clearanceMm) <= tolMm) within += areas[i];
  }
  return total > 0 ? within / total : 0;
}

}  // namespace tantalus::test
