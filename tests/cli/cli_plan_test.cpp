// tantalus plan: the full phantom's DICOM against its truth (side, old cup, native
// centre, planned cup, options, case file), the real 3 mm sample (too coarse for the
// acetabula: a clear message, with the metal read), no metal (asks for --side), and a
// scan cut short.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "support/png_read.h"
#include "support/test_support.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/resources.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using namespace tantalus;

namespace {
Eigen::Vector3d vec(const nlohmann::json& a) { return {a[0].get<double>(), a[1].get<double>(), a[2].get<double>()}; }
nlohmann::json report(const fs::path& dir) { return nlohmann::json::parse(std::ifstream(dir / "report.json")); }

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// report.html: one figure per view, each a real picture with its scale, and the tables.
void expectHtmlReport(const fs::path& out, const nlohmann::json& j) {
  const std::string html = readTextFile(out / "report.html");
  EXPECT_NE(html.find("<h1>Revision plan: left hip</h1>"), std::string::npos);
  for (const char* id : {"ap", "lateral", "axial", "coronal", "screws"})
    EXPECT_NE(html.find(std::string("<figure id=\"") + id + "\">"), std::string::npos) << id;
  const auto pictures = test::embeddedPngs(html);
  ASSERT_EQ(pictures.size(), 5u);
  for (const auto& p : pictures) {
    EXPECT_GE(p.width, 300);
    std::size_t differing = 0;
    for (std::size_t i = 3; i < p.pixels.size(); ++i) differing += p.pixels[i] != p.pixels[i % 3];
    EXPECT_GT(differing, p.pixels.size() / 10) << "a picture, not a blank";
  }
  EXPECT_EQ(occurrences(html, " mm per pixel"), 5u) << "every figure's scale in its caption";
  EXPECT_EQ(occurrences(html, " mm</text>"), 5u) << "every figure's scale bar";
  EXPECT_NE(html.find("56.0 mm outer diameter"), std::string::npos);
  EXPECT_EQ(occurrences(html, "<td>posterior-"), j["screws"].size()) << "a row per screw";
}
}  // namespace

TEST(CliPlan, PhantomPlanMatchesTheTruthAndTheOptionsAreTaken) {
  const io::PhantomOptions o;
  const fs::path ph = test::cachedPhantom("full", o);
  const fs::path out = test::scratchDir("cli-plan") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = report(out);
  const io::PhantomTruth t = io::phantomTruth(o);
  EXPECT_EQ(j["affected_side"], "left");
  EXPECT_EQ(j["side_reason"].get<std::string>().rfind("left — a cup shell", 0), 0u) << j["side_reason"];
  const auto& cup = j["old_implant"]["cup"];
  EXPECT_LT((vec(cup["centre_lps"]) - t.cupCentreMm).norm(), 1.0);
  EXPECT_NEAR(cup["outer_diameter_mm"].get<double>(), 2 * t.cupOuterRadiusMm, 1.0);
  EXPECT_NEAR(cup["relative_to_app"]["inclination_deg"].get<double>(), t.cupInclinationDeg, 2.0);
  EXPECT_NEAR(cup["relative_to_app"]["anteversion_deg"].get<double>(), t.cupAnteversionDeg, 2.0);
  EXPECT_NEAR(j["old_implant"]["head"]["diameter_mm"].get<double>(), 2 * t.headRadiusMm, 1.0);
  EXPECT_LT((vec(j["native_cor"]["mirrored_lps"]) - t.corLeftNativeMm).norm(), 1.0);
  EXPECT_LT((vec(j["anatomy"]["landmarks"]["asis_left"]) - t.asisMm[1]).norm(), 2.0);
  const auto& planned = j["planned_cup"];
  EXPECT_EQ(planned["outer_diameter_mm"].get<double>(), 56);
  // The planned axis, read in the phantom's true pelvic frame, has the default angles.
  const Eigen::Vector3d axis = t.pelvicFrame.transpose() * vec(planned["axis_lps"]);
  EXPECT_NEAR(std::atan2(std::abs(axis.x()), -axis.z()) * 180 / M_PI, 40, 1.0);  // radiographic inclination
  EXPECT_NEAR(std::asin(-axis.y()) * 180 / M_PI, 15, 1.0);                       // radiographic anteversion
  EXPECT_LT((vec(planned["centre_lps"]) - t.corLeftNativeMm).norm(), 1.0);
  EXPECT_NEAR(j["old_implant"]["cup"]["from_native_cor"]["superior_mm"].get<double>(), 10, 1.0);
  expectHtmlReport(out, j);
  ASSERT_EQ(j["timings"].size(), 3u);  // import, segment and the plan's analysis
  EXPECT_EQ(j["timings"][2]["step"], "plan (analysis)");
  EXPECT_GT(j["timings"][2]["seconds"].get<double>(), 0.1);
  EXPECT_GT(j["timings"][1]["peak_rss_mib"].get<double>(), 10);
  // The case as planned loads back, with every choice and its reason.
  const CaseFile asPlanned = loadCaseFile(out / "case.tantalus.json");
  EXPECT_EQ(asPlanned.plan.side, "auto");
  auto choice = [&](const std::string& what) {
    for (const auto& c : asPlanned.choices)
      if (c.what == what) return c;
    ADD_FAILURE() << "no choice " << what;
    return CaseChoice{};
  };
  EXPECT_EQ(choice("side").value, "left");
  EXPECT_EQ(choice("side").reason.rfind("left — a cup shell", 0), 0u) << choice("side").reason;
  EXPECT_EQ(choice("cup_mm").value, "56");
  EXPECT_NE(choice("cup_mm").reason.find("old cup"), std::string::npos) << choice("cup_mm").reason;
  EXPECT_EQ(choice("landmarks").value, "found");
  EXPECT_NE(choice("series").reason.find("using series"), std::string::npos) << choice("series").reason;
  // Size and angles from the command line: the segmentation is reused.
  const auto again = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string() +
                                  " --cup-mm 60 --inclination 45 --anteversion 28 --screws 3");
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.err.find("segment: up to date"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("outside the Lewinnek safe zone"), std::string::npos) << again.err;
  const auto k = report(out);
  EXPECT_EQ(k["planned_cup"]["outer_diameter_mm"].get<double>(), 60);
  EXPECT_GE(j["screws"].size(), 3u);
  EXPECT_EQ(k["screws"].size(), 3u);
  for (const auto& s : k["screws"]) EXPECT_LE(s["length_mm"].get<double>(), s["bone_length_mm"].get<double>());
  // The defect for each cup, the second with the segmentation read back from its files.
  EXPECT_NEAR(j["defect"]["volume_ml"].get<double>() /
                  (io::phantomBoneLossMm3(o, vec(planned["centre_lps"]), 28) / 1000), 1.0, 0.05);
  EXPECT_NEAR(k["defect"]["volume_ml"].get<double>() /
                  (io::phantomBoneLossMm3(o, vec(k["planned_cup"]["centre_lps"]), 30) / 1000), 1.0, 0.05);
  EXPECT_FALSE(k["defect"]["doubtful_streaks"].get<bool>());
  EXPECT_NEAR(std::asin(-(t.pelvicFrame.transpose() * vec(k["planned_cup"]["axis_lps"])).y()) * 180 / M_PI, 28, 1.0);
  EXPECT_FALSE(k["planned_cup"]["in_lewinnek_zone"].get<bool>());
  EXPECT_EQ(loadCaseFile(out / "case.tantalus.json").plan.cupMm, 60.0);
  // A size that is not made is refused, naming the option.
  const auto odd = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string() + " --cup-mm 57");
  EXPECT_EQ(odd.exitCode, 2);
  EXPECT_NE(odd.err.find("--cup-mm"), std::string::npos) << odd.err;
  EXPECT_NE(odd.err.find("2 mm steps"), std::string::npos) << odd.err;
}

