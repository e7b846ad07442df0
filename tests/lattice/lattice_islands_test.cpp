// Floating fragments: every build is one solid. A strut piece clipped by the zone whose
// connection to the network lies outside the zone must not be built (loose debris in a
// printed implant). The decision is global (strut graph), so tiling cannot change it.
#include <gtest/gtest.h>

#include <limits>
#include <numeric>
#include <unordered_map>

#include "lattice_test_helpers.h"
#include "tantalus/core/error.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_builder.h"

using namespace tantalus;
using namespace tantalus::lattice;
using tantalus::lattice::test::referenceOptions;

namespace {

struct Built {
  LatticeBuildStats stats;
  std::size_t components = 0;
  bool watertight = false;
};

Built build(const LatticeZone& zone, LatticeBuildOptions o) {
  Built b;
  Mesh m;
  b.stats = buildLatticeMesh(zone, o, m);
  const MeshTopology t = analyseTopology(m);  // components over the welded vertices
  b.components = t.components;
  b.watertight = t.watertight();
  return b;
}

// Appends an axis-aligned cube (outward faces) to m.
void addCube(const Eigen::Vector3d& lo, double s, Mesh& m) {
  const Eigen::Index v0 = m.vertices.rows(), f0 = m.faces.rows();
  m.vertices.conservativeResize(v0 + 8, 3);
  for (int i = 0; i < 8; ++i)
    m.vertices.row(v0 + i) = (lo + s * Eigen::Vector3d(i & 1, (i >> 1) & 1, (i >> 2) & 1)).cast<float>().transpose();
  const int f[12][3] = {{0, 2, 1}, {1, 2, 3}, {4, 5, 6}, {5, 7, 6}, {0, 1, 4}, {1, 5, 4},
                        {2, 6, 3}, {3, 6, 7}, {0, 4, 2}, {2, 4, 6}, {1, 3, 5}, {3, 7, 5}};
  m.faces.conservativeResize(f0 + 12, 3);
  for (int t = 0; t < 12; ++t)
    m.faces.row(f0 + t) << std::int32_t(v0 + f[t][0]), std::int32_t(v0 + f[t][1]), std::int32_t(v0 + f[t][2]);
}

// Coarse voxels keep the fast suite fast; the island decision does not depend on them
// for box zones (the joint rule is r/2 when h <= r/2).
LatticeBuildOptions coarse() {
  LatticeBuildOptions o = referenceOptions();
  o.voxelMm = o.frame.cell.strutMm / 4;
  o.tileVoxels = 64;
  return o;
}

// Connected components of a beam lattice through its node ids.
std::size_t beamComponents(const BeamLattice& bl) {
  std::vector<std::uint32_t> p(bl.nodes.size());
  std::iota(p.begin(), p.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (p[x] != x) x = p[x] = p[p[x]];
    return x;
  };
  std::vector<bool> used(bl.nodes.size(), false);
  for (const auto& b : bl.beams) {
    p[find(b.a)] = find(b.b);
    used[b.a] = used[b.b] = true;
  }
  std::size_t n = 0;
  for (std::uint32_t i = 0; i < p.size(); ++i)
    if (used[i] && find(i) == i) ++n;
  return n;
}

}  // namespace

TEST(LatticeIslands, TenMillimetreCubeHadAFloatingStubAndIsNowOneSolid) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(10, 10, 10));
  LatticeBuildOptions o = coarse();
  o.removeIslands = false;
  const Built before = build(zone, o);
  o.removeIslands = true;
  const Built after = build(zone, o);
  std::printf("10 mm cube: components %zu -> %zu, %llu island struts in %llu fragments, triangles %llu -> %llu\n",
              before.components, after.components, (unsigned long long)after.stats.islandStruts,
              (unsigned long long)after.stats.islandComponents, (unsigned long long)before.stats.triangles,
              (unsigned long long)after.stats.triangles);
  EXPECT_EQ(before.components, 2u);  // the lattice and the stub in the (9.7..10)^3 corner
  EXPECT_EQ(before.stats.islandStruts, 0u);
  EXPECT_EQ(after.components, 1u);
  EXPECT_EQ(after.stats.islandComponents, 1u);
  EXPECT_EQ(after.stats.islandStruts, 4u);
  EXPECT_LT(after.stats.triangles, before.stats.triangles);
  EXPECT_LT(before.stats.triangles - after.stats.triangles, 1000u);  // a stub, not a chunk of lattice
  EXPECT_TRUE(after.watertight);
  EXPECT_NEAR(after.stats.porosityFromMesh(), 0.80, 0.01);
  EXPECT_NEAR(after.stats.porosityFromVoxels(), 0.80, 0.01);
}

