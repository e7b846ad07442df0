#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "tantalus/core/error.h"
#include "tantalus/lattice/lattice_zone.h"
#include "tantalus/lattice/strut_network.h"

using namespace tantalus;
using namespace tantalus::lattice;

namespace {
LatticeFrame unitFrame() {
  LatticeFrame f;
  f.cell = {1.0, 0.15};
  return f;
}
}  // namespace

TEST(StrutNetwork, EveryStrutJoinsAnOctahedralAndATetrahedralNodeAlong111) {
  const LatticeFrame f = unitFrame();
  const auto struts = strutsInBox(f, Eigen::AlignedBox3d(Eigen::Vector3d(-2, -2, -2), Eigen::Vector3d(3, 3, 3)), 0);
  ASSERT_GT(struts.size(), 1000u);
  std::map<std::pair<std::int64_t, int>, int> valence;  // (node key, 0 tetrahedral / 1 octahedral)
  int inCell = 0;
  for (const auto& s : struts) {
    const Eigen::Vector3d d = s.b - s.a;
    EXPECT_NEAR(d.norm(), std::sqrt(3.0) / 4, 1e-12);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(std::abs(d[i]), 0.25, 1e-12);  // <111>
    // 35.26 deg to the build plate (z up): no horizontal strut.
    EXPECT_NEAR(std::asin(std::abs(d.z()) / d.norm()) * 180 / M_PI, 35.26, 0.01);
    ++valence[{s.nodeA, 0}];
    ++valence[{s.nodeB, 1}];
    // Tetrahedral end in the unit cell [0,1)^3: counts the struts of one cell.
    if ((s.a.array() >= 0).all() && (s.a.array() < 1).all()) ++inCell;
  }
  EXPECT_EQ(inCell, kStrutsPerCell);
  // Nodes well inside the box have full valence: 4 (tetrahedral), 8 (octahedral).
  int tetra = 0, octa = 0;
  for (const auto& s : struts) {
    if ((s.a.array().abs() < 1).all()) {
      EXPECT_EQ((valence[{s.nodeA, 0}]), 4);
      ++tetra;
    }
    if ((s.b.array().abs() < 1).all()) {
      EXPECT_EQ((valence[{s.nodeB, 1}]), 8);
      ++octa;
    }
  }
  EXPECT_GT(tetra, 0);
  EXPECT_GT(octa, 0);
}

TEST(StrutNetwork, WindowCentresAreAtTheRhombusInradiusFromTheirFourStruts) {
  const LatticeFrame f = unitFrame();
  const Eigen::AlignedBox3d box(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(0.99, 0.99, 0.99));
  const auto windows = windowsInBox(f, box);
  EXPECT_EQ(windows.size(), 24u);  // 12 faces per RD cell, 4 cells per cube, each face shared
  const auto struts = strutsInBox(f, box, 1.0);
  for (const auto& w : windows) {
    double nearest = 1e9;
    int atInradius = 0;
    for (const auto& s : struts) {
      const double d = segmentDistance(w.centre, s.a, s.b);
      nearest = std::min(nearest, d);
      if (std::abs(d - 1 / (2 * std::sqrt(6.0))) < 1e-9) {
        ++atInradius;
        EXPECT_NEAR((s.b - s.a).dot(w.normal), 0.0, 1e-12);  // the bounding struts lie in the face
      }
    }
    EXPECT_NEAR(nearest, 1 / (2 * std::sqrt(6.0)), 1e-9);
    EXPECT_EQ(atInradius, 4);
  }
}

TEST(StrutNetwork, OrientationRotatesTheStruts) {
  LatticeFrame f = unitFrame();
  f.rotation = orientationForBuildDirection(Eigen::Vector3d(1, 1, 1));
  const auto struts = strutsInBox(f, Eigen::AlignedBox3d(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(2, 2, 2)), 0);
  // The lattice z axis is now along (1,1,1): struts keep their length.
  for (const auto& s : struts) EXPECT_NEAR((s.b - s.a).norm(), std::sqrt(3.0) / 4, 1e-9);
  EXPECT_TRUE((f.rotation * Eigen::Vector3d::UnitZ()).isApprox(Eigen::Vector3d(1, 1, 1).normalized(), 1e-12));
}

