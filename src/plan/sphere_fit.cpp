#include "tantalus/plan/sphere_fit.h"

#include <Eigen/Dense>
#include <cmath>

#include "tantalus/segment/mask_ops.h"

namespace tantalus::plan {

SphereFit fitSphere(const std::vector<Eigen::Vector3d>& points) {
  SphereFit f;
  if (points.size() < 4) return f;
  // |p|² = 2 c·p + k, k = r² − |c|²: linear least squares in (c, k), centred for conditioning.
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const auto& p : points) mean += p;
  mean /= double(points.size());
  Eigen::Matrix4d ata = Eigen::Matrix4d::Zero();
  Eigen::Vector4d atb = Eigen::Vector4d::Zero();
  for (const auto& p0 : points) {
    const Eigen::Vector3d p = p0 - mean;
    const Eigen::Vector4d row(2 * p.x(), 2 * p.y(), 2 * p.z(), 1.0);
    ata += row * row.transpose();
    atb += row * p.squaredNorm();
  }
  const Eigen::Vector4d x = ata.ldlt().solve(atb);
  const Eigen::Vector3d c = x.head<3>();
  const double r2 = x[3] + c.squaredNorm();
  if (!(r2 > 0) || !x.allFinite()) return f;
  f.centre = c + mean;
  f.radiusMm = std::sqrt(r2);
  double ss = 0;
  for (const auto& p : points) ss += std::pow((p - f.centre).norm() - f.radiusMm, 2);
  f.rmsMm = std::sqrt(ss / double(points.size()));
  f.points = points.size();
  return f;
}

SphereFit fitSphereRobust(const std::vector<Eigen::Vector3d>& points, double keepMm, int rounds) {
  SphereFit f = fitSphere(points);
  for (int r = 0; r < rounds && f.valid(); ++r) {
    std::vector<Eigen::Vector3d> kept;
    for (const auto& p : points)
      if (std::abs((p - f.centre).norm() - f.radiusMm) <= keepMm) kept.push_back(p);
    if (kept.size() == f.points || kept.size() < 4) break;
    f = fitSphere(kept);
  }
  return f;
}

std::vector<Eigen::Vector3d> surfacePoints(const Mask& m) {
  std::vector<Eigen::Vector3d> out;
  segment::forEachSurfaceFace(m, [&](int i, int j, int k, int di, int dj, int dk) {
    out.push_back(m.geometry.indexToLps(Eigen::Vector3d(i + 0.5 * di, j + 0.5 * dj, k + 0.5 * dk)));
  });
  return out;
}

}  // namespace tantalus::plan
