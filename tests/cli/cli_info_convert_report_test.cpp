// info --json, convert and report through the CLI, on the small phantom.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/core/resources.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

TEST(CliInfo, JsonListsTheSeriesWithGeometryAndTheChoice) {
  const fs::path dir = test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom";
  const auto r = test::runCli("info " + dir.string() + " --json");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["series"].size(), 1u);
  const auto& s = j["series"][0];
  EXPECT_EQ(s["modality"], "CT");
  EXPECT_EQ(s["slices"], 125);
  EXPECT_EQ(s["rows"], 256);
  EXPECT_DOUBLE_EQ(s["pixel_spacing_mm"][0].get<double>(), 1.6);
  EXPECT_NEAR(s["slice_spacing_mm"].get<double>(), 2.0, 1e-6);
  EXPECT_EQ(s["gantry_tilt_deg"], 0.0);
  EXPECT_EQ(s["missing_slices"], false);
  EXPECT_EQ(s["usable"], true);
  EXPECT_EQ(s["transfer_syntax"], "Little Endian Explicit");
  EXPECT_EQ(j["chosen"], 0);
  // Never patient data.
  EXPECT_EQ(r.out.find("PHANTOM^"), std::string::npos);
}

TEST(CliConvert, WritesTheImportedVolumeExactly) {
  const fs::path dir = test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom";
  const fs::path out = test::scratchDir("cli-convert") / "ct.nrrd";
  const auto r = test::runCli("convert " + dir.string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const CtVolume a = io::importCt(dir).volume, b = io::importCt(out).volume;
  EXPECT_EQ(a.hu, b.hu);
  EXPECT_TRUE(a.geometry.sameGrid(b.geometry, 1e-4));
}

TEST(CliReport, SummarisesARunWithTheTruthAndMeshChecks) {
  const fs::path ph = test::cachedPhantom("small", test::smallPhantomOptions());
  const fs::path run = test::scratchDir("cli-report");
  fs::copy(ph, run / "phantom", fs::copy_options::recursive);
  ASSERT_EQ(test::runCli("segment " + (run / "phantom" / "dicom").string() + " -o " + (run / "segment").string()).exitCode, 0);
  const auto r = test::runCli("report " + run.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const std::string md = readTextFile(run / "report.md");
  EXPECT_NE(md.find("| metal volume (mL) |"), std::string::npos);
  EXPECT_NE(md.find("`segment/bone.stl`"), std::string::npos);
  EXPECT_NE(md.find("`segment/implant.stl`"), std::string::npos);
  EXPECT_EQ(md.find("**NO**"), std::string::npos) << "a mesh failed the check:\n" << md;
  // The error against truth printed in the report is small.
  const auto at = md.find("| metal volume (mL) |");
  const std::string row = md.substr(at, md.find('\n', at) - at);
  const double pct = std::stod(row.substr(row.rfind('|', row.size() - 2) + 1));
  EXPECT_LT(std::abs(pct), 5.0) << row;
}
