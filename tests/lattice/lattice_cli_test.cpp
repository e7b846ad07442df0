#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/cli_expect.h"
#include "support/test_support.h"

#include <nlohmann/json.hpp>

// End-to-end through the `tantalus` binary (tests/lattice depends on the CLI target).
namespace {
bool haveCli() { return std::filesystem::exists(tantalus::test::cliPath()); }
}  // namespace

TEST(LatticeCli, BadInputExitsNonZeroWithoutPartialFiles) {
  ASSERT_TRUE(haveCli()) << "tantalus CLI not built at " << tantalus::test::cliPath();
  const auto dir = tantalus::test::scratchDir("lattice-cli");
  const std::string out = " -o " + (dir / "o.stl").string() + " --report " + (dir / "o.json").string();
  for (const std::string args : {"--pore-um 600 --porosity 0 --box 5,5,5", "--pore-um 600 --porosity 1 --box 5,5,5",
                                 "--pore-um 0 --porosity 0.8 --box 5,5,5", "--pore-um 600 --porosity 0.8 --box 1,1,1",
                                 "--pore-um 600 --porosity 0.8 --definition cell-sphere --box 5,5,5",
                                 "--pore-um 600 --porosity 0.8 --box 20,nan,20", "--pore-um 600 --porosity 0.8 --box inf,5,5",
                                 "--pore-um 600 --porosity 0.8 --box 5,5,5 --tile-voxels 100000",
                                 "--pore-um 600 --porosity 0.8 --box 5,5,5 --voxel-um 1",
                                 "--pore-um 600 --porosity 0.70 --grade 0.90,5 --grade-from plane:0,0,0,0,0,1 --box 5,5,5",
                                 "--pore-um 600 --porosity 0.80 --grade 0.40,5 --grade-from plane:0,0,0,0,0,1 --box 5,5,5",
                                 "--pore-um 600 --porosity 0.80 --grade 0.70,5 --grade-from plane:0,0,0,0,0,0 --box 5,5,5"}) {
    const auto r = tantalus::test::runCli("lattice " + args + out);
    tantalus::test::expectRefused(r, {dir / "o.stl", dir / "o.json"}, "", "");
    EXPECT_NE(r.err.find(" — "), std::string::npos) << args << "\n" << r.err;
  }
  std::ofstream(dir / "f") << "x";
  const auto r = tantalus::test::runCli("lattice --pore-um 600 --porosity 0.8 --box 5,5,5 -o " + (dir / "f" / "o.stl").string() +
                                        " --report " + (dir / "o.json").string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  EXPECT_EQ(n, 1);
}

TEST(LatticeCli, BuildsACubeAndWritesTheReport) {
  ASSERT_TRUE(haveCli()) << "tantalus CLI not built at " << tantalus::test::cliPath();
  const auto dir = tantalus::test::scratchDir("lattice-cli-ok");
  const auto r = tantalus::test::runCli("lattice --pore-um 600 --porosity 0.80 --box 5,5,5 -o " +
                                        (dir / "c.stl").string() + " --report " + (dir / "c.json").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(dir / "c.json");
  const auto j = nlohmann::json::parse(in);
  // The solved cell (LATTICE.md: 600 µm window at 80 %: a = 2.34 mm, d = 0.356 mm).
  EXPECT_NEAR(j.at("cell").at("cellEdgeMm").get<double>(), 2.342, 0.002);
  EXPECT_NEAR(j.at("cell").at("strutDiameterMm").get<double>(), 0.356, 0.001);
  EXPECT_NEAR(j.at("pores").at("windowMm").get<double>(), 0.600, 1e-6);
  // Measured porosity of what was built, and the STL it describes is the file on disk.
  EXPECT_NEAR(j.at("measured").at("porosityFromMesh").get<double>(), 0.80, 0.015);
  EXPECT_NEAR(j.at("measured").at("porosityFromVoxels").get<double>(), 0.80, 0.015);
  const auto triangles = j.at("mesh").at("triangles").get<std::uint64_t>();
  EXPECT_GT(triangles, 10000u);
  EXPECT_EQ(std::filesystem::file_size(dir / "c.stl"), 84 + 50 * triangles);
  EXPECT_EQ(j.at("output").at("bytes").get<std::uint64_t>(), 84 + 50 * triangles);
  EXPECT_NEAR(j.at("zone").at("volumeMm3").get<double>(), 125.0, 1e-9);
  EXPECT_GT(j.at("counts").at("struts").get<std::uint64_t>(), 100u);
  EXPECT_EQ(j.at("islands").at("droppedFragments").get<std::uint64_t>(), 0u);
}
