#include <gtest/gtest.h>

#include <filesystem>

#include "lattice_test_helpers.h"
#include "tantalus/lattice/beam_lattice_3mf.h"

using namespace tantalus;
using namespace tantalus::lattice;

TEST(BeamLattice3mf, BeamsAndRadiiRoundTripThroughLib3mfReader) {
  const auto dir = tantalus::test::scratchDir("lattice-3mf");
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(10, 10, 6));
  LatticeBuildOptions o = tantalus::lattice::test::referenceOptions();
  o.skinMm = 0.8;
  o.skinFaces = kSkinZMin;
  const auto file = dir / "lattice.3mf";
  const Beam3mfStats st = writeBeamLattice3mf(zone, o, file);
  const BeamLattice expected = beamLatticeInZone(zone, o);
  ASSERT_GT(st.beams, 500u);
  EXPECT_EQ(st.beams, expected.beams.size());
  EXPECT_GT(st.skinTriangles, 100u);

  const Beam3mfContents back = readBeamLattice3mf(file);
  EXPECT_EQ(back.readerWarnings, 0u);
  ASSERT_EQ(back.lattice.beams.size(), expected.beams.size());
  EXPECT_EQ(back.triangles, st.skinTriangles);
  for (std::size_t i = 0; i < expected.beams.size(); ++i) {
    EXPECT_NEAR(back.lattice.beams[i].radiusA, o.frame.cell.strutMm / 2, 1e-6);
    EXPECT_NEAR(back.lattice.beams[i].radiusB, o.frame.cell.strutMm / 2, 1e-6);
    const auto& a = back.lattice.nodes[back.lattice.beams[i].a];
    const auto& b = back.lattice.nodes[back.lattice.beams[i].b];
    const auto& ea = expected.nodes[expected.beams[i].a];
    const auto& eb = expected.nodes[expected.beams[i].b];
    EXPECT_LT((a - ea).norm(), 1e-4);
    EXPECT_LT((b - eb).norm(), 1e-4);
  }
  // Clipped to the zone: every node inside the box (within float rounding).
  for (const auto& n : back.lattice.nodes) {
    EXPECT_TRUE((n.array() >= -1e-4).all() && (n.array() <= Eigen::Array3d(10, 10, 6) + 1e-4).all()) << n.transpose();
  }
  // Compact: a few hundred kB, versus megabytes of STL for the same zone.
  EXPECT_LT(st.bytes, 5'000'000u);
}

TEST(BeamLattice3mf, LatticeWithoutSkinRoundTrips) {
  const auto dir = tantalus::test::scratchDir("lattice-3mf-noskin");
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(6, 6, 6));
  const LatticeBuildOptions o = tantalus::lattice::test::referenceOptions();
  const Beam3mfStats st = writeBeamLattice3mf(zone, o, dir / "bare.3mf");
  EXPECT_EQ(st.skinTriangles, 0u);
  const Beam3mfContents back = readBeamLattice3mf(dir / "bare.3mf");
  EXPECT_EQ(back.triangles, 0u);
  EXPECT_EQ(back.lattice.beams.size(), st.beams);
  EXPECT_GT(st.beams, 100u);
}

TEST(BeamLattice3mf, MeshZoneClipsBeamsToTheShell) {
  const LatticeZone zone = LatticeZone::fromMesh(hemisphericalShell(15, 3, 64), "shell");
  LatticeFrame f;
  f.cell = solveCell(0.6, 0.8, PoreDefinition::Window);
  const BeamLattice bl = beamLatticeInZone(zone, f);
  ASSERT_GT(bl.beams.size(), 200u);
  for (const auto& n : bl.nodes) {
    const double r = n.norm();
    EXPECT_GT(r, 12.0 - 0.05);
    EXPECT_LT(r, 15.0 + 0.05);
    EXPECT_GT(n.z(), -0.05);
  }
}
