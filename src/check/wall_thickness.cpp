// Local thickness by inward rays from sampled faces (core's bucket-grid raycaster).
#include <algorithm>
#include <vector>

#include "tantalus/check/mesh_check.h"
#include "tantalus/core/mesh_raycast.h"

namespace tantalus::check {

Thickness wallThickness(const Mesh& m, std::size_t maxRays, const Progress& progress, double thinBelowMm) {
  Thickness t;
  t.thinBelowMm = thinBelowMm;
  if (m.empty()) return t;
  const MeshRaycaster rays(m);
  const std::size_t n = m.faceCount();
  const std::size_t stride = maxRays == 0 || n <= maxRays ? 1 : (n + maxRays - 1) / maxRays;
  const double reach = bounds(m).diagonal().norm();
  std::vector<double> found;
  found.reserve(n / stride + 1);
  for (std::size_t i = 0; i < n; i += stride) {
    if ((t.rays & 4095) == 0) {
      progress.check();
      progress.report(double(i) / double(n), "measuring wall thickness");
    }
    ++t.rays;
    const Eigen::Index f = Eigen::Index(i);
    const Eigen::Vector3d a = corner(m, f, 0), b = corner(m, f, 1), c = corner(m, f, 2);
    const Eigen::Vector3d normal = (b - a).cross(c - a);
    if (normal.norm() < 1e-12) continue;
    const Eigen::Vector3d inward = -normal.normalized();
    // Start a hair inside so the face itself is not hit.
    const auto hit = rays.firstHit((a + b + c) / 3.0 + 1e-5 * inward, inward, reach);
    if (!hit) {
      ++t.misses;
      continue;
    }
    found.push_back(*hit + 1e-5);
    if (found.back() < thinBelowMm) t.thinAreaMm2 += 0.5 * normal.norm() * double(std::min(stride, n - i));
  }
  if (found.empty()) return t;
  std::sort(found.begin(), found.end());
  t.minMm = found.front();
  t.p1Mm = found[found.size() / 100];
  t.p5Mm = found[found.size() / 20];
  t.medianMm = found[found.size() / 2];
  return t;
}

}  // namespace tantalus::check