TEST(StrutNetwork, GradingThickensStrutsNearTheSurface) {
  LatticeFrame f;
  f.cell = solveCell(0.6, 0.8, PoreDefinition::Window);
  Grading g;
  g.point = Eigen::Vector3d::Zero();
  g.normal = Eigen::Vector3d::UnitZ();
  g.porosityAtSurface = 0.65;
  g.porosityFar = 0.80;
  g.rampMm = 5;
  f.grading = g;
  const double near = f.strutDiameterAt(Eigen::Vector3d(0, 0, 0.1));
  const double far = f.strutDiameterAt(Eigen::Vector3d(0, 0, 8));
  EXPECT_NEAR(far, f.cell.strutMm, 1e-9);
  EXPECT_GT(near, far * 1.2);
  EXPECT_NEAR(solidFractionFit(f.strutDiameterAt(Eigen::Vector3d(0, 0, 2.5)) / f.cell.cellMm), 1 - 0.725, 1e-6);
}

TEST(LatticeZone, HemisphericalShellIsClosedWithTheExpectedVolume) {
  const Mesh m = hemisphericalShell(28, 3, 96);
  const MeshTopology t = analyseTopology(m);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.consistentlyOriented());
  const double exact = 2.0 / 3.0 * M_PI * (28.0 * 28 * 28 - 25.0 * 25 * 25);
  EXPECT_NEAR(signedVolume(m), exact, 0.01 * exact);
  EXPECT_EQ(countSelfIntersections(m), 0u);
  const LatticeZone z = LatticeZone::fromMesh(m, "shell");
  EXPECT_NEAR(z.volumeMm3(), signedVolume(m), 1e-6);
}

TEST(LatticeZone, RejectsAnOpenMesh) {
  Mesh m = hemisphericalShell(28, 3, 32);
  m.faces.conservativeResize(m.faces.rows() - 1, 3);
  try {
    LatticeZone::fromMesh(m, "open.stl");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("open"), std::string::npos) << e.what();
    EXPECT_EQ(e.where(), "open.stl");
  }
}

TEST(LatticeZone, RejectsASelfIntersectingMesh) {
  // Two closed shells that cross each other: closed and manifold, but self-intersecting.
  const Mesh a = hemisphericalShell(10, 2, 32);
  Mesh b = a;
  b.vertices.col(0).array() += 5.0f;
  Mesh m;
  m.vertices.resize(a.vertices.rows() + b.vertices.rows(), 3);
  m.vertices << a.vertices, b.vertices;
  m.faces.resize(a.faces.rows() + b.faces.rows(), 3);
  m.faces << a.faces, (b.faces.array() + std::int32_t(a.vertices.rows())).matrix();
  EXPECT_TRUE(analyseTopology(weldVertices(m)).watertight());
  EXPECT_GT(countSelfIntersections(m), 0u);
  try {
    LatticeZone::fromMesh(m, "crossing.stl");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("intersects itself"), std::string::npos) << e.what();
  }
}

TEST(LatticeZone, InsideOutMeshIsFlipped) {
  Mesh m = hemisphericalShell(20, 3, 32);
  flipOrientation(m);
  const LatticeZone z = LatticeZone::fromMesh(m, "flipped");
  EXPECT_GT(z.volumeMm3(), 0);
}

TEST(LatticeZone, SkinFacesParse) {
  EXPECT_EQ(parseSkinFaces("all", "x"), unsigned(kSkinAll));
  EXPECT_EQ(parseSkinFaces("none", "x"), 0u);
  EXPECT_EQ(parseSkinFaces("z-,x+", "x"), unsigned(kSkinZMin | kSkinXMax));
  EXPECT_THROW(parseSkinFaces("top", "x"), Error);
}