TEST(LatticeIslands, TilingDoesNotChangeTheDecision) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(10, 10, 10));
  LatticeBuildOptions o = coarse();
  o.tileVoxels = 0;
  const Built whole = build(zone, o);
  o.tileVoxels = 24;
  const Built tiled = build(zone, o);
  EXPECT_GT(tiled.stats.tiles, 27);
  EXPECT_EQ(whole.stats.triangles, tiled.stats.triangles);
  EXPECT_EQ(whole.stats.islandStruts, tiled.stats.islandStruts);
  EXPECT_EQ(whole.components, 1u);
  EXPECT_EQ(tiled.components, 1u);
}

TEST(LatticeIslands, OtherSizesOffsetsAndARotatedCellAreOneSolid) {
  struct Case {
    const char* name;
    Eigen::Vector3d size, corner;
    Eigen::Vector3d eulerDeg;
  };
  const Case cases[] = {
      {"7.3 mm cube", Eigen::Vector3d::Constant(7.3), Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()},
      {"11 mm cube", Eigen::Vector3d::Constant(11), Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()},
      {"9 x 8 x 7.5 box, offset", Eigen::Vector3d(9, 8, 7.5), Eigen::Vector3d(0.37, -1.21, 0.9), Eigen::Vector3d::Zero()},
      {"8 mm cube, cell rotated 20,35,10 deg", Eigen::Vector3d::Constant(8), Eigen::Vector3d::Zero(),
       Eigen::Vector3d(20, 35, 10)},
  };
  std::uint64_t dropped = 0;
  for (const Case& c : cases) {
    const LatticeZone zone = LatticeZone::fromBox(c.size, c.corner);
    LatticeBuildOptions o = coarse();
    o.frame.rotation = orientationFromEulerDeg(c.eulerDeg);
    // The frame origin stays at the world origin: the zone cuts the lattice at arbitrary phases.
    o.removeIslands = false;
    const Built before = build(zone, o);
    o.removeIslands = true;
    const Built after = build(zone, o);
    std::printf("%s: components %zu -> %zu, %llu island struts in %llu fragments\n", c.name, before.components,
                after.components, (unsigned long long)after.stats.islandStruts,
                (unsigned long long)after.stats.islandComponents);
    EXPECT_EQ(after.components, 1u) << c.name;
    EXPECT_TRUE(after.watertight) << c.name;
    // The dropped-strut count also holds grazing struts whose sliver touched the rest only
    // through a thin node cap (< r/2), so it is not the number of parts removed.
    EXPECT_GE(before.components, after.components) << c.name;
    EXPECT_NEAR(after.stats.porosityFromVoxels(), 0.80, 0.015) << c.name;
    dropped += after.stats.islandStruts;
  }
  EXPECT_GT(dropped, 0u);  // at least one of these cut the lattice into loose pieces
}

TEST(LatticeIslands, HemisphericalShellZoneIsOneSolid) {
  const LatticeZone zone = LatticeZone::fromMesh(hemisphericalShell(15, 3, 96), "hemispherical shell 30 x 3 mm");
  LatticeBuildOptions o = coarse();
  o.removeIslands = false;
  const Built before = build(zone, o);
  o.removeIslands = true;
  const Built after = build(zone, o);
  std::printf("shell 30 x 3 mm: components %zu -> %zu, %llu island struts in %llu fragments\n", before.components,
              after.components, (unsigned long long)after.stats.islandStruts,
              (unsigned long long)after.stats.islandComponents);
  EXPECT_EQ(after.components, 1u);
  EXPECT_TRUE(after.watertight);
  EXPECT_GT(before.components, 1u);  // sub-voxel specks on the curved faces, removed now
  EXPECT_NEAR(after.stats.porosityFromVoxels(), 0.80, 0.02);
}

TEST(LatticeIslands, SkinDecidesWhatIsAttachedAndASealedSkinIsWarnedAbout) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(10, 10, 10));
  LatticeBuildOptions o = coarse();
  o.skinMm = 0.6;
  o.skinFaces = kSkinZMin;  // the stub sits at the top corner: not attached to the skin
  const Built b = build(zone, o);
  EXPECT_EQ(b.components, 1u);
  EXPECT_EQ(b.stats.islandStruts, 4u);
  EXPECT_TRUE(b.watertight);
  EXPECT_TRUE(latticeBuildWarnings(zone, o).empty());
  o.skinFaces = kSkinAll & ~kSkinZMax;  // one face open: powder can leave
  EXPECT_TRUE(latticeBuildWarnings(zone, o).empty());
  o.skinFaces = kSkinAll;
  const auto w = latticeBuildWarnings(zone, o);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("powder cannot be removed"), std::string::npos) << w[0];
  o.skinMm = 0;
  EXPECT_TRUE(latticeBuildWarnings(zone, o).empty());
  LatticeBuildOptions m = coarse();
  m.skinMm = 0.6;
  EXPECT_EQ(latticeBuildWarnings(LatticeZone::fromMesh(hemisphericalShell(15, 3, 48), "shell"), m).size(), 1u);
}

