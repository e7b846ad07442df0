#include <gtest/gtest.h>

#include <cmath>

#include "tantalus/core/distance_map.h"

using namespace tantalus;

// A ball of radius 6 mm on an anisotropic grid: the signed distance at every voxel is the
// analytic one to within the voxel staircase (half the coarsest spacing), negative inside.
TEST(DistanceMap, BallOnAnAnisotropicGridReadsItsAnalyticDistance) {
  VolumeGeometry g;
  g.size = {40, 36, 30};
  g.spacing = Eigen::Vector3d(0.5, 0.6, 0.8);
  g.origin = Eigen::Vector3d(-10, -10.5, -11.6);
  Mask m(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) m.data[g.index(i, j, k)] = g.indexToLps(Eigen::Vector3d(i, j, k)).norm() <= 6.0;
  const std::vector<float> sdf = signedDistanceMm(m);
  double worst = 0;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const std::size_t v = g.index(i, j, k);
        const double truth = g.indexToLps(Eigen::Vector3d(i, j, k)).norm() - 6.0;
        EXPECT_EQ(sdf[v] < 0, m.data[v] != 0);
        worst = std::max(worst, std::abs(double(sdf[v]) - truth));
      }
  EXPECT_LT(worst, 0.8);
  EXPECT_GT(worst, 0.05);  // a staircase, not the analytic field
  // The voxel next to the centre line on the x axis: exactly the spacing-aware distance.
  const Eigen::Vector3d far = g.indexToLps(Eigen::Vector3d(0, 0, 0));
  EXPECT_NEAR(sdf[g.index(0, 0, 0)], far.norm() - 6.0, 0.8);
}

TEST(DistanceMap, EmptyAndFullMasksReadInfinity) {
  VolumeGeometry g;
  g.size = {4, 4, 4};
  Mask empty(g), full(g);
  for (auto& x : full.data) x = 1;
  EXPECT_TRUE(std::isinf(signedDistanceMm(empty)[5]) && signedDistanceMm(empty)[5] > 0);
  EXPECT_TRUE(std::isinf(signedDistanceMm(full)[5]) && signedDistanceMm(full)[5] < 0);
}
