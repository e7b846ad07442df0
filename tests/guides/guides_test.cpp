// The guides library on bones with exact answers: a sphere cut by a plane (the cap's
// volume), the same bone made non-manifold and self-intersecting on purpose, a lesion
// at a known distance, and the errors for a plane that misses, a patch too small and a
// lesion outside the image.
#include <gtest/gtest.h>

#include <cmath>

#include "guide_measure.h"
#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/guides/guide_set.h"
#include "tantalus/machining/primitives.h"

using namespace tantalus;
using guides::Plane;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kR = 40, kCutZ = 20;

Mesh sphereBone() { return machining::sphereMesh(Eigen::Vector3d::Zero(), kR, 160); }

// The polyhedral cap above z = kCutZ, from the sphere's own faces (exact for the mesh).
double capVolumeAnalytic() {
  const double h = kR - kCutZ;
  return kPi * h * h * (3 * kR - h) / 3;
}

GuideParams params() {
  GuideParams p;
  p.planes.push_back({{kR * std::sqrt(1 - 0.25), 0, kCutZ}, {0, 0, 1}});
  p.patchRadiusMm = 20;
  p.marginMm = 5;
  return p;
}

// The sphere with defects: every 50th face twice, a dangling flap on a non-manifold
// edge, and a second sphere overlapping it below the cut (the surfaces cross).
Mesh brokenBone() {
  const Mesh clean = sphereBone();
  const Mesh extra = machining::sphereMesh(Eigen::Vector3d(0, 0, -40), 20, 48);
  std::vector<Mesh> parts{clean, extra};
  Mesh m = machining::concatenate(parts);
  const Eigen::Index f0 = m.faces.rows(), dup = clean.faces.rows() / 50;
  m.faces.conservativeResize(f0 + dup + 1, 3);
  for (Eigen::Index i = 0; i < dup; ++i) m.faces.row(f0 + i) = clean.faces.row(i * 50);
  // A flap on the edge of face 10: its third vertex outside the sphere.
  const Eigen::Index v0 = m.vertices.rows();
  m.vertices.conservativeResize(v0 + 1, 3);
  m.vertices.row(v0) = Eigen::RowVector3f(0, 0, -kR - 15);
  m.faces.row(f0 + dup) << m.faces(10, 0), m.faces(10, 1), std::int32_t(v0);
  return m;
}

}  // namespace

TEST(Resection, ASphereCutByAPlaneLeavesItsCap) {
  const Mesh bone = sphereBone();
  const auto r = guides::resect(bone, {Plane::of(params().planes[0])}, nullptr, 0);
  EXPECT_NEAR(r.volumeMm3, capVolumeAnalytic(), 0.005 * capVolumeAnalytic());
  // The cut face is the disc of radius sqrt(R² − z²).
  EXPECT_NEAR(r.cutAreaMm2[0], kPi * (kR * kR - kCutZ * kCutZ), 0.005 * kPi * (kR * kR - kCutZ * kCutZ));
  EXPECT_TRUE(analyseTopology(weldVertices(r.piece)).watertight());
}

TEST(Resection, ABrokenBoneIsRepairedFirstAndCutTheSame) {
  const Mesh clean = sphereBone(), broken = brokenBone();
  ASSERT_FALSE(analyseTopology(weldVertices(broken)).watertight() && analyseTopology(weldVertices(broken)).nonManifoldEdges == 0);
  const GuideParams p = params();
  const guides::GuideSet s = guides::designGuides(broken, p, nullptr, "ab12", 0);
  EXPECT_TRUE(s.boneRepair.changed()) << s.boneRepair.summary();
  EXPECT_NEAR(s.resection.volumeMm3, capVolumeAnalytic(), 0.005 * capVolumeAnalytic());
  ASSERT_EQ(s.guides.size(), 1u);
  const MeshTopology t = analyseTopology(weldVertices(s.guides[0].mesh));
  EXPECT_TRUE(t.watertight());
  EXPECT_EQ(t.components, 1u);
  EXPECT_EQ(t.misorientedEdges, 0u);
  EXPECT_GT(s.guides[0].volumeMm3, 500);
}

