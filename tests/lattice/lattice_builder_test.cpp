#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lattice_test_helpers.h"
#include "tantalus/core/error.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/lattice_builder.h"

using namespace tantalus;
using namespace tantalus::lattice;
using tantalus::lattice::test::referenceOptions;

// Fast versions of the measured-geometry checks on an 8 mm cube (the 20 mm cube
// at print resolution is in the slow suite).
TEST(LatticeBuilder, MeasuredPorosityStrutAndWindowMatchTheTargetsIn8mmCube) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 8));
  LatticeBuildOptions o = referenceOptions();
  const LatticeMeasurement m = measureLattice(zone, o);
  tantalus::test::recordFigure("lattice.cube8.porosity_mesh", m.porosityMesh);
  tantalus::test::recordFigure("lattice.cube8.porosity_voxels", m.porosityVoxels);
  tantalus::test::recordFigure("lattice.cube8.strut_mm", m.meanStrutDiameterMm, "mm");
  tantalus::test::recordFigure("lattice.cube8.window_mm", m.meanWindowMm, "mm");
  EXPECT_NEAR(m.porosityMesh, 0.80, 0.01);
  EXPECT_NEAR(m.porosityVoxels, 0.80, 0.01);
  ASSERT_GT(m.strutsMeasured, 50u);
  EXPECT_NEAR(m.meanStrutDiameterMm, o.frame.cell.strutMm, 0.05 * o.frame.cell.strutMm);
  ASSERT_GT(m.windowsMeasured, 20u);
  EXPECT_NEAR(m.meanWindowMm, 0.6, 0.05 * 0.6);
}

// The measurement reads the mesh, not the design: the same design meshed one voxel
// thinner must measure thinner struts and wider windows, outside the 5 % band.
TEST(LatticeBuilder, MeasurementSeesAMeshErodedByOneVoxelWhileTheDesignIsUnchanged) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 8));
  LatticeBuildOptions o = referenceOptions();
  const double d = o.frame.cell.strutMm, h = o.resolvedVoxelMm();
  const LatticeMeasurement design = measureLattice(zone, o);
  o.surfaceOffsetMm = -h;
  const LatticeMeasurement eroded = measureLattice(zone, o);
  tantalus::test::recordFigure("lattice.cube8_eroded.strut_mm", eroded.meanStrutDiameterMm, "mm");
  tantalus::test::recordFigure("lattice.cube8_eroded.window_mm", eroded.meanWindowMm, "mm");
  EXPECT_NEAR(design.meanStrutDiameterMm, d, 0.05 * d);
  EXPECT_NEAR(eroded.meanStrutDiameterMm, d - 2 * h, 0.3 * h);
  EXPECT_GT(std::abs(eroded.meanStrutDiameterMm - d), 0.05 * d) << "an eroded mesh would pass the design check";
  EXPECT_NEAR(eroded.meanWindowMm, 0.6 + 2 * h, 0.3 * h);
  EXPECT_GT(eroded.porosityMesh, design.porosityMesh + 0.05);
}

TEST(LatticeBuilder, TiledMeshIsWatertightManifoldAndMatchesTheUntiledVolume) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(6, 5, 4));
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 4;  // coarser, keeps the fast suite fast
  o.tileVoxels = 0;
  Mesh whole;
  const LatticeBuildStats a = buildLatticeMesh(zone, o, whole);
  EXPECT_EQ(a.tiles, 1);
  o.tileVoxels = 24;  // many seams in every direction
  Mesh tiled;
  const LatticeBuildStats b = buildLatticeMesh(zone, o, tiled);
  EXPECT_GT(b.tiles, 27);
  EXPECT_EQ(a.triangles, b.triangles);
  EXPECT_NEAR(b.meshVolumeMm3, a.meshVolumeMm3, 1e-9 * a.meshVolumeMm3);  // summation order only
  EXPECT_EQ(a.solidVoxels, b.solidVoxels);
  const MeshTopology t = analyseTopology(tiled);
  EXPECT_EQ(t.boundaryEdges, 0u);
  EXPECT_EQ(t.nonManifoldEdges, 0u);
  EXPECT_EQ(t.misorientedEdges, 0u);
  EXPECT_EQ(t.degenerateFaces, 0u);
  EXPECT_NEAR(signedVolume(tiled), b.meshVolumeMm3, 1e-3 * b.meshVolumeMm3);
  EXPECT_GT(signedVolume(tiled), 0);  // outward faces
}

