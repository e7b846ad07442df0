// The printability check on parts with known answers: volumes, masses, shells, voids,
// thicknesses, self-intersections, the build envelope and containment.
#include <gtest/gtest.h>

#include "tantalus/check/mesh_check.h"
#include "tantalus/machining/primitives.h"

using namespace tantalus;
using namespace tantalus::check;
using tantalus::machining::boxMesh;
using tantalus::machining::concatenate;
using tantalus::machining::sphereMesh;
using Eigen::Vector3d;

namespace {
Mesh box(const Vector3d& lo, const Vector3d& hi) { return boxMesh(lo, hi); }
Mesh cube(double lo, double hi) { return box(Vector3d::Constant(lo), Vector3d::Constant(hi)); }
bool mentions(const MeshCheck& c, const std::string& word) {
  for (const auto& p : c.problems)
    if (p.find(word) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST(MeshCheck, ACubeIsPrintableAndWeighsWhatItsVolumeSays) {
  const MeshCheck c = checkMesh(cube(0, 10), "cube.stl", {});
  EXPECT_TRUE(c.printable()) << checkSummaryText(c);
  EXPECT_NEAR(c.volumeMm3, 1000.0, 1e-3);
  EXPECT_NEAR(c.areaMm2, 600.0, 1e-3);
  EXPECT_EQ(c.shells.bodyVolumesMm3.size(), 1u);
  EXPECT_TRUE(c.shells.voidVolumesMm3.empty());
  ASSERT_TRUE(c.selfIntersections.has_value());
  EXPECT_EQ(*c.selfIntersections, 0u);
  EXPECT_NEAR(c.thickness.medianMm, 10.0, 1e-3);
  EXPECT_NEAR(c.massG(c.material), 4.43, 1e-6);   // 1 cm³ of Ti6Al4V
  EXPECT_NEAR(c.massG(c.reference), 16.6, 1e-6);  // and of tantalum
  EXPECT_NEAR(c.cost(c.material), 4.43e-3 * c.material.pricePerKg, 1e-9);
  EXPECT_EQ(c.envelopeMm, Vector3d(200, 200, 180));
  EXPECT_NE(c.envelopeSource.find("Q10plus"), std::string::npos);
}

TEST(MeshCheck, AnEnclosedCavityIsTrappedPowder) {
  Mesh cavity = cube(3, 7);
  flipOrientation(cavity);
  const MeshCheck c = checkMesh(concatenate({cube(0, 10), cavity}), "hollow.stl", {});
  EXPECT_FALSE(c.printable());
  ASSERT_EQ(c.shells.voidVolumesMm3.size(), 1u);
  EXPECT_NEAR(c.shells.voidVolumesMm3[0], 64.0, 1e-3);
  EXPECT_NEAR(c.volumeMm3, 1000.0 - 64.0, 1e-3);
  EXPECT_TRUE(mentions(c, "trapped"));
  // The walls around the cavity are 3 mm thick.
  EXPECT_NEAR(c.thickness.minMm, 3.0, 1e-3);
}

TEST(MeshCheck, ThinWallsSeparateBodiesAndHolesAreProblems) {
  const MeshCheck thin = checkMesh(box(Vector3d(0, 0, 0), Vector3d(10, 10, 0.2)), "plate.stl", {});
  EXPECT_NEAR(thin.thickness.p5Mm, 0.2, 1e-3);
  EXPECT_TRUE(mentions(thin, "thinner"));
  const MeshCheck two = checkMesh(concatenate({cube(0, 1), cube(5, 6)}), "two.stl", {});
  EXPECT_TRUE(mentions(two, "2 separate bodies"));
  Mesh open = cube(0, 10);
  open.faces.conservativeResize(open.faces.rows() - 1, 3);
  const MeshCheck o = checkMesh(open, "open.stl", {});
  EXPECT_TRUE(mentions(o, "not watertight"));
}

// The porous surface: faces on features under 1 mm thick. A 10 mm cube has none; beside
// it a 0.4 mm plate's two faces (200 mm²) count, its 0.4 mm edges (crossed 10 mm deep) not.
TEST(MeshCheck, ThePorousSurfaceIsTheAreaOnFeaturesThinnerThanAMillimetre) {
  const MeshCheck solid = checkMesh(cube(0, 10), "cube.stl", {});
  EXPECT_DOUBLE_EQ(solid.thickness.thinAreaMm2, 0.0);
  const Mesh both = concatenate({cube(0, 10), box(Vector3d(20, 0, 0), Vector3d(30, 10, 0.4))});
  const MeshCheck c = checkMesh(both, "cube-and-plate.stl", {});
  EXPECT_NEAR(c.thickness.thinAreaMm2, 200.0, 1e-6);
  EXPECT_NE(checkSummaryText(c).find("porous surface: about 200 mm²"), std::string::npos) << checkSummaryText(c);
  // Sampled one face in three, the estimate stands each sample for its stride.
  CheckOptions o;
  o.thicknessRays = 8;
  const MeshCheck sampled = checkMesh(both, "cube-and-plate.stl", o);
  EXPECT_GT(sampled.thickness.thinAreaMm2, 0.0);
  EXPECT_LT(sampled.thickness.thinAreaMm2, 400.0);
}

TEST(MeshCheck, OverlappingPiecesAreSelfIntersections) {
  const MeshCheck c = checkMesh(concatenate({cube(0, 10), cube(5, 15)}), "overlap.stl", {});
  ASSERT_TRUE(c.selfIntersections.has_value());
  EXPECT_GT(*c.selfIntersections, 0u);
  EXPECT_TRUE(mentions(c, "intersect"));
}

TEST(MeshCheck, APartLargerThanTheBuildEnvelopeIsRefused) {
  // 190 mm fits the Q10plus's 180 mm height sideways but not standing: as placed.
  const MeshCheck tall = checkMesh(box(Vector3d(0, 0, 0), Vector3d(20, 20, 190)), "tall.stl", {});
  EXPECT_TRUE(mentions(tall, "build envelope"));
  CheckOptions lpbf;
  lpbf.machine = "lpbf-ti6al4v";
  EXPECT_FALSE(mentions(checkMesh(box(Vector3d(0, 0, 0), Vector3d(20, 20, 190)), "tall.stl", lpbf), "build envelope"));
}

TEST(Containment, VerticesOutsideAreCountedWithTheirDistance) {
  const Mesh outer = cube(0, 10);
  EXPECT_EQ(containment(sphereMesh(Vector3d(5, 5, 5), 4.0, 32), outer, 1e-4).verticesOutside, 0u);
  EXPECT_EQ(containment(outer, outer, 1e-4).verticesOutside, 0u);  // on the surface counts as inside
  const Containment c = containment(cube(2, 12), outer, 1e-4);
  EXPECT_GT(c.verticesOutside, 0u);
  EXPECT_NEAR(c.maxOutsideMm, std::sqrt(3.0) * 2.0, 1e-4);  // the corner (12,12,12) from (10,10,10)
}
