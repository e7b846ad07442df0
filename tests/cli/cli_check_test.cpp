// `tantalus check` through the binary: exit 0 for a printable part, 1 for a part with
// problems (with the findings), 2 for bad input with nothing written; and a lattice from
// `tantalus lattice` checked as one body with no trapped powder at its porosity.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli_expect.h"
#include "support/test_support.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/machining/primitives.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {
nlohmann::json readJson(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}
}  // namespace

TEST(CheckCli, APrintableCubeExitsZeroWithItsMass) {
  const auto dir = test::scratchDir("check-cli-cube");
  writeStl(dir / "cube.stl", machining::boxMesh(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(20, 10, 5)), "cube");
  const auto r = test::runCli("check " + (dir / "cube.stl").string() + " --json " + (dir / "c.json").string());
  ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("printable: yes"), std::string::npos) << r.out;
  const auto j = readJson(dir / "c.json");
  EXPECT_TRUE(j.at("printable").get<bool>());
  EXPECT_NEAR(j.at("volume_mm3").get<double>(), 1000.0, 1e-3);
  EXPECT_NEAR(j.at("material").at("mass_g").get<double>(), 4.43, 1e-6);
  EXPECT_NEAR(j.at("reference_material").at("mass_g").get<double>(), 16.6, 1e-6);
  EXPECT_EQ(j.at("self_intersecting_face_pairs").get<std::size_t>(), 0u);
  EXPECT_NEAR(j.at("thickness_mm").at("min").get<double>(), 5.0, 1e-3);
}

TEST(CheckCli, TrappedPowderExitsOneAndSaysWhy) {
  const auto dir = test::scratchDir("check-cli-hollow");
  Mesh cavity = machining::boxMesh(Eigen::Vector3d(2, 2, 2), Eigen::Vector3d(8, 8, 8));
  flipOrientation(cavity);
  writeStl(dir / "hollow.stl",
           machining::concatenate({machining::boxMesh(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(10, 10, 10)), cavity}), "hollow");
  const auto r = test::runCli("check " + (dir / "hollow.stl").string() + " --json " + (dir / "c.json").string());
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_NE(r.out.find("powder trapped"), std::string::npos) << r.out;
  const auto j = readJson(dir / "c.json");
  EXPECT_FALSE(j.at("printable").get<bool>());
  ASSERT_EQ(j.at("enclosed_voids_mm3").size(), 1u);
  EXPECT_NEAR(j.at("enclosed_voids_mm3")[0].get<double>(), 216.0, 1e-3);
}

TEST(CheckCli, BadInputIsRefusedAndWritesNothing) {
  const auto dir = test::scratchDir("check-cli-bad");
  const fs::path report = dir / "c.json";
  test::expectRefused(test::runCli("check " + (dir / "missing.stl").string() + " --json " + report.string()), {report},
                      "missing.stl", "");
  std::ofstream(dir / "junk.stl") << "solid x\nthis is not an STL\n";
  test::expectRefused(test::runCli("check " + (dir / "junk.stl").string() + " --json " + report.string()), {report},
                      "junk.stl", "");
  writeStl(dir / "cube.stl", machining::boxMesh(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(1, 1, 1)), "cube");
  test::expectRefused(test::runCli("check " + (dir / "cube.stl").string() + " --machine no-such-machine --json " +
                                   report.string()),
                      {report}, "no-such-machine", "");
}

TEST(CheckCli, ALatticeBlockIsOneBodyWithNoTrappedPowderAtItsPorosity) {
  const auto dir = test::scratchDir("check-cli-lattice");
  const auto built = test::runCli("lattice --pore-um 600 --porosity 0.80 --box 6,6,6 -o " + (dir / "l.stl").string() +
                                  " --report " + (dir / "l.json").string());
  ASSERT_EQ(built.exitCode, 0) << built.err;
  const auto r = test::runCli("check " + (dir / "l.stl").string() + " --json " + (dir / "c.json").string());
  ASSERT_NE(r.exitCode, 2) << r.err;
  const auto j = readJson(dir / "c.json");
  EXPECT_TRUE(j.at("topology").at("watertight").get<bool>());
  EXPECT_EQ(j.at("bodies_mm3").size(), 1u);
  EXPECT_EQ(j.at("enclosed_voids_mm3").size(), 0u);
  EXPECT_NEAR(1.0 - j.at("volume_mm3").get<double>() / 216.0, 0.80, 0.015);
  // Most of the surface reads as a strut of the solved diameter (0.356 mm).
  EXPECT_NEAR(j.at("thickness_mm").at("median").get<double>(), 0.356, 0.02);
  EXPECT_GE(j.at("thickness_mm").at("p5").get<double>(), 0.30);
  EXPECT_EQ(r.exitCode, 0) << r.out;
}
