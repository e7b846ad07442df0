#include <gtest/gtest.h>

#include <filesystem>

#include <map>
#include <regex>

#include "lattice_test_helpers.h"
#include "support/zip_read.h"
#include "tantalus/lattice/beam_lattice_3mf.h"

using namespace tantalus;
using namespace tantalus::lattice;

namespace {

// 3D/3dmodel.model parsed here, without lib3mf: vertices, beams (v1, v2, r1, r2) and
// the lattice's default radius; triangles counted.
struct Parsed3mf {
  std::string unit;
  std::vector<Eigen::Vector3d> vertices;
  struct Beam {
    int v1 = -1, v2 = -1;
    double r1 = -1, r2 = -1;
  };
  std::vector<Beam> beams;
  double radius = -1;
  std::size_t triangles = 0;
};
std::map<std::string, std::string> attributes(const std::string& element) {
  std::map<std::string, std::string> a;
  static const std::regex re(R"re(([A-Za-z:_0-9]+)="([^"]*)")re");
  for (auto it = std::sregex_iterator(element.begin(), element.end(), re); it != std::sregex_iterator(); ++it)
    a[(*it)[1]] = (*it)[2];
  return a;
}
Parsed3mf parse3mf(const std::filesystem::path& file) {
  Parsed3mf p;
  const std::string xml = tantalus::test::zipEntry(file, "3D/3dmodel.model");
  static const std::regex element(R"(<([A-Za-z]+:)?([A-Za-z]+)((\s+[^>]*)?)/?>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), element); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[2];
    const auto a = attributes((*it)[3]);
    if (name == "model") p.unit = a.count("unit") ? a.at("unit") : "";
    if (name == "vertex") p.vertices.emplace_back(std::stod(a.at("x")), std::stod(a.at("y")), std::stod(a.at("z")));
    if (name == "triangle") ++p.triangles;
    if (name == "beamlattice") p.radius = std::stod(a.at("radius"));
    if (name == "beam") {
      Parsed3mf::Beam b;
      b.v1 = std::stoi(a.at("v1"));
      b.v2 = std::stoi(a.at("v2"));
      b.r1 = a.count("r1") ? std::stod(a.at("r1")) : -1;
      b.r2 = a.count("r2") ? std::stod(a.at("r2")) : b.r1;
      p.beams.push_back(b);
    }
  }
  return p;
}

}  // namespace

// The file checked by its own XML, not by the lib3mf that wrote it, against the
// geometry of the RD network (LATTICE.md): every beam along one of the four <111>
// directions, at most one strut long (sqrt(3)a/4), a full strut when both ends are
// deep inside; radius d/2; nodes in the zone; interior nodes of valence 4 or 8.
TEST(BeamLattice3mf, TheFileItselfHoldsTheRhombicDodecahedralNetwork) {
  const auto dir = tantalus::test::scratchDir("lattice-3mf-xml");
  const Eigen::Vector3d size(14, 14, 10);
  const LatticeZone zone = LatticeZone::fromBox(size);
  LatticeBuildOptions o = tantalus::lattice::test::referenceOptions();
  o.skinMm = 0.8;
  o.skinFaces = kSkinZMin;
  const Beam3mfStats st = writeBeamLattice3mf(zone, o, dir / "l.3mf");
  const Parsed3mf p = parse3mf(dir / "l.3mf");
  const double a = o.frame.cell.cellMm, L = std::sqrt(3.0) * a / 4, r = o.frame.cell.strutMm / 2;
  EXPECT_EQ(p.unit, "millimeter");
  EXPECT_EQ(p.beams.size(), st.beams);
  EXPECT_EQ(p.triangles, st.skinTriangles);
  EXPECT_NEAR(p.radius, r, 1e-5);
  std::vector<int> valence(p.vertices.size(), 0);
  std::size_t full = 0, interior = 0;
  auto inside = [&](const Eigen::Vector3d& v, double m) {
    return (v.array() >= m - 1e-4).all() && (v.array() <= size.array() - m + 1e-4).all();
  };
  for (const auto& b : p.beams) {
    ASSERT_GE(b.v1, 0);
    ASSERT_LT(std::size_t(std::max(b.v1, b.v2)), p.vertices.size());
    const Eigen::Vector3d d = p.vertices[std::size_t(b.v2)] - p.vertices[std::size_t(b.v1)];
    ++valence[std::size_t(b.v1)];
    ++valence[std::size_t(b.v2)];
    EXPECT_LE(d.norm(), L + 1e-4);
    const Eigen::Vector3d u = d.normalized();
    EXPECT_NEAR(std::abs(u.x()), 1 / std::sqrt(3.0), 1e-4);
    EXPECT_NEAR(std::abs(u.y()), 1 / std::sqrt(3.0), 1e-4);
    EXPECT_NEAR(std::abs(u.z()), 1 / std::sqrt(3.0), 1e-4);
    if (b.r1 >= 0) {
      EXPECT_NEAR(b.r1, r, 1e-5);
    }
    if (b.r2 >= 0) {
      EXPECT_NEAR(b.r2, r, 1e-5);
    }
    if (inside(p.vertices[std::size_t(b.v1)], a) && inside(p.vertices[std::size_t(b.v2)], a)) {
      EXPECT_NEAR(d.norm(), L, 1e-4);
      ++full;
    }
  }
  for (std::size_t i = 0; i < p.vertices.size(); ++i) {
    const Eigen::Vector3d& v = p.vertices[i];
    if (valence[i] > 0 && !inside(v, 0)) ADD_FAILURE() << "node outside the zone: " << v.transpose();
    if (inside(v, 1.5 * a) && valence[i] > 0) {
      ++interior;
      EXPECT_TRUE(valence[i] == 4 || valence[i] == 8) << "valence " << valence[i] << " at " << v.transpose();
    }
  }
  EXPECT_GT(interior, 20u);
  // 32 struts per a^3 (LATTICE.md): the beams deep inside come close to it.
  const Eigen::Vector3d deep = size - Eigen::Vector3d::Constant(2 * a);
  const double expected = 32 * deep.prod() / (a * a * a);
  std::size_t deepBeams = 0;
  for (const auto& b : p.beams)
    if (inside(0.5 * (p.vertices[std::size_t(b.v1)] + p.vertices[std::size_t(b.v2)]), a)) ++deepBeams;
  EXPECT_NEAR(double(deepBeams), expected, 0.1 * expected);
  EXPECT_GT(full, 100u);
  // lib3mf's own reader accepts it without warnings too.
  EXPECT_EQ(readBeamLattice3mf(dir / "l.3mf").readerWarnings, 0u);
}

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
