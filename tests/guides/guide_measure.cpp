#include "guide_measure.h"

#include <cmath>
#include <map>
#include <vector>

#include "tantalus/check/mesh_check.h"

namespace tantalus::test {

namespace {
constexpr double kPi = 3.14159265358979323846;
Eigen::Vector3d faceNormal(const Mesh& m, Eigen::Index f) {
  return (corner(m, f, 1) - corner(m, f, 0)).cross(corner(m, f, 2) - corner(m, f, 0));
}
Eigen::Vector3d centreOf(const Mesh& m, Eigen::Index f) { return (corner(m, f, 0) + corner(m, f, 1) + corner(m, f, 2)) / 3; }
// A face of the slot's walls: parallel to the plane within 5°, within 1.5 mm of it.
bool onSlotWall(const Mesh& m, Eigen::Index f, const Eigen::Vector3d& point, const Eigen::Vector3d& normal) {
  const Eigen::Vector3d n = faceNormal(m, f);
  return n.norm() > 1e-9 && std::abs(n.normalized().dot(normal)) >= std::cos(5 * kPi / 180) &&
         std::abs((centreOf(m, f) - point).dot(normal)) <= 1.5;
}
}  // namespace

SlotFit fitSlotWalls(const Mesh& guide, const Eigen::Vector3d& point, const Eigen::Vector3d& normal) {
  SlotFit fit;
  // Candidate faces by side, with their offsets from the plane and areas.
  struct Face {
    Eigen::Index f;
    double offset, area;
  };
  std::vector<Face> faces[2];
  for (Eigen::Index f = 0; f < guide.faces.rows(); ++f)
    if (onSlotWall(guide, f, point, normal)) {
      const double s = (centreOf(guide, f) - point).dot(normal);
      faces[s > 0].push_back({f, s, 0.5 * faceNormal(guide, f).norm()});
    }
  for (int side = 0; side < 2; ++side) {
    if (faces[side].empty()) continue;
    // The wall: the offset (0.02 mm bins) holding the most area — a facet of the
    // bone-shaped shell that happens to lie parallel nearby holds far less.
    std::map<long, double> bins;
    for (const auto& f : faces[side]) bins[std::lround(f.offset / 0.02)] += f.area;
    long best = bins.begin()->first;
    for (const auto& [b, a] : bins)
      if (a > bins[best]) best = b;
    std::vector<Eigen::Vector3d> pts;
    for (const auto& f : faces[side])
      if (std::abs(f.offset - double(best) * 0.02) <= 0.05) {
        ++fit.wallFaces[side];
        for (int k = 0; k < 3; ++k) pts.push_back(corner(guide, f.f, k));
      }
    Eigen::Vector3d mean = Eigen::Vector3d::Zero();
    for (const auto& p : pts) mean += p;
    mean /= double(pts.size());
    Eigen::Matrix3d cov = Eigen::Matrix3d::Zero();
    for (const auto& p : pts) cov += (p - mean) * (p - mean).transpose();
    const Eigen::Vector3d n = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(cov).eigenvectors().col(0);
    fit.angleDeg[side] = std::acos(std::min(1.0, std::abs(n.dot(normal)))) * 180 / kPi;
    fit.offsetMm[side] = (mean - point).dot(normal);
  }
  return fit;
}

double shareAtClearance(const Mesh& guide, const Mesh& bone, const Eigen::Vector3d& insertion, const Eigen::Vector3d& planePoint,
                        const Eigen::Vector3d& planeNormal, double clearanceMm, double tolMm) {
  std::vector<Eigen::Vector3d> centres;
  std::vector<double> areas;
  for (Eigen::Index f = 0; f < guide.faces.rows(); ++f) {
    const Eigen::Vector3d n = faceNormal(guide, f);
    const double a = 0.5 * n.norm();
    if (a < 1e-12 || n.normalized().dot(-insertion) < 0.5 || onSlotWall(guide, f, planePoint, planeNormal)) continue;
    centres.push_back(centreOf(guide, f));
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