TEST(LatticeBuilder, StreamedStlIsWatertightByAdmeshAndHoldsTheReportedVolume) {
  const auto dir = tantalus::test::scratchDir("lattice-stl");
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(5, 5, 5));
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 4;
  o.tileVoxels = 32;
  o.skinMm = 0.6;
  o.skinFaces = kSkinZMin;
  const auto file = dir / "cube.stl";
  const LatticeBuildStats st = buildLatticeStl(zone, o, file);
  EXPECT_EQ(std::filesystem::file_size(file), 84 + 50 * st.triangles);
  const Mesh m = readStl(file);
  EXPECT_NEAR(signedVolume(m), st.meshVolumeMm3, 1e-3 * st.meshVolumeMm3);
  EXPECT_TRUE(analyseTopology(m).watertight());
  // The skin slab adds 5 x 5 x 0.6 = 15 mm^3 of dense metal (less the struts inside it).
  EXPECT_GT(st.meshVolumeMm3, 0.2 * 125 + 0.8 * 15 - 2);
  const auto report = tantalus::lattice::test::runAdmesh(file.string());
  ASSERT_TRUE(report.ran) << report.text;
  EXPECT_EQ(report.facets, long(st.triangles));
  EXPECT_TRUE(report.watertightManifold()) << report.text;
}

TEST(LatticeBuilder, UnwritableOutputIsAnErrorAndLeavesNoFile) {
  const auto dir = tantalus::test::scratchDir("lattice-unwritable");
  std::ofstream(dir / "file") << "x";
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(4, 4, 4));
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 3;
  EXPECT_THROW(buildLatticeStl(zone, o, dir / "file" / "out.stl"), Error);   // parent is a file
  EXPECT_THROW(buildLatticeStl(zone, o, dir / "missing" / "out.stl"), Error);
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::recursive_directory_iterator(dir)) ++n;
  EXPECT_EQ(n, 1);  // only "file"
}

TEST(LatticeBuilder, ZoneSmallerThanOneCellIsRefused) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(1.5, 10, 10));
  try {
    measureLattice(zone, referenceOptions());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("smaller than one lattice cell"), std::string::npos) << e.what();
  }
}

TEST(LatticeBuilder, CancelStopsTheBuildAndLeavesNoFile) {
  const auto dir = tantalus::test::scratchDir("lattice-cancel");
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 8));
  LatticeBuildOptions o = referenceOptions();
  o.tileVoxels = 64;
  int calls = 0;
  Progress p([&](double, const std::string&) {
    if (++calls == 5) p.cancel();
  });
  EXPECT_THROW(buildLatticeStl(zone, o, dir / "cancelled.stl", p), Cancelled);
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(LatticeBuilder, StrutFillKeepsUpWithOpenVdbSphere) {
  // Not a benchmark: a sanity floor so a pathological slowdown fails loudly.
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 8));
  const FillRate s = timeStrutFill(zone, referenceOptions());
  const FillRate r = timeReferenceSphereFill(referenceOptions().resolvedVoxelMm(), s.voxels);
  EXPECT_GT(s.voxels, 1000000u);
  // The timing covers what a build does: the field (island analysis) and the fill.
  EXPECT_GT(s.fieldSeconds, 0.0);
  EXPECT_GT(s.seconds, s.fieldSeconds);
  EXPECT_NEAR(double(r.voxels), double(s.voxels), 0.1 * double(s.voxels));
  std::printf("fill: struts %.2f Mvox/s, OpenVDB sphere %.2f Mvox/s\n", s.voxels / s.seconds / 1e6, r.voxels / r.seconds / 1e6);
  EXPECT_GT((double(s.voxels) / s.seconds) / (double(r.voxels) / r.seconds), 0.1);
}

