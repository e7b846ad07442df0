// Case schema v2 (v1 migrates), command-line overrides merged in the library through
// the case-file reader, and the case a command starts from.
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/pipeline/case_setup.h"

namespace fs = std::filesystem;
using namespace tantalus;

namespace {
std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST(CaseSchema, OlderVersionsLoadWithDefaultsAndAreWrittenAsVersionThree) {
  const CaseFile v1 = parseCaseJson(R"({"schema": "tantalus.case", "version": 1, "input": {"path": "ct/"},
    "segmentation": {"metal_hu": 3000}})", "old.tantalus.json");
  EXPECT_EQ(v1.ctImport, ImportParams{});
  EXPECT_EQ(v1.segmentation.metalHu, 3000);
  const std::string text = toCaseJson(v1);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos) << text;
  EXPECT_EQ(parseCaseJson(text, "new.tantalus.json"), v1);
  // v1 had no import section: there it is an unknown field, in v2 it is read.
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 1, "input": {"path": "x"}, "import": {}})", "f"); })
                .find("f: import: unknown field"),
            std::string::npos);
  const CaseFile v2 = parseCaseJson(
      R"({"schema": "tantalus.case", "version": 2, "input": {"path": "x"}, "import": {"allow_gaps": true, "correct_tilt": false}})", "f");
  EXPECT_TRUE(v2.ctImport.allowGaps);
  EXPECT_FALSE(v2.ctImport.correctTilt);
  // v2 had no design section.
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 2, "input": {"path": "x"}, "design": {}})", "f"); })
                .find("f: design: unknown field"),
            std::string::npos);
  const CaseFile v3 = parseCaseJson(R"({"schema": "tantalus.case", "version": 3, "input": {"path": "x"},
    "design": {"liner": "illustrative-36-56", "machining_stock_mm": 0.3, "augment_reach_mm": 0}})", "f");
  EXPECT_EQ(v3.design.liner, "illustrative-36-56");
  EXPECT_DOUBLE_EQ(v3.design.machiningStockMm, 0.3);
  EXPECT_DOUBLE_EQ(v3.design.augmentReachMm, 0.0);
  EXPECT_EQ(parseCaseJson(toCaseJson(v3), "g"), v3);
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 3, "input": {"path": "x"}, "design": {"liner": "no-such"}})", "f"); })
                .find("no liner named 'no-such'"),
            std::string::npos);
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 3, "input": {"path": "x"}, "design": {"machining_stock_mm": 5}})", "f"); })
                .find("machining_stock_mm must be 0.00 to 3.00"),
            std::string::npos);
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 3, "input": {"path": "x"}, "design": {"colour": 1}})", "f"); })
                .find("f: design.colour: unknown field"),
            std::string::npos);
  EXPECT_NE(errorOf([] { parseCaseJson(R"({"schema": "tantalus.case", "version": 4, "input": {"path": "x"}})", "f"); })
                .find("this build reads versions 1 to 3"),
            std::string::npos);
}

TEST(CaseOverrides, AreCheckedByTheSameRulesAndNameTheOption) {
  CaseFile c = pipeline::newCase("ct");
  const CaseFile o = withOverrides(c, {{"segmentation.metal_hu", "3100", "--metal-hu"},
                                       {"segmentation.seed_lps", "[1,2,3]", "--seed"},
                                       {"segmentation.components", "\"seed\"", "--seed"},
                                       {"import.allow_gaps", "true", "--allow-gaps"}});
  EXPECT_EQ(o.segmentation.metalHu, 3100);
  EXPECT_EQ(o.segmentation.seedLps, (std::array<double, 3>{1, 2, 3}));
  EXPECT_TRUE(o.ctImport.allowGaps);
  c.segmentation.metalHu = 3100;
  c.segmentation.seedLps = std::array<double, 3>{1, 2, 3};
  c.segmentation.components = "seed";
  c.ctImport.allowGaps = true;
  EXPECT_EQ(o, c) << "nothing else changed";

  EXPECT_EQ(errorOf([&] { withOverrides(c, {{"segmentation.metal_hu", "\"lots\"", "--metal-hu"}}); }),
            "--metal-hu: expected a whole number, found \"lots\" — write an integer");
  EXPECT_NE(errorOf([&] { withOverrides(c, {{"segmentation.margin_mm", "50", "--margin-mm"}}); }).find("--margin-mm: metal margin"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { withOverrides(c, {{"segmentation.nonesuch", "1", "--x"}}); }).find("--x: unknown field"), std::string::npos);
  // A range error names the option that caused it, not every option of the section.
  EXPECT_EQ(errorOf([&] {
              withOverrides(c, {{"segmentation.metal_hu", "3000", "--metal-hu"}, {"segmentation.smoothing_iterations", "600", "--smooth"}});
            }).rfind("--smooth: smoothing iterations", 0),
            0u);
  EXPECT_NE(errorOf([&] { withOverrides(c, {{"segmentation.metal_hu", "{", "--metal-hu"}}); }).find("--metal-hu: '{' is not a value"),
            std::string::npos);
}

TEST(CaseSetup, ACaseFileResolvesItsRelativeInputAndTheCommandLineWins) {
  const fs::path dir = test::scratchDir("case-setup");
  const fs::path file = dir / "p.tantalus.json";
  std::ofstream(file) << R"({"schema": "tantalus.case", "version": 2, "input": {"path": "ct"}, "segmentation": {"metal_hu": 2800}})";
  const pipeline::ResolvedCase r = pipeline::resolveCase({file, {}, {{"segmentation.margin_mm", "2.5", "--margin-mm"}}});
  EXPECT_EQ(r.caseDir, dir);
  EXPECT_EQ(r.caseFile.inputPath, "ct");
  EXPECT_EQ(r.caseFile.segmentation.metalHu, 2800);
  EXPECT_EQ(r.caseFile.segmentation.marginMm, 2.5);
  const pipeline::ResolvedCase withCt = pipeline::resolveCase({file, dir / "other", {}});
  EXPECT_EQ(withCt.caseFile.inputPath, (dir / "other").string());
  EXPECT_NE(errorOf([] { pipeline::resolveCase({}); }).find("no CT given"), std::string::npos);
}

TEST(CaseSetup, APresetIsJudgedByItsOwnWindowNotTheStaleOneInTheFile) {
  const fs::path dir = test::scratchDir("case-preset");
  const fs::path file = dir / "p.tantalus.json";
  std::ofstream(file) << R"({"schema": "tantalus.case", "version": 2, "input": {"path": "ct"},
    "segmentation": {"preset": "custom", "hu_min": 1000, "hu_max": 2000, "metal_hu": 2500}})";
  // spongy-bone is 148..661 HU: metal at 800 is above it, though not above the file's stale 1000.
  const auto r = pipeline::resolveCase({file, {}, {{"segmentation.preset", "\"spongy-bone\"", "--preset"},
                                                   {"segmentation.metal_hu", "800", "--metal-hu"}}});
  EXPECT_EQ(r.caseFile.segmentation.metalHu, 800);
  // compact-bone is 662..1988 HU: metal at 500 is below it, refused now, naming the options.
  const std::string e = errorOf([&] {
    pipeline::resolveCase({file, {}, {{"segmentation.preset", "\"compact-bone\"", "--preset"},
                                      {"segmentation.metal_hu", "500", "--metal-hu"}}});
  });
  EXPECT_EQ(e.rfind("--preset, --metal-hu: metal threshold 500 HU is not above", 0), 0u) << e;
}