TEST(LatticeIslands, BeamLatticeLeavesTheFragmentsOutToo) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d::Constant(7.3));
  LatticeBuildOptions o = referenceOptions();
  const BeamLattice kept = beamLatticeInZone(zone, o);
  o.removeIslands = false;
  const BeamLattice all = beamLatticeInZone(zone, o);
  std::printf("7.3 mm cube beams: %zu -> %zu, components %zu -> %zu, island struts %llu\n", all.beams.size(),
              kept.beams.size(), beamComponents(all), beamComponents(kept), (unsigned long long)kept.islandStruts);
  EXPECT_EQ(beamComponents(kept), 1u);
  EXPECT_LE(kept.beams.size(), all.beams.size());
  EXPECT_EQ(all.islandStruts, 0u);
}


TEST(LatticeIslands, GrazingSliversAreCountedApartFromFloatingFragments) {
  // 11 mm cube: one part even without removal; what is trimmed are only shavings of
  // struts grazing the faces, and the report must not call them fragments.
  LatticeBuildOptions o = coarse();
  const Built b = build(LatticeZone::fromBox(Eigen::Vector3d(11, 11, 11)), o);
  EXPECT_EQ(b.components, 1u);
  EXPECT_EQ(b.stats.islandStruts, 0u);
  EXPECT_EQ(b.stats.islandComponents, 0u);
  EXPECT_GT(b.stats.sliverStruts, 0u);
  // The 10 mm cube's corner stub is a real fragment, not a sliver.
  const Built c = build(LatticeZone::fromBox(Eigen::Vector3d(10, 10, 10)), o);
  EXPECT_EQ(c.stats.islandComponents, 1u);
  EXPECT_EQ(c.stats.islandStruts, 4u);
}

TEST(LatticeIslands, EveryBodyOfATwoBodyZoneIsKept) {
  // Two 6 mm cubes 3 mm apart in one zone mesh (e.g. two augments): without a skin the
  // smaller body must not be taken for debris.
  Mesh two;
  addCube(Eigen::Vector3d(0, 0, 0), 6, two);
  addCube(Eigen::Vector3d(9, 0, 0), 6, two);
  const LatticeZone zone = LatticeZone::fromMesh(two, "two cubes");
  const Built b = build(zone, coarse());
  EXPECT_EQ(b.stats.latticeBodies, 2u);
  EXPECT_EQ(b.components, 2u);
  EXPECT_TRUE(b.watertight);
  // Both bodies carry lattice: the solid splits about evenly either side of x = 7.5.
  EXPECT_GT(b.stats.meshVolumeMm3, 0.15 * 2 * 216);
}

TEST(LatticeZoneInput, NonFiniteOrAbsurdZonesAreRefused) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(LatticeZone::fromBox(Eigen::Vector3d(20, nan, 20)), Error);
  EXPECT_THROW(LatticeZone::fromBox(Eigen::Vector3d(std::numeric_limits<double>::infinity(), 5, 5)), Error);
  EXPECT_THROW(LatticeZone::fromBox(Eigen::Vector3d(60000, 60000, 60000)), Error);  // micrometres, not mm
}

TEST(BeamLatticeClip, BeamsNeverCrossAGapInTheZone) {
  // Two 6 mm cubes 0.3 mm apart: nodes sit every a/4 = 0.586 mm in x, so struts from
  // x = 5.86 (first cube) to 6.44 (second cube) cross the gap; their beams must be cut at both faces, not drawn through the empty gap.
  Mesh two;
  addCube(Eigen::Vector3d(0, 0, 0), 6, two);
  addCube(Eigen::Vector3d(6.3, 0, 0), 6, two);
  LatticeBuildOptions o = coarse();
  const BeamLattice bl = beamLatticeInZone(LatticeZone::fromMesh(two, "gap"), o);
  ASSERT_GT(bl.beams.size(), 100u);
  std::size_t crossing = 0, cutAtGap = 0;
  for (const auto& b : bl.beams) {
    const Eigen::Vector3d p = bl.nodes[b.a], q = bl.nodes[b.b];
    for (int k = 0; k <= 20; ++k) {
      const double x = (p + (q - p) * (k / 20.0)).x();
      if (x > 6.03 && x < 6.27) {
        ++crossing;
        break;
      }
    }
    for (const Eigen::Vector3d& e : {p, q})
      if (std::abs(e.x() - 6.0) < 0.02 || std::abs(e.x() - 6.3) < 0.02) ++cutAtGap;
  }
  EXPECT_EQ(crossing, 0u);
  EXPECT_GT(cutAtGap, 10u);  // struts over the gap were cut at both faces
}
