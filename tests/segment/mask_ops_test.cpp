#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "tantalus/meshing/mask_surface.h"
#include "tantalus/segment/mask_ops.h"

using namespace tantalus;
using namespace tantalus::segment;

namespace {
VolumeGeometry grid(int n, double sx = 1, double sy = 1, double sz = 1) {
  VolumeGeometry g;
  g.size = {n, n, n};
  g.spacing = {sx, sy, sz};
  return g;
}
Mask ball(const VolumeGeometry& g, const Eigen::Vector3d& c, double rMm) {
  Mask m(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if ((g.indexToLps(Eigen::Vector3d(i, j, k)) - c).norm() <= rMm) m.data[g.index(i, j, k)] = 1;
  return m;
}
}  // namespace

TEST(Threshold, IsInclusiveAtBothEnds) {
  CtVolume ct;
  ct.geometry = grid(2);
  ct.hu = {-1000, 225, 226, 1000, 3071, 3072, 2500, 0};
  const Mask m = threshold(ct, 226, 3071);
  EXPECT_EQ(m.data, (VoxelBuffer<std::uint8_t>{0, 0, 1, 1, 1, 0, 1, 0}));
}

TEST(Components, FaceConnectivityCountsAndOrdersBySize) {
  Mask m(grid(20));
  auto set = [&](int i, int j, int k) { m.data[m.geometry.index(i, j, k)] = 1; };
  for (int k = 2; k < 6; ++k)
    for (int j = 2; j < 6; ++j)
      for (int i = 2; i < 6; ++i) set(i, j, k);      // 64 voxels
  for (int i = 10; i < 13; ++i) set(i, 10, 10);      // 3 voxels
  set(15, 15, 15);
  set(16, 16, 16);                                    // corner-touching: two components
  const Components c(m);
  EXPECT_EQ(c.count(), 4u);
  EXPECT_EQ(c.sizes(), (std::vector<std::size_t>{64, 3, 1, 1}));
  EXPECT_EQ(c.labelAt(3, 3, 3), 1);
  EXPECT_EQ(c.labelAt(11, 10, 10), 2);
  EXPECT_EQ(c.labelAt(0, 0, 0), 0);
  EXPECT_EQ(c.keepLargest().count(), 64u);
  EXPECT_EQ(c.keepAtLeast(2).count(), 67u);
}

TEST(Components, UShapeJoinsThroughLaterRows) {
  // Two arms that only meet at the bottom: union-find must merge them.
  Mask m(grid(10));
  for (int j = 0; j < 8; ++j) {
    m.data[m.geometry.index(1, j, 5)] = 1;
    m.data[m.geometry.index(7, j, 5)] = 1;
  }
  for (int i = 1; i < 8; ++i) m.data[m.geometry.index(i, 8, 5)] = 1;
  EXPECT_EQ(Components(m).count(), 1u);
}

TEST(DilateMm, MatchesBruteForceEuclideanDistanceWithAnisotropicSpacing) {
  const VolumeGeometry g = grid(24, 0.7, 0.9, 1.6);
  Mask m(g);
  std::mt19937 rng(7);
  for (int n = 0; n < 6; ++n) m.data[g.index(4 + rng() % 16, 4 + rng() % 16, 4 + rng() % 16)] = 1;
  const double r = 2.5;
  const Mask d = dilateMm(m, r);
  std::size_t disagreements = 0;
  for (int k = 0; k < 24; ++k)
    for (int j = 0; j < 24; ++j)
      for (int i = 0; i < 24; ++i) {
        double best = 1e9;
        for (int c = 0; c < 24; ++c)
          for (int b = 0; b < 24; ++b)
            for (int a = 0; a < 24; ++a)
              if (m.data[g.index(a, b, c)])
                best = std::min(best, g.spacing.cwiseProduct(Eigen::Vector3d(i - a, j - b, k - c)).norm());
        if ((best <= r) != bool(d.data[g.index(i, j, k)])) ++disagreements;
      }
  EXPECT_EQ(disagreements, 0u);
  EXPECT_GT(d.count(), m.count() * 20);
}

TEST(FillHoles, FillsEnclosedCavitiesButNotOpenCupsOrForbiddenVoxels) {
  const VolumeGeometry g = grid(40);
  const Eigen::Vector3d c(20, 20, 20);
  Mask shell = ball(g, c, 12);
  const Mask inner = ball(g, c, 9);
  for (std::size_t i = 0; i < shell.data.size(); ++i) shell.data[i] &= !inner.data[i];
  Mask filled = shell;
  EXPECT_EQ(fillHoles(filled), inner.count());
  EXPECT_EQ(filled.count(), ball(g, c, 12).count());
  // A forbidden region (the dilated implant) is never filled.
  Mask guarded = shell;
  fillHoles(guarded, &inner);
  EXPECT_EQ(guarded.count(), shell.count());
  // Cut the shell open on one side: nothing is enclosed any more.
  Mask cup = shell;
  for (int k = 0; k < 40; ++k)
    for (int j = 0; j < 40; ++j)
      for (int i = 26; i < 40; ++i) cup.data[g.index(i, j, k)] = 0;
  EXPECT_EQ(fillHoles(cup), 0u);
}

TEST(MaskSurface, SphereSurfaceIsWatertightOutwardAndClose) {
  const VolumeGeometry g = grid(48, 0.5, 0.5, 0.5);
  const Mask m = ball(g, Eigen::Vector3d(12, 12, 12), 8);
  const Mesh s = meshing::maskToSurface(m);
  const MeshTopology t = analyseTopology(s);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.consistentlyOriented());
  EXPECT_EQ(t.components, 1u);
  const double exact = 4.0 / 3.0 * M_PI * 512;
  EXPECT_GT(signedVolume(s), 0);
  EXPECT_NEAR(signedVolume(s) / exact, 1.0, 0.03);
  EXPECT_NEAR(m.volumeMm3() / exact, 1.0, 0.03);
}

