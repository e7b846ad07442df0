#include "tantalus/plan/bone_surface.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace tantalus::plan {

std::vector<SurfaceSample> boneSurfaceSamples(const Mask& bone, double normalRadiusMm) {
  const auto& g = bone.geometry;
  std::array<int, 3> reach{};
  for (int a = 0; a < 3; ++a) reach[a] = std::max(1, int(std::floor(normalRadiusMm / g.spacing[a])));
  // The window's offsets (LPS mm) within the radius.
  struct Offset {
    int di, dj, dk;
    Eigen::Vector3d mm;
  };
  std::vector<Offset> window;
  for (int dk = -reach[2]; dk <= reach[2]; ++dk)
    for (int dj = -reach[1]; dj <= reach[1]; ++dj)
      for (int di = -reach[0]; di <= reach[0]; ++di) {
        const Eigen::Vector3d mm = g.direction * Eigen::Vector3d(di * g.spacing[0], dj * g.spacing[1], dk * g.spacing[2]);
        if (mm.norm() <= std::max(normalRadiusMm, g.spacing.maxCoeff()) + 1e-9) window.push_back({di, dj, dk, mm});
      }
  std::vector<SurfaceSample> out;
  auto set = [&](int i, int j, int k) { return g.contains(i, j, k) && bone.data[g.index(i, j, k)]; };
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        if (!bone.data[g.index(i, j, k)]) continue;
        if (set(i + 1, j, k) && set(i - 1, j, k) && set(i, j + 1, k) && set(i, j - 1, k) && set(i, j, k + 1) && set(i, j, k - 1))
          continue;
        Eigen::Vector3d sum = Eigen::Vector3d::Zero();
        for (const Offset& o : window)
          if (set(i + o.di, j + o.dj, k + o.dk)) sum += o.mm;
        if (sum.norm() < 1e-6) continue;  // a lone voxel or a thin sheet: no direction
        const Eigen::Vector3d n = -sum.normalized();
        // Half a voxel out along the normal: the 50 % surface, not the voxel's centre.
        const Eigen::Vector3d voxelMm = g.direction.transpose() * n;
        const double half = 0.5 * std::abs(voxelMm.x()) * g.spacing[0] + 0.5 * std::abs(voxelMm.y()) * g.spacing[1] +
                            0.5 * std::abs(voxelMm.z()) * g.spacing[2];
        out.push_back({g.indexToLps(Eigen::Vector3d(i, j, k)) + half * n, n, g.index(i, j, k)});
      }
  return out;
}

}  // namespace tantalus::plan
