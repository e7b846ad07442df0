// The lattice grown from a bonded solid (an implant's dense part): one watertight
// body, no enclosed void, the porous region's porosity on target, seams watertight
// with adaptive meshing too.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "lattice_test_helpers.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/content_hash.h"
#include "tantalus/core/error.h"
#include "tantalus/lattice/lattice_builder.h"
#include "tantalus/lattice/level_set_boolean.h"
#include "tantalus/machining/primitives.h"

using namespace tantalus;
using namespace tantalus::lattice;
using tantalus::lattice::test::referenceOptions;

namespace {
// A porous block 8 x 8 x 4 mm on a solid plate 4 mm thick that it reaches 0.5 mm into.
struct Plate {
  LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 4));
  Mesh solid = machining::boxMesh(Eigen::Vector3d(-1, -1, -3.5), Eigen::Vector3d(9, 9, 0.5));
  LatticeBuildOptions options() const {
    LatticeBuildOptions o = referenceOptions();
    o.voxelMm = o.frame.cell.strutMm / 4;  // coarser, keeps the fast suite fast
    o.tileVoxels = 32;                     // seams through the plate's interior and the lattice
    o.bondedSolid = solid;
    return o;
  }
};

void expectOneClosedBody(const Mesh& m) {
  const MeshTopology t = analyseTopology(m);
  EXPECT_EQ(t.boundaryEdges, 0u);
  EXPECT_EQ(t.nonManifoldEdges, 0u);
  EXPECT_EQ(t.misorientedEdges, 0u);
  EXPECT_EQ(t.degenerateFaces, 0u);
  const check::Shells s = check::shellsOf(m);
  EXPECT_EQ(s.bodyVolumesMm3.size(), 1u);  // the lattice and the plate are one part
  EXPECT_TRUE(s.voidVolumesMm3.empty());   // no powder trapped anywhere
}
}  // namespace

TEST(BondedSolid, LatticeAndSolidAreOneClosedBodyWithThePorousRegionOnTarget) {
  const Plate p;
  Mesh m;
  const LatticeBuildStats st = buildLatticeMesh(p.zone, p.options(), m);
  EXPECT_GT(st.tiles, 8);
  expectOneClosedBody(m);
  // The porous region: the zone outside the plate, 8 x 8 x 3.5 mm, counted by voxel
  // centres (up to a voxel short on each axis: h = 0.089 mm here).
  const double h = st.voxelMm;
  EXPECT_NEAR(double(st.porousRegionVoxels) * h * h * h, 8 * 8 * 3.5 * 0.97, 0.015 * 8 * 8 * 3.5);
  EXPECT_NEAR(st.porosityOfPorousRegion(), 0.80, 0.015);
  // The plate is in the body: 10 x 10 x 4 mm solid, plus the lattice's 20 % of the region.
  const double expected = 10 * 10 * 4 + 0.2 * 8 * 8 * 3.5;
  EXPECT_NEAR(signedVolume(m), expected, 0.02 * expected);
}

// A saved case must give the same implant again: the engine is deterministic whatever
// the threads did (the islands, the fill and the mesher run in parallel), to the bit.
TEST(BondedSolid, TwoBuildsOfTheSameInputAreTheSameGeometry) {
  const Plate p;
  LatticeBuildOptions o = p.options();
  o.adaptivity = 0.1;  // merging too
  Mesh a, b;
  buildLatticeMesh(p.zone, o, a);
  buildLatticeMesh(p.zone, o, b);
  ASSERT_GT(a.faceCount(), 1000u);
  EXPECT_EQ(meshHash(a), meshHash(b)) << "the same order, the same floats";
  canonicalOrder(a);
  canonicalOrder(b);
  EXPECT_EQ(meshHash(a), meshHash(b)) << "the same geometry";
}

TEST(BondedSolid, AdaptiveMeshingMergesTheFlatPlateAndKeepsTheSeamsClosed) {
  const Plate p;
  Mesh exact, adaptive;
  const LatticeBuildStats a = buildLatticeMesh(p.zone, p.options(), exact);
  LatticeBuildOptions o = p.options();
  o.adaptivity = 0.5;
  const LatticeBuildStats b = buildLatticeMesh(p.zone, o, adaptive);
  EXPECT_LT(double(b.triangles), 0.95 * double(a.triangles));  // 32-voxel tiles: half of every tile is seam band
  expectOneClosedBody(adaptive);
  EXPECT_NEAR(signedVolume(adaptive), signedVolume(exact), 0.01 * signedVolume(exact));
  // Untiled, nothing is held back along seams: more merging, the same volume.
  o.tileVoxels = 0;
  Mesh whole;
  const LatticeBuildStats c = buildLatticeMesh(p.zone, o, whole);
  EXPECT_LT(c.triangles, b.triangles);
  expectOneClosedBody(whole);
  EXPECT_NEAR(signedVolume(whole), signedVolume(adaptive), 0.01 * signedVolume(adaptive));
}

