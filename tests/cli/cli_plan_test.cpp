// tantalus plan: side and old implant from the phantom's DICOM and the real sample;
// no metal asks for --side.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using namespace tantalus;

namespace {
double dist(const nlohmann::json& a, const Eigen::Vector3d& b) {
  return (Eigen::Vector3d(a[0].get<double>(), a[1].get<double>(), a[2].get<double>()) - b).norm();
}
}  // namespace

TEST(CliPlan, PhantomSideAndOldCupMatchTheTruth) {
  const auto o = test::smallPhantomOptions();
  const fs::path ph = test::cachedPhantom("small", o);
  const fs::path out = test::scratchDir("cli-plan") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(std::ifstream(out / "plan.json"));
  const io::PhantomTruth t = io::phantomTruth(o);
  EXPECT_EQ(j["affected_side"], "left");
  EXPECT_EQ(j["side_reason"].get<std::string>().rfind("left — a cup shell", 0), 0u) << j["side_reason"];
  EXPECT_LT(dist(j["old_implant"]["cup"]["centre_lps"], t.cupCentreMm), 1.0);
  EXPECT_NEAR(j["old_implant"]["cup"]["outer_diameter_mm"].get<double>(), 2 * t.cupOuterRadiusMm, 1.0);
  EXPECT_NEAR(j["old_implant"]["cup"]["inclination_deg"].get<double>(), t.cupInclinationDeg, 2.0);
  EXPECT_NEAR(j["old_implant"]["cup"]["anteversion_deg"].get<double>(), t.cupAnteversionDeg, 2.0);
  EXPECT_NEAR(j["old_implant"]["head"]["diameter_mm"].get<double>(), 2 * t.headRadiusMm, 1.0);
  // Asked for the other side: done, and warned that the old cup is not there.
  const auto right = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string() + " --side right");
  ASSERT_EQ(right.exitCode, 0) << right.err;
  EXPECT_NE(right.err.find("segment: up to date"), std::string::npos) << right.err;
  EXPECT_NE(right.err.find("warning: [plan] the old cup is on the left, the plan is for the right"), std::string::npos) << right.err;
  EXPECT_EQ(nlohmann::json::parse(std::ifstream(out / "plan.json"))["affected_side"], "right");
}

TEST(CliPlan, SampleHardwareIsLeftWithNoCup) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const fs::path out = test::scratchDir("cli-plan-sample") / "out";
  const auto r = test::runCli("plan " + (test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").string() +
                              " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(std::ifstream(out / "plan.json"));
  EXPECT_EQ(j["affected_side"], "left");
  EXPECT_NE(j["side_reason"].get<std::string>().find("no cup"), std::string::npos);
  EXPECT_TRUE(j["old_implant"]["cup"].is_null());
  EXPECT_TRUE(j["old_implant"]["head"].is_null());
  for (const auto& p : j["old_implant"]["parts"]) EXPECT_EQ(p["kind"], "other");
}

TEST(CliPlan, NoMetalAsksForTheSideAndWritesNoPlan) {
  auto o = test::smallPhantomOptions();
  o.metalHu = 1500;  // below the 2500 HU threshold: no metal
  const fs::path ph = test::cachedPhantom("no-metal", o);
  const fs::path out = test::scratchDir("cli-plan-nometal") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("error: --side: no metal in the CT"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "plan.json"));
  // The segmentation is kept: the rerun with --side reuses it.
  const auto again = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string() + " --side left");
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.err.find("segment: up to date"), std::string::npos) << again.err;
  EXPECT_EQ(nlohmann::json::parse(std::ifstream(out / "plan.json"))["affected_side"], "left");
}

TEST(CliPlan, MetalCutOffByAShortScanIsSaidNotNamed) {
  auto o = test::smallPhantomOptions();
  o.slices = 12;  // 24 mm through the cup: the shell is cut off at both ends
  const fs::path ph = test::cachedPhantom("short", o);
  const fs::path out = test::scratchDir("cli-plan-short") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("reaches the scan's first or last slice: it is cut off"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(std::ifstream(out / "plan.json"));
  bool cut = false;
  for (const auto& p : j["old_implant"]["parts"]) cut = cut || p["cut_by_scan"].get<bool>();
  EXPECT_TRUE(cut);
  // The full phantom's parts are whole.
  const fs::path full = test::scratchDir("cli-plan-whole") / "out";
  ASSERT_EQ(test::runCli("plan " + (test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom").string() + " -o " +
                         full.string()).exitCode, 0);
  for (const auto& p : nlohmann::json::parse(std::ifstream(full / "plan.json"))["old_implant"]["parts"])
    EXPECT_FALSE(p["cut_by_scan"].get<bool>());
}
