// Exact Booleans on inputs with known volumes, including the inputs that make
// Booleans fail elsewhere: coplanar touching faces, open, inward, non-manifold and
// self-intersecting meshes, a cutter that removes everything, and cancel.
#include <gtest/gtest.h>

#include <chrono>

#include "tantalus/core/error.h"
#include "tantalus/machining/mesh_boolean.h"
#include "tantalus/machining/primitives.h"

using namespace tantalus;
using namespace tantalus::machining;
using Eigen::Vector3d;

namespace {

Mesh cube(double lo, double hi) { return boxMesh(Vector3d::Constant(lo), Vector3d::Constant(hi)); }

// The result is one closed, consistently oriented surface of the given volume.
void expectVolume(const Mesh& m, double volume, double tol, std::size_t shells = 1) {
  const MeshTopology t = analyseTopology(m);
  EXPECT_TRUE(t.watertight()) << t.boundaryEdges << " boundary, " << t.nonManifoldEdges << " non-manifold edges";
  EXPECT_TRUE(t.consistentlyOriented());
  EXPECT_EQ(t.components, shells);
  EXPECT_NEAR(signedVolume(m), volume, tol);
}

Mesh withoutFace(const Mesh& m, Eigen::Index drop) {
  Mesh r = m;
  r.faces.resize(m.faces.rows() - 1, 3);
  for (Eigen::Index f = 0, k = 0; f < m.faces.rows(); ++f)
    if (f != drop) r.faces.row(k++) = m.faces.row(f);
  return r;
}

}  // namespace

TEST(MeshBoolean, CubeMinusOverlappingCubeIsExact) {
  const BooleanResult r = meshBoolean(cube(0, 10), "part", BooleanOp::Difference, cube(5, 15), "cutter");
  expectVolume(r.mesh, 1000.0 - 125.0, 1e-3);
  EXPECT_FALSE(r.repairA.changed());
  EXPECT_FALSE(r.repairB.changed());
}

TEST(MeshBoolean, SphereCutFromABlockLeavesTheBlockMinusThePolyhedron) {
  const Mesh ball = sphereMesh(Vector3d(5, 5, 5), 3.0, 48);
  const BooleanResult r = meshBoolean(cube(0, 10), "block", BooleanOp::Difference, ball, "ball");
  // A cavity: two shells, the inner one facing inwards.
  expectVolume(r.mesh, 1000.0 - signedVolume(ball), 1e-2, 2);
  const BooleanResult u = meshBoolean(cube(0, 10), "block", BooleanOp::Intersection, ball, "ball");
  expectVolume(u.mesh, signedVolume(ball), 1e-3);
}

TEST(MeshBoolean, CoplanarTouchingFacesAreHandledExactly) {
  // The cutter shares three faces' planes with the part: the classic failure of
  // floating-point Booleans.
  const Mesh half = boxMesh(Vector3d(0, 0, 5), Vector3d(10, 10, 10));
  expectVolume(meshBoolean(cube(0, 10), "part", BooleanOp::Difference, half, "cutter").mesh, 500.0, 1e-4);
  // Two cubes sharing a whole face unite into one shell.
  const Mesh next = boxMesh(Vector3d(10, 0, 0), Vector3d(20, 10, 10));
  expectVolume(meshBoolean(cube(0, 10), "a", BooleanOp::Union, next, "b").mesh, 2000.0, 1e-4);
  // Sharing part of a face, shifted: still one shell.
  const Mesh shifted = boxMesh(Vector3d(10, 3, 3), Vector3d(14, 7, 7));
  expectVolume(meshBoolean(cube(0, 10), "a", BooleanOp::Union, shifted, "b").mesh, 1064.0, 1e-4);
}

TEST(MeshBoolean, OpenInputIsClosedFirst) {
  RepairReport rep;
  const Mesh closed = repairToVolume(withoutFace(cube(0, 10), 3), "open cube", &rep);
  EXPECT_EQ(rep.filledHoles, 1u);
  expectVolume(closed, 1000.0, 1e-4);
  const BooleanResult r = meshBoolean(withoutFace(cube(0, 10), 0), "open part", BooleanOp::Difference, cube(5, 15), "c");
  expectVolume(r.mesh, 875.0, 1e-3);
  EXPECT_EQ(r.repairA.filledHoles, 1u);
}

TEST(MeshBoolean, InwardAndMixedOrientationAreTurnedOutwards) {
  Mesh inward = cube(0, 10);
  flipOrientation(inward);
  const BooleanResult r = meshBoolean(inward, "inward", BooleanOp::Difference, cube(5, 15), "c");
  expectVolume(r.mesh, 875.0, 1e-3);
  EXPECT_TRUE(r.repairA.reoriented);
  Mesh mixed = cube(0, 10);
  std::swap(mixed.faces(4, 1), mixed.faces(4, 2));
  RepairReport rep;
  expectVolume(repairToVolume(mixed, "mixed", &rep), 1000.0, 1e-4);
  EXPECT_TRUE(rep.reoriented);
}