TEST(MaskSurface, SmoothingKeepsVolumeWithinOnePercent) {
  const VolumeGeometry g = grid(48, 0.5, 0.5, 0.5);
  const Mask m = ball(g, Eigen::Vector3d(12, 12, 12), 8);
  const Mesh raw = meshing::maskToSurface(m);
  const Mesh smooth = meshing::maskToSurface(m, {20, 0.0});
  EXPECT_NEAR(signedVolume(smooth) / signedVolume(raw), 1.0, 0.01);
  // Smoothing must actually smooth: the area drops (stair steps go).
  EXPECT_LT(surfaceArea(smooth), 0.97 * surfaceArea(raw));
  EXPECT_TRUE(analyseTopology(smooth).watertight());
}

TEST(MaskSurface, RespectsSpacingOriginAndDirection) {
  VolumeGeometry g = grid(20, 0.5, 0.5, 2.0);
  g.origin = {100, -50, 30};
  g.direction << -1, 0, 0, 0, -1, 0, 0, 0, 1;  // an RAS-style file seen in LPS
  Mask m(g);
  for (int k = 5; k < 10; ++k)
    for (int j = 5; j < 10; ++j)
      for (int i = 5; i < 10; ++i) m.data[g.index(i, j, k)] = 1;
  const Mesh s = meshing::maskToSurface(m);
  // Flying edges at 0.5 on a binary n^3 box cuts every boundary edge of the voxel grid
  // at its midpoint: inner cells whole, face cells half, edge cells a 1/8 prism, corner
  // cells a 1/48 tetrahedron (in voxel cells): (n-1)^3 + 3(n-1)^2 + 1.5(n-1) + 1/6.
  const double n = 5, cells = std::pow(n - 1, 3) + 3 * std::pow(n - 1, 2) + 1.5 * (n - 1) + 1.0 / 6;
  EXPECT_NEAR(signedVolume(s), cells * 0.5 * 0.5 * 2.0, 1e-3);
  EXPECT_GT(signedVolume(s), 0);
  const Eigen::AlignedBox3d b = bounds(s);
  EXPECT_NEAR(b.center().x(), 100 - 7 * 0.5, 1e-3);
  EXPECT_NEAR(b.center().y(), -50 - 7 * 0.5, 1e-3);
  EXPECT_NEAR(b.center().z(), 30 + 7 * 2.0, 1e-3);
}

TEST(MaskSurface, DecimationRemovesTheAskedFractionAndKeepsTheVolume) {
  const VolumeGeometry g = grid(48, 0.5, 0.5, 0.5);
  const Mask m = ball(g, Eigen::Vector3d(12, 12, 12), 8);
  const Mesh raw = meshing::maskToSurface(m);
  const Mesh half = meshing::maskToSurface(m, {0, 0.5});
  EXPECT_NEAR(double(half.faceCount()) / double(raw.faceCount()), 0.5, 0.05);
  EXPECT_NEAR(signedVolume(half) / signedVolume(raw), 1.0, 0.01);
  const MeshTopology t = analyseTopology(half);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.consistentlyOriented());
}