TEST(CliPlan, TheSamplesThreeMillimetreVoxelsAreTooCoarseAndSaySo) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const fs::path out = test::scratchDir("cli-plan-sample") / "out";
  const auto r = test::runCli("plan " + (test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").string() +
                              " -o " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("no pelvis found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("voxels 3 × 3 × 3 mm"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("about 1 mm"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("enter both acetabula by hand (plan.hips"), std::string::npos) << r.err;
  // The metal is read all the same: fixation hardware ("other") on the left, no cup.
  EXPECT_NE(r.err.find("the metal found: other metal (fixation hardware, screws or a bead) 11 mL on the left (cut off by the scan); no cup"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("cup shell"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "report.json"));
  EXPECT_FALSE(fs::exists(out / "report.html"));
  EXPECT_TRUE(fs::exists(out / "segment.json"));  // the steps before the plan are kept
}

TEST(CliPlan, NoMetalAsksForTheSideAndWritesNoPlan) {
  io::PhantomOptions o;
  o.metalHu = 1500;  // below the 2500 HU threshold: no metal
  const fs::path ph = test::cachedPhantom("no-metal", o);
  const fs::path out = test::scratchDir("cli-plan-nometal") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("error: --side: no metal in the CT"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "report.json"));
  // The segmentation is kept: the rerun with --side reuses it.
  const auto again = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string() + " --side left");
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.err.find("segment: up to date"), std::string::npos) << again.err;
  EXPECT_EQ(report(out)["affected_side"], "left");
}

TEST(CliPlan, MetalCutOffByAShortScanIsSaidNotNamed) {
  auto o = test::smallPhantomOptions();
  o.slices = 12;  // 24 mm through the cup: the shell is cut off at both ends, and there is no pelvis to plan on
  const fs::path ph = test::cachedPhantom("short", o);
  const fs::path out = test::scratchDir("cli-plan-short") / "out";
  const auto r = test::runCli("plan " + (ph / "dicom").string() + " -o " + out.string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("(cut off by the scan)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out / "report.json"));
}

TEST(CliPlan, AnMrAndASingleSliceAreRefusedAndNothingIsWritten) {
  io::PhantomOptions mr = test::smallPhantomOptions();
  mr.modality = "MR";
  const fs::path root = test::scratchDir("cli-plan-bad");
  const auto r = test::runCli("plan " + (test::cachedPhantom("small-mr", mr) / "dicom").string() + " -o " +
                              (root / "mr").string());
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(r.err.find("modality MR"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "mr"));
  // One slice of a CT series.
  const fs::path small = test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom", one = root / "one";
  fs::create_directories(one);
  fs::copy_file(*fs::directory_iterator(small), one / "slice.dcm");
  const auto s = test::runCli("plan " + one.string() + " -o " + (root / "out").string());
  EXPECT_EQ(s.exitCode, 2) << s.err;
  EXPECT_NE(s.err.find("only 1 usable slice(s): not a volume"), std::string::npos) << s.err;
  EXPECT_FALSE(fs::exists(root / "out"));
}