TEST(CuttingGuide, FitsTheBoneAtItsClearanceAndItsSlotLiesInThePlane) {
  const Mesh bone = sphereBone();
  const GuideParams p = params();
  const guides::GuideSet s = guides::designGuides(bone, p, nullptr, "ab12", 0);
  const guides::CuttingGuide& g = s.guides[0];
  // The bone-facing surface, measured on the mesh: at the clearance ± 0.2 mm.
  const double share = test::shareAtClearance(g.mesh, bone, g.insertion, s.planes[0].point, s.planes[0].normal, p.clearanceMm, 0.2);
  test::recordFigure("guides.sphere.share_at_clearance", share);
  EXPECT_GE(share, 0.9);
  EXPECT_GE(g.seating.withinToleranceFraction, 0.9);
  EXPECT_LE(g.seating.maxGapMm, p.clearanceMm + 0.2);
  EXPECT_EQ(g.seating.undercutPoints, 0u);
  EXPECT_EQ(g.seating.penetratingPoints, 0u);
  // A sphere is curved both ways: the guide has one position.
  EXPECT_GT(g.seating.curvatureSpreadDeg, 5);
  EXPECT_TRUE(g.seating.unique());
  // The slot's walls, fitted on the mesh, are parallel to the plane and the blade's width apart.
  const auto fit = test::fitSlotWalls(g.mesh, s.planes[0].point, s.planes[0].normal);
  for (int side = 0; side < 2; ++side) {
    test::recordFigure("guides.sphere.slot_wall_angle_deg", fit.angleDeg[side], "°");
    EXPECT_GT(fit.wallFaces[side], 4u);
    EXPECT_LE(fit.angleDeg[side], 0.5) << side;
  }
  EXPECT_NEAR(fit.offsetMm[1] - fit.offsetMm[0], p.bladeMm + 2 * p.slotClearanceMm, 0.02);
  EXPECT_NEAR(fit.offsetMm[1] + fit.offsetMm[0], 0, 0.02);
  // K-wires aimed away from the plane, on the kept side.
  std::string said;
  for (const auto& w : s.warnings) said += w + "\n";
  ASSERT_EQ(g.kwires.size(), 2u) << said;
  // Going into the bone moves away from the plane anyway: the wire's tilt along the bone, away from it, is what counts.
  const Eigen::Vector3d n = s.planes[0].normal, nt = (n - g.insertion * n.dot(g.insertion)).normalized();
  for (const auto& w : g.kwires) {
    EXPECT_NEAR(w.direction.dot(nt), -std::sin(15 * kPi / 180), 1e-6);
    EXPECT_NEAR(w.direction.dot(-g.insertion), std::cos(15 * kPi / 180), 1e-6);
    EXPECT_LT(s.planes[0].signedDistance(w.entryMm), -3);
  }
  EXPECT_EQ(g.label, "L1 AB12");  // x > the midline 0: the patient's left
}

TEST(CuttingGuide, TheSlotOpensAtItsEndsWhenAsked) {
  const Mesh bone = sphereBone();
  GuideParams p = params();
  double volume[3] = {0, 0, 0};
  for (int open = 1; open <= 3; ++open) {
    p.slotOpenSides = open;
    const guides::GuideSet s = guides::designGuides(bone, p, nullptr, "", 0);
    volume[open - 1] = s.guides[0].volumeMm3;
    EXPECT_TRUE(analyseTopology(weldVertices(s.guides[0].mesh)).watertight());
  }
  // Each open end removes one end wall: wall × slot width × block height, about.
  const double wall = 3 * (p.bladeMm + 2 * p.slotClearanceMm) * p.slotDepthMm;
  EXPECT_NEAR(volume[0] - volume[1], wall, 0.5 * wall);
  EXPECT_NEAR(volume[1] - volume[2], wall, 0.5 * wall);
}

TEST(Resection, TheMarginToALesionIsMeasuredAndAViolationNamesThePlace) {
  const Mesh bone = sphereBone();
  const Mesh lesion = machining::sphereMesh(Eigen::Vector3d(0, 0, 32), 5, 64);  // 7 mm above the cut
  const std::vector<Plane> planes{Plane::of(params().planes[0])};
  const auto ok = guides::resect(bone, planes, &lesion, 5);
  ASSERT_EQ(ok.margins.size(), 1u);
  EXPECT_NEAR(ok.margins[0].minDistanceMm, 7, 0.05);
  EXPECT_FALSE(ok.margins[0].violated);
  EXPECT_EQ(ok.lesionOutsideFraction, 0);
  // Every point of the cut face is at least the margin from the lesion.
  for (const auto& m : guides::cutFaceMargins(ok, planes, lesion)) EXPECT_GE(m.distanceMm, 7 - 0.05);
  GuideParams p = params();
  p.marginMm = 10;
  const guides::GuideSet s = guides::designGuides(bone, p, &lesion, "", 0);
  ASSERT_TRUE(s.resection.margins[0].violated);
  EXPECT_NEAR(s.resection.margins[0].nearestLesionPointMm.z(), 27, 0.1);
  bool named = false;
  for (const auto& w : s.warnings) named = named || (w.find("plane 1 runs 7.0 mm from the lesion at (") != std::string::npos);
  EXPECT_TRUE(named);
}