TEST(MeshBoolean, NonManifoldFlapAndDuplicateFacesAreDropped) {
  // A cube with a duplicated face and a flap hanging off one edge (that edge has three faces).
  Mesh m = cube(0, 10);
  const Eigen::Index nv = m.vertices.rows(), nf = m.faces.rows();
  m.vertices.conservativeResize(nv + 1, 3);
  m.vertices.row(nv) << 5.0f, 5.0f, 20.0f;
  m.faces.conservativeResize(nf + 2, 3);
  m.faces.row(nf) = m.faces.row(0);
  m.faces.row(nf + 1) << m.faces(1, 0), m.faces(1, 1), std::int32_t(nv);
  ASSERT_GT(analyseTopology(m).nonManifoldEdges, 0u);
  RepairReport rep;
  const Mesh fixed = repairToVolume(m, "flap cube", &rep);
  expectVolume(fixed, 1000.0, 1e-4);
  EXPECT_GE(rep.droppedFaces, 1u);
  EXPECT_TRUE(rep.changed());
  const BooleanResult r = meshBoolean(m, "flap cube", BooleanOp::Difference, cube(5, 15), "c");
  expectVolume(r.mesh, 875.0, 1e-3);
}

TEST(MeshBoolean, SelfIntersectingInputBecomesItsOuterSurface) {
  // Two overlapping cubes written as one mesh: their faces cross.
  const Mesh twin = concatenate({cube(0, 10), cube(5, 15)});
  RepairReport rep;
  const Mesh outer = repairToVolume(twin, "overlapping cubes", &rep);
  EXPECT_TRUE(rep.resolvedSelfIntersections);
  expectVolume(outer, 2000.0 - 125.0, 1e-3);
  const BooleanResult r = meshBoolean(twin, "overlapping cubes", BooleanOp::Difference, cube(8, 20), "c");
  // ([0,10]³ ∪ [5,15]³) minus [8,20]³: the cutter takes [8,15]³ (343) from the second cube;
  // what it takes from the first, [8,10]³, lies inside the second already.
  expectVolume(r.mesh, 1875.0 - 343.0, 1e-3);
}

TEST(MeshBoolean, EmptyResultsAreErrorsNotEmptyParts) {
  try {
    meshBoolean(cube(2, 4), "part.stl", BooleanOp::Difference, cube(0, 10), "cutter.stl");
    FAIL() << "a cutter around the part must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("removes all of part.stl"), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty());
  }
  EXPECT_THROW(meshBoolean(cube(0, 1), "a", BooleanOp::Intersection, cube(5, 6), "b"), Error);
  EXPECT_THROW(repairToVolume(Mesh{}, "empty.stl"), Error);
  // Faces that enclose nothing: a flat sheet of two triangles.
  Mesh sheet;
  sheet.vertices.resize(4, 3);
  sheet.vertices << 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0;
  sheet.faces.resize(2, 3);
  sheet.faces << 0, 1, 2, 0, 2, 3;
  EXPECT_THROW(repairToVolume(sheet, "sheet.stl"), Error);
}

TEST(MeshBoolean, ReportsProgressAndCancelsWithinHalfASecond) {
  // Two fine spheres: a corefinement of tens of thousands of faces.
  const Mesh a = sphereMesh(Vector3d(0, 0, 0), 10.0, 400);
  const Mesh b = sphereMesh(Vector3d(7, 1, 2), 10.0, 400);
  double last = 0;
  int reports = 0;
  Progress progress([&](double f, const std::string&) {
    EXPECT_GE(f, last - 1e-9);
    last = f;
    ++reports;
  });
  const BooleanResult r = meshBoolean(a, "a", BooleanOp::Union, b, "b", progress);
  EXPECT_GT(reports, 10);
  EXPECT_NEAR(last, 1.0, 1e-9);
  EXPECT_GT(signedVolume(r.mesh), signedVolume(a));

  // Cancel from the progress callback once the corefinement is under way (no sleeps: the
  // test does not depend on the machine's speed), and time how long CGAL takes to stop.
  std::chrono::steady_clock::time_point asked;
  int seen = 0;
  Progress* self = nullptr;
  Progress cancelling([&](double f, const std::string&) {
    if (f > 0.35 && ++seen == 3) {
      asked = std::chrono::steady_clock::now();
      self->cancel();
    }
  });
  self = &cancelling;
  bool cancelled = false;
  try {
    meshBoolean(a, "a", BooleanOp::Union, b, "b", cancelling);
  } catch (const Cancelled&) {
    cancelled = true;
  }
  ASSERT_TRUE(cancelled) << "the Boolean ran to the end after the cancel request";
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count(), 0.5);
}

TEST(MeshBoolean, CubesTouchingAlongOneEdgeAreRefusedWithAHintNotANonManifoldPart) {
  // Their union would be non-manifold along the shared edge: no printable part.
  const Mesh b = boxMesh(Vector3d(10, 10, 0), Vector3d(20, 20, 10));
  try {
    const BooleanResult r = meshBoolean(cube(0, 10), "a", BooleanOp::Union, b, "b");
    // If CGAL resolves it, the result must still be a clean volume of 2000 mm³.
    EXPECT_NEAR(signedVolume(r.mesh), 2000.0, 1e-3);
    EXPECT_EQ(analyseTopology(r.mesh).nonManifoldEdges, 0u);
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("would not be manifold"), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty()) << e.what();
  }
}