// Struts meet a tilted solid at every angle, and the zone's boundary cuts them through
// the solid's crevices: where a strut meets the solid at a shallow angle, the open
// crevice between them is thinner than a voxel and its voxels can be sealed off into a
// closed pocket (a void that is not in the geometry). Those are filled (and counted): the
// body stays one closed shell without voids, and the porosity stays on target.
TEST(BondedSolid, ATiltedSolidStaysOneClosedBodyWithItsSubVoxelPocketsFilled) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(8, 8, 4));
  std::uint64_t pockets = 0;
  for (const double tilt : {9.0, 17.0, 31.0}) {
    SCOPED_TRACE("tilt " + std::to_string(tilt));
    LatticeBuildOptions o = referenceOptions();
    o.voxelMm = o.frame.cell.strutMm / 4;
    o.tileVoxels = 32;
    o.bondedSolid = machining::boxMesh(Eigen::Vector3d(-3, -3, -3.5), Eigen::Vector3d(11, 11, 0.5));
    const Eigen::Matrix3d r = Eigen::AngleAxisd(tilt * M_PI / 180, Eigen::Vector3d(1, 0.4, 0).normalized()).toRotationMatrix();
    const Eigen::Vector3d c(4, 4, 0);
    for (Eigen::Index i = 0; i < o.bondedSolid.vertices.rows(); ++i) {
      const Eigen::Vector3d q = o.bondedSolid.vertices.row(i).cast<double>().transpose();
      o.bondedSolid.vertices.row(i) = (r * (q - c) + c).cast<float>().transpose();
    }
    Mesh m;
    const LatticeBuildStats st = buildLatticeMesh(zone, o, m);
    std::printf("tilt %.0f: %llu pockets (%llu voxels), %llu triangles, porosity %.4f\n", tilt,
                (unsigned long long)st.pocketsFilled, (unsigned long long)st.pocketVoxels, (unsigned long long)st.triangles,
                st.porosityOfPorousRegion());
    expectOneClosedBody(m);
    EXPECT_NEAR(st.porosityOfPorousRegion(), 0.80, 0.015);
    // A pocket is a few voxels: all of them together are a trace of the region.
    EXPECT_LT(double(st.pocketVoxels), 1e-3 * double(st.porousRegionVoxels));
    pockets += st.pocketsFilled;
  }
  EXPECT_GT(pockets, 0u) << "these tilts make pockets (3 each when measured): the filter was not exercised";
}

// The level-set Boolean (the fast, inexact path the seat benchmark compares with the
// exact one): a 10 mm cube minus a 4 mm ball at its corner loses an eighth of the ball.
TEST(LevelSetBoolean, ACubeMinusACornerBallHasTheVolumeLeftAndIsClosed) {
  const Mesh cube = machining::boxMesh(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(10, 10, 10));
  const Mesh ball = machining::sphereMesh(Eigen::Vector3d(10, 10, 10), 4.0, 128);
  const double expected = 1000.0 - 4.0 / 3.0 * M_PI * 64 / 8;
  for (const double h : {0.2, 0.1}) {
    const Mesh m = levelSetBoolean(cube, ball, LevelSetOp::Difference, h);
    const MeshTopology t = analyseTopology(weldVertices(m));
    EXPECT_TRUE(t.watertight()) << h;
    EXPECT_EQ(t.components, 1u) << h;
    EXPECT_NEAR(signedVolume(m), expected, 0.01 * expected) << h;  // positive: faces outward
  }
  const Mesh u = levelSetBoolean(cube, ball, LevelSetOp::Union, 0.2);
  EXPECT_NEAR(signedVolume(u), 1000.0 + 4.0 / 3.0 * M_PI * 64 * 7 / 8, 0.01 * 1234);
}

TEST(BondedSolid, AnOpenSolidOrAnAdaptivityOutOfRangeIsRefused) {
  const Plate p;
  LatticeBuildOptions o = p.options();
  o.bondedSolid.faces.conservativeResize(o.bondedSolid.faces.rows() - 1, 3);
  Mesh m;
  EXPECT_THROW(buildLatticeMesh(p.zone, o, m), Error);
  o = p.options();
  o.adaptivity = 1.5;
  EXPECT_THROW(buildLatticeMesh(p.zone, o, m), Error);
}