TEST(Resection, APlaneThatMissesTheBoneIsRefusedNamingIt) {
  GuideParams p = params();
  p.planes.push_back({{0, 0, 60}, {0, 0, 1}});  // above the sphere
  try {
    guides::designGuides(sphereBone(), p, nullptr, "", 0);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "guides.planes[1]");
    EXPECT_NE(e.problem().find("does not cut the bone"), std::string::npos) << e.problem();
  }
  // Normals that together enclose nothing.
  GuideParams q = params();
  q.planes.push_back({{0, 0, 10}, {0, 0, -1}});
  EXPECT_THROW(guides::designGuides(sphereBone(), q, nullptr, "", 0), Error);
}

TEST(CuttingGuide, APatchTooSmallToSeatIsRefused) {
  GuideParams p = params();
  p.patchRadiusMm = 7;
  p.slotLengthMm = 10;
  try {
    guides::designGuides(sphereBone(), p, nullptr, "", 0);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "guides.planes[0]");
    EXPECT_NE(e.problem().find("mm² (at least 200 mm²"), std::string::npos) << e.problem();
    EXPECT_NE(e.hint().find("patch_radius_mm"), std::string::npos);
  }
}

TEST(Resection, ALesionOutsideTheImageIsRefused) {
  VolumeGeometry ct;
  ct.size = {50, 50, 50};
  Mask lesion(ct);
  lesion.geometry.origin = Eigen::Vector3d(0, 0, 500);  // the same grid, half a metre up
  lesion.data[lesion.geometry.index(25, 25, 25)] = 1;
  try {
    guides::lesionSurface(lesion, ct, "lesion.nii.gz");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "lesion.nii.gz");
    EXPECT_NE(e.problem().find("outside the CT"), std::string::npos);
  }
  EXPECT_THROW(guides::lesionSurface(Mask(ct), ct, "empty.nii.gz"), Error);
  lesion.geometry.origin = Eigen::Vector3d::Zero();
  EXPECT_GT(guides::lesionSurface(lesion, ct, "lesion.nii.gz").faceCount(), 0u);
}

TEST(Resection, ALesionAsAThresholdRegionIsTheRegionJoinedToItsSeed) {
  // A CT of 1 mm voxels: two bright balls (r = 8 mm, 300 HU) apart, in water.
  CtVolume ct;
  ct.geometry.size = {60, 40, 40};
  ct.hu.resize(ct.geometry.voxelCount());
  const Eigen::Vector3d a(15, 20, 20), b(45, 20, 20);
  for (int k = 0; k < 40; ++k)
    for (int j = 0; j < 40; ++j)
      for (int i = 0; i < 60; ++i) {
        const Eigen::Vector3d p(i, j, k);
        ct.hu[ct.geometry.index(i, j, k)] = std::int16_t((p - a).norm() <= 8 || (p - b).norm() <= 8 ? 300 : 0);
      }
  const Mask m = guides::lesionFromThreshold(ct, 200, 400, a);
  const double ball = 4.0 / 3.0 * kPi * 8 * 8 * 8;
  EXPECT_NEAR(m.volumeMm3(), ball, 0.05 * ball);  // one ball: the other is not joined to the seed
  EXPECT_TRUE(m.atLps(a));
  EXPECT_FALSE(m.atLps(b));
  try {
    guides::lesionFromThreshold(ct, 200, 400, Eigen::Vector3d(30, 20, 20));  // between the balls: water
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "guides.lesion_seed");
    EXPECT_NE(e.problem().find("reads 0 HU, outside its range 200 to 400"), std::string::npos) << e.problem();
  }
  EXPECT_THROW(guides::lesionFromThreshold(ct, 200, 400, Eigen::Vector3d(100, 20, 20)), Error);
}
