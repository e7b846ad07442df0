#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/mesh_pieces.h"
#include "tantalus/core/stl_io.h"

using namespace tantalus;

namespace {
// Axis-aligned box, outward faces.
Mesh box(double sx, double sy, double sz) {
  Mesh m;
  m.vertices.resize(8, 3);
  for (int i = 0; i < 8; ++i) m.vertices.row(i) << float((i & 1) * sx), float(((i >> 1) & 1) * sy), float(((i >> 2) & 1) * sz);
  m.faces.resize(12, 3);
  m.faces << 0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5;
  return m;
}
// Appends `b`, shifted by `at`, to `a`.
void append(Mesh& a, const Mesh& b, const Eigen::Vector3f& at) {
  const Eigen::Index nv = a.vertices.rows(), nf = a.faces.rows();
  a.vertices.conservativeResize(nv + b.vertices.rows(), 3);
  a.faces.conservativeResize(nf + b.faces.rows(), 3);
  for (Eigen::Index i = 0; i < b.vertices.rows(); ++i) a.vertices.row(nv + i) = b.vertices.row(i) + at.transpose();
  a.faces.bottomRows(b.faces.rows()) = b.faces.array() + std::int32_t(nv);
}
}  // namespace

TEST(MeshPieces, DebrisSmallerThanTheLimitOnEverySideGoesTheRestStays) {
  Mesh m = box(0.2, 0.3, 0.1);                                  // debris, listed first
  append(m, box(10, 10, 10), Eigen::Vector3f(1, 0, 0));          // the body
  append(m, box(0.2, 0.2, 1.5), Eigen::Vector3f(-3, 0, 0));      // thin but long: kept
  Mesh patch = box(0.1, 0.1, 0.1);
  patch.faces.row(2) = patch.faces.row(4);                       // an open patch of debris:
  patch.faces.row(3) = patch.faces.row(5);                       // the bottom and one side
  patch.faces.conservativeResize(4, 3);
  append(m, patch, Eigen::Vector3f(-5, 0, 0));
  Mesh cavity = box(0.2, 0.2, 0.2);                              // small, closed, facing inward:
  flipOrientation(cavity);                                       // trapped powder, not debris
  append(m, cavity, Eigen::Vector3f(5, 5, 5));
  const DebrisRemoval d = removeDebris(m, 0.6);
  EXPECT_EQ(d.pieces, 5u);
  EXPECT_EQ(d.droppedPieces, 2u);
  EXPECT_EQ(d.droppedFaces, 16u);
  EXPECT_EQ(d.smallVoids, 1u);
  EXPECT_NEAR(d.largestDroppedMm, 0.3, 1e-6);
  const MeshTopology t = analyseTopology(d.kept);
  EXPECT_EQ(t.components, 3u);
  EXPECT_TRUE(t.watertight());
  EXPECT_EQ(d.kept.faceCount(), 36u);
  EXPECT_EQ(d.kept.vertexCount(), 24u);  // the dropped pieces' vertices are gone too
  EXPECT_NEAR(signedVolume(d.kept), 1000.0 + 0.06 - 0.008, 1e-3);
  // Filling small cavities (the design's read-back): the cavity's wall goes too, counted
  // apart from the debris, and the body is solid there (its volume no longer less 0.008).
  const DebrisRemoval filled = removeDebris(m, 0.6, true);
  EXPECT_EQ(filled.droppedPieces, 2u);
  EXPECT_EQ(filled.droppedFaces, 16u);
  EXPECT_EQ(filled.filledCavities, 1u);
  EXPECT_EQ(filled.filledFaces, 12u);
  EXPECT_EQ(filled.smallVoids, 0u);
  EXPECT_NEAR(filled.largestFilledMm, 0.2, 1e-6);
  EXPECT_EQ(analyseTopology(filled.kept).components, 2u);
  EXPECT_NEAR(signedVolume(filled.kept), 1000.0 + 0.06, 1e-3);
  // A cavity as large as a pore is not filled: it is trapped powder for the checks to refuse.
  Mesh big = box(10, 10, 10);
  Mesh hollow = box(0.8, 0.8, 0.8);
  flipOrientation(hollow);
  append(big, hollow, Eigen::Vector3f(4, 4, 4));
  const DebrisRemoval kept = removeDebris(big, 0.6, true);
  EXPECT_EQ(kept.filledCavities, 0u);
  EXPECT_EQ(kept.kept.faceCount(), 24u);
  // The largest piece stays however small it is; nothing to drop leaves the mesh as is.
  const DebrisRemoval alone = removeDebris(box(0.1, 0.1, 0.1), 0.6);
  EXPECT_EQ(alone.droppedPieces, 0u);
  EXPECT_EQ(alone.kept.faceCount(), 12u);
}

TEST(Mesh, BoxVolumeAreaAndTopology) {
  const Mesh m = box(2, 3, 4);
  EXPECT_NEAR(signedVolume(m), 24.0, 1e-9);
  EXPECT_NEAR(surfaceArea(m), 2 * (6 + 8 + 12), 1e-9);
  const MeshTopology t = analyseTopology(m);
  EXPECT_TRUE(t.watertight());
  EXPECT_TRUE(t.consistentlyOriented());
  EXPECT_EQ(t.components, 1u);
}

TEST(Mesh, DetectsHolesFlipsAndNonManifoldEdges) {
  Mesh open = box(1, 1, 1);
  open.faces.conservativeResize(11, 3);
  EXPECT_EQ(analyseTopology(open).boundaryEdges, 3u);
  Mesh flipped = box(1, 1, 1);
  std::swap(flipped.faces(0, 1), flipped.faces(0, 2));
  EXPECT_GT(analyseTopology(flipped).misorientedEdges, 0u);
  Mesh fin = box(1, 1, 1);
  fin.vertices.conservativeResize(9, 3);
  fin.vertices.row(8) << 0.5f, -1.f, 0.f;
  fin.faces.conservativeResize(13, 3);
  fin.faces.row(12) << 0, 1, 8;  // a third face on edge 0-1
  EXPECT_EQ(analyseTopology(fin).nonManifoldEdges, 1u);
  Mesh inverted = box(1, 1, 1);
  flipOrientation(inverted);
  EXPECT_NEAR(signedVolume(inverted), -1.0, 1e-9);
}

TEST(StlIo, BinaryRoundTripKeepsGeometryAndSaysLps) {
  const auto dir = test::scratchDir("stl");
  const Mesh m = box(10, 20, 30);
  writeStl(dir / "b.stl", m, "test box");
  std::ifstream in(dir / "b.stl", std::ios::binary);
  std::string header(80, '\0');
  in.read(header.data(), 80);
  EXPECT_EQ(header.rfind("SPACE=LPS UNITS=mm", 0), 0u);
  EXPECT_EQ(std::filesystem::file_size(dir / "b.stl"), 84u + 50u * 12u);
  const Mesh r = readStl(dir / "b.stl");
  EXPECT_EQ(r.vertexCount(), 8u);
  EXPECT_NEAR(signedVolume(r), 6000.0, 1e-6);
  EXPECT_TRUE(analyseTopology(r).watertight());
}
