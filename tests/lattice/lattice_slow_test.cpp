// Print-resolution checks that take tens of seconds: label "slow".
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "lattice_test_helpers.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/lattice_builder.h"

using namespace tantalus;
using namespace tantalus::lattice;
using tantalus::lattice::test::referenceOptions;

TEST(LatticeSlow, MeasuredGeometryIn20mmCubeAtDefaultResolution) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(20, 20, 20));
  const LatticeBuildOptions o = referenceOptions();  // h = d/6
  const LatticeMeasurement m = measureLattice(zone, o);
  std::printf("20 mm cube, h = %.4f mm: porosity mesh %.4f, voxels %.4f; strut %.4f mm (sd %.4f, n %zu); window %.4f mm (n %zu)\n",
              o.resolvedVoxelMm(), m.porosityMesh, m.porosityVoxels, m.meanStrutDiameterMm, m.strutDiameterSpreadMm,
              m.strutsMeasured, m.meanWindowMm, m.windowsMeasured);
  EXPECT_NEAR(m.porosityMesh, 0.80, 0.01);
  EXPECT_NEAR(m.porosityVoxels, 0.80, 0.01);
  EXPECT_NEAR(m.meanStrutDiameterMm, o.frame.cell.strutMm, 0.05 * o.frame.cell.strutMm);
  EXPECT_NEAR(m.meanWindowMm, 0.6, 0.05 * 0.6);
  EXPECT_GT(m.strutsMeasured, 1000u);
  EXPECT_GT(m.windowsMeasured, 500u);
}

TEST(LatticeSlow, VoxelCountingAtDOver8AgreesWithTheTarget) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(20, 20, 20));
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 8;
  const LatticeMeasurement m = measureLattice(zone, o);
  std::printf("20 mm cube, h = d/8: porosity voxels %.4f, mesh %.4f\n", m.porosityVoxels, m.porosityMesh);
  EXPECT_NEAR(m.porosityVoxels, 0.80, 0.01);
  EXPECT_NEAR(m.porosityMesh, 0.80, 0.01);
}

TEST(LatticeSlow, TwentyMillimetreCubeStlIsWatertightAndManifoldByAdmesh) {
  const auto dir = tantalus::test::scratchDir("lattice-cube20");
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(20, 20, 20));
  LatticeBuildOptions o = referenceOptions();
  o.tileVoxels = 128;
  const auto file = dir / "cube20.stl";
  const LatticeBuildStats st = buildLatticeStl(zone, o, file);
  std::printf("20 mm cube STL: %llu triangles, %d tiles, %.1f s, porosity mesh %.4f voxels %.4f\n",
              (unsigned long long)st.triangles, st.tiles, st.totalSeconds, st.porosityFromMesh(), st.porosityFromVoxels());
  EXPECT_GT(st.tiles, 1);
  EXPECT_NEAR(st.porosityFromMesh(), 0.80, 0.01);
  const auto report = tantalus::lattice::test::runAdmesh(file.string());
  ASSERT_TRUE(report.ran) << report.text;
  EXPECT_EQ(report.facets, long(st.triangles));
  EXPECT_TRUE(report.watertightManifold()) << report.text;
  std::filesystem::remove(file);
}

TEST(LatticeSlow, HemisphericalShellZoneIsWatertightAndTilingKeepsTheVolume) {
  const auto dir = tantalus::test::scratchDir("lattice-shell");
  const LatticeZone zone = LatticeZone::fromMesh(hemisphericalShell(28, 3, 192), "hemispherical shell 56 x 3 mm");
  LatticeBuildOptions o = referenceOptions();
  o.tileVoxels = 0;  // default voxel size d/6
  const auto whole = dir / "shell-untiled.stl";
  const LatticeBuildStats a = buildLatticeStl(zone, o, whole);
  o.tileVoxels = 128;
  const auto tiled = dir / "shell-tiled.stl";
  const LatticeBuildStats b = buildLatticeStl(zone, o, tiled);
  std::printf("shell: untiled %.3f mm3 (%llu tri, %.1f s), tiled %.3f mm3 (%llu tri, %d tiles, %.1f s), porosity %.4f / %.4f\n",
              a.meshVolumeMm3, (unsigned long long)a.triangles, a.totalSeconds, b.meshVolumeMm3,
              (unsigned long long)b.triangles, b.tiles, b.totalSeconds, b.porosityFromMesh(), b.porosityFromVoxels());
  EXPECT_GT(b.tiles, 8);
  EXPECT_NEAR(b.meshVolumeMm3, a.meshVolumeMm3, 1e-3 * a.meshVolumeMm3);
  EXPECT_NEAR(a.porosityFromMesh(), 0.80, 0.01);
  EXPECT_NEAR(a.porosityFromVoxels(), 0.80, 0.01);
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = tantalus::lattice::test::runAdmesh(tiled.string());
  std::printf("admesh: %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  ASSERT_TRUE(report.ran) << report.text;
  EXPECT_EQ(report.facets, long(b.triangles));
  EXPECT_TRUE(report.watertightManifold()) << report.text;
  std::filesystem::remove(whole);
  std::filesystem::remove(tiled);
}
