#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_support.h"

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
    EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("error: "), std::string::npos) << args << "\n" << r.err;
  }
  std::ofstream(dir / "f") << "x";
  const auto r = tantalus::test::runCli("lattice --pore-um 600 --porosity 0.8 --box 5,5,5 -o " + (dir / "f" / "o.stl").string() +
                                        " --report " + (dir / "o.json").string());
  EXPECT_NE(r.exitCode, 0);
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  EXPECT_EQ(n, 1);
}

TEST(LatticeCli, BuildsACubeAndWritesTheReport) {
  ASSERT_TRUE(haveCli()) << "tantalus CLI not built at " << tantalus::test::cliPath();
  const auto dir = tantalus::test::scratchDir("lattice-cli-ok");
  const auto r = tantalus::test::runCli("lattice --pore-um 600 --porosity 0.80 --box 5,5,5 --voxel-um 90 -o " +
                                        (dir / "c.stl").string() + " --report " + (dir / "c.json").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_GT(std::filesystem::file_size(dir / "c.stl"), 84u);
  std::ifstream in(dir / "c.json");
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(json.find("porosityFromMesh"), std::string::npos);
}
