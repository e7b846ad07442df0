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
  tantalus::test::recordFigure("lattice.cube20.porosity_mesh", m.porosityMesh);
  tantalus::test::recordFigure("lattice.cube20.porosity_voxels", m.porosityVoxels);
  tantalus::test::recordFigure("lattice.cube20.strut_mm", m.meanStrutDiameterMm, "mm");
  tantalus::test::recordFigure("lattice.cube20.strut_sd_mm", m.strutDiameterSpreadMm, "mm");
  tantalus::test::recordFigure("lattice.cube20.struts_measured", double(m.strutsMeasured));
  tantalus::test::recordFigure("lattice.cube20.window_mm", m.meanWindowMm, "mm");
  tantalus::test::recordFigure("lattice.cube20.windows_measured", double(m.windowsMeasured));
}

TEST(LatticeSlow, PorosityHoldsForCubesOf10To25mm) {
  for (const double side : {10.0, 15.0, 25.0}) {
    const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(side, side, side));
    const LatticeBuildStats st = buildLatticeStats(zone, referenceOptions());
    const std::string key = "lattice.cube" + std::to_string(int(side));
    tantalus::test::recordFigure(key + ".porosity_mesh", st.porosityFromMesh());
    tantalus::test::recordFigure(key + ".porosity_voxels", st.porosityFromVoxels());
    EXPECT_NEAR(st.porosityFromMesh(), 0.80, 0.01) << side;
    EXPECT_NEAR(st.porosityFromVoxels(), 0.80, 0.01) << side;
  }
}

TEST(LatticeSlow, VoxelCountingAtDOver8AgreesWithTheTarget) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(20, 20, 20));
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 8;
  const LatticeMeasurement m = measureLattice(zone, o);
  tantalus::test::recordFigure("lattice.cube20_d8.porosity_voxels", m.porosityVoxels);
  tantalus::test::recordFigure("lattice.cube20_d8.porosity_mesh", m.porosityMesh);
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
  tantalus::test::recordFigure("lattice.cube20_stl.triangles", double(st.triangles));
  tantalus::test::recordFigure("lattice.cube20_stl.tiles", st.tiles);
  const auto report = tantalus::lattice::test::runAdmesh(file.string());
  ASSERT_TRUE(report.ran) << report.text;
  EXPECT_EQ(report.facets, long(st.triangles));
  EXPECT_TRUE(report.watertightManifold()) << report.text;
  tantalus::test::recordFigure("lattice.cube20_stl.admesh_facets", double(report.facets));
  tantalus::test::recordFigure("lattice.cube20_stl.admesh_defects",
                               double(report.disconnected1 + report.disconnected2 + report.disconnected3 + report.degenerate +
                                      report.backwards));
  // The strut diameter and window of the file on disk, measured on its triangles.
  const LatticeMeasurement m = measureStrutsOnMesh(readStl(file), zone, o.frame);
  std::printf("20 mm cube STL read back: strut %.4f mm (sd %.4f, n %zu), window %.4f mm (n %zu)\n", m.meanStrutDiameterMm,
              m.strutDiameterSpreadMm, m.strutsMeasured, m.meanWindowMm, m.windowsMeasured);
  EXPECT_GT(m.strutsMeasured, 1000u);
  EXPECT_NEAR(m.meanStrutDiameterMm, o.frame.cell.strutMm, 0.05 * o.frame.cell.strutMm);
  EXPECT_NEAR(m.meanWindowMm, 0.6, 0.05 * 0.6);
  tantalus::test::recordFigure("lattice.cube20_stl.strut_mm", m.meanStrutDiameterMm, "mm");
  tantalus::test::recordFigure("lattice.cube20_stl.window_mm", m.meanWindowMm, "mm");
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
  // Identical, as the docs say: the same triangles and solid voxels, the volume to
  // summation rounding.
  EXPECT_EQ(b.triangles, a.triangles);
  EXPECT_EQ(b.solidVoxels, a.solidVoxels);
  EXPECT_NEAR(b.meshVolumeMm3, a.meshVolumeMm3, 1e-9 * a.meshVolumeMm3);
  tantalus::test::recordFigure("lattice.shell.untiled_volume_mm3", a.meshVolumeMm3, "mm3");
  tantalus::test::recordFigure("lattice.shell.tiled_volume_mm3", b.meshVolumeMm3, "mm3");
  tantalus::test::recordFigure("lattice.shell.triangles", double(b.triangles));
  tantalus::test::recordFigure("lattice.shell.tiles", b.tiles);
  tantalus::test::recordFigure("lattice.shell.porosity_mesh", a.porosityFromMesh());
  tantalus::test::recordFigure("lattice.shell.porosity_voxels", a.porosityFromVoxels());
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