TEST(LatticeBuilder, LevelSetZoneClipsToASphereAndStaysWatertight) {
  // A sphere of radius 5 mm given as a dense signed distance volume (0.25 mm voxels).
  VolumeGeometry g;
  g.size = {48, 48, 48};
  g.spacing = Eigen::Vector3d::Constant(0.25);
  g.origin = Eigen::Vector3d::Constant(-5.875);
  std::vector<float> sdf(g.voxelCount());
  for (int k = 0; k < 48; ++k)
    for (int j = 0; j < 48; ++j)
      for (int i = 0; i < 48; ++i) sdf[g.index(i, j, k)] = float(g.indexToLps(Eigen::Vector3d(i, j, k)).norm() - 5.0);
  const LatticeZone zone = LatticeZone::fromSignedDistance(g, sdf, "sphere.sdf");
  EXPECT_NEAR(zone.volumeMm3(), 4.0 / 3.0 * M_PI * 125, 0.01 * 4.0 / 3.0 * M_PI * 125);
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 4;
  o.tileVoxels = 64;
  Mesh m;
  const LatticeBuildStats st = buildLatticeMesh(zone, o, m);
  EXPECT_GT(st.tiles, 1);
  EXPECT_NEAR(st.porosityFromMesh(), 0.80, 0.015);
  EXPECT_NEAR(st.porosityFromVoxels(), 0.80, 0.015);
  const MeshTopology t = analyseTopology(m);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.consistentlyOriented());
  // Clipped to the sphere: no vertex beyond its radius (plus the mesher's 2 µm).
  double rMax = 0;
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) rMax = std::max(rMax, double(m.vertices.row(i).norm()));
  EXPECT_LT(rMax, 5.0 + 0.01);
  EXPECT_GT(rMax, 5.0 - 0.1);
  // An open level set (inside touching the grid border) is refused.
  std::vector<float> open(g.voxelCount(), -1.f);
  EXPECT_THROW(LatticeZone::fromSignedDistance(g, open, "open.sdf"), Error);
}

TEST(LatticeBuilder, GradedLatticeIsDenserNextToTheSurfaceAsMeasured) {
  // Porosity 0.65 at z = 0 rising linearly to 0.80 at z = 10 mm: the cube's mean is 0.725.
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(10, 10, 10));
  LatticeBuildOptions o = referenceOptions();
  Grading g;
  g.normal = Eigen::Vector3d::UnitZ();
  g.porosityAtSurface = 0.65;
  g.porosityFar = 0.80;
  g.rampMm = 10;
  o.frame.grading = g;
  const LatticeBuildStats m = buildLatticeStats(zone, o);
  tantalus::test::recordFigure("lattice.graded10.porosity_mesh", m.porosityFromMesh());
  tantalus::test::recordFigure("lattice.graded10.porosity_voxels", m.porosityFromVoxels());
  EXPECT_NEAR(m.porosityFromVoxels(), 0.725, 0.01);
  EXPECT_NEAR(m.porosityFromMesh(), 0.725, 0.01);
  // Lower and upper halves separately: denser below.
  const LatticeBuildStats lo = buildLatticeStats(LatticeZone::fromBox(Eigen::Vector3d(10, 10, 5)), o);
  const LatticeBuildStats hi = buildLatticeStats(LatticeZone::fromBox(Eigen::Vector3d(10, 10, 5), Eigen::Vector3d(0, 0, 5)), o);
  EXPECT_NEAR(lo.porosityFromVoxels(), 0.6875, 0.012);
  EXPECT_NEAR(hi.porosityFromVoxels(), 0.7625, 0.012);
}
