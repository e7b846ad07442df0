#include <gtest/gtest.h>

#include "support/test_support.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"

#include <nlohmann/json.hpp>

using namespace tantalus;

namespace {
std::string minimal(const std::string& extra = "") {
  return R"({"schema": "tantalus.case", "version": 1, "input": {"path": "ct/"})" + extra + "}";
}
std::string minimal2(const std::string& extra) {
  return R"({"schema": "tantalus.case", "version": 2, "input": {"path": "ct/"})" + extra + "}";
}
std::string errorOf(const std::string& json) {
  try {
    parseCaseJson(json, "p.tantalus.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(CaseFile, MinimalFileGetsDefaults) {
  const CaseFile c = parseCaseJson(minimal(), "p.tantalus.json");
  EXPECT_EQ(c.inputPath, "ct/");
  EXPECT_EQ(c.segmentation.metalHu, 2500);
  EXPECT_DOUBLE_EQ(c.segmentation.marginMm, 1.0);
  EXPECT_DOUBLE_EQ(c.lattice.poreUm, 600);
  EXPECT_DOUBLE_EQ(c.lattice.porosity, 0.80);
}

TEST(CaseFile, RoundTripsEveryField) {
  CaseFile c;
  c.inputPath = "/data/ct";
  c.series = "1.2.3";
  c.segmentation.preset = "custom";
  c.segmentation.huMin = 300;
  c.segmentation.huMax = 2000;
  c.segmentation.metalHu = 2800;
  c.segmentation.marginMm = 1.5;
  c.segmentation.components = "seed";
  c.segmentation.seedLps = std::array<double, 3>{1, -2, 3.5};
  c.lattice.poreUm = 800;
  c.lattice.voxelUm = 50;
  c.notes = "left revision";
  c.segmentation.fillHoles = false;
  c.segmentation.smoothingIterations = 7;
  c.segmentation.decimate = 0.25;
  c.segmentation.minComponentMl = 0.3;
  c.lattice.porosity = 0.75;
  c.lattice.definition = "cell-sphere";
  c.lattice.skinMm = 0.5;
  c.plan.cupShift = {6, -4, 2.5};
  c.choices = {{"plan", "side", "left", "left — a cup shell (54.1 mm) at the left hip joint"}, {"import", "series", "1.2", "the only CT"}};
  const std::string text = toCaseJson(c);
  // Every field read back equals what was set (not toCaseJson compared with itself).
  const CaseFile d = parseCaseJson(text, "x.tantalus.json");
  EXPECT_TRUE(d == c);
  EXPECT_EQ(d.series, "1.2.3");
  EXPECT_EQ(d.segmentation.huMin, 300);
  EXPECT_FALSE(d.segmentation.fillHoles);
  EXPECT_EQ(d.segmentation.smoothingIterations, 7);
  EXPECT_EQ(d.segmentation.seedLps->at(2), 3.5);
  EXPECT_EQ(*d.lattice.voxelUm, 50);
  EXPECT_EQ(d.lattice.definition, "cell-sphere");
  ASSERT_EQ(d.choices.size(), 2u);
  EXPECT_EQ(d.choices[0].reason, "left — a cup shell (54.1 mm) at the left hip joint");
  EXPECT_EQ(d.choices[1].step, "import");
  // And the file says it under the documented keys (docs/case-file.md).
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("segmentation").at("hu_min"), 300);
  EXPECT_EQ(j.at("segmentation").at("metal_hu"), 2800);
  EXPECT_EQ(j.at("segmentation").at("seed_lps"), nlohmann::json::array({1, -2, 3.5}));
  EXPECT_EQ(j.at("lattice").at("pore_um"), 800);
  EXPECT_EQ(j.at("lattice").at("voxel_um"), 50);
  EXPECT_EQ(j.at("input").at("path"), "/data/ct");
  EXPECT_EQ(j.at("notes"), "left revision");
  EXPECT_EQ(j.at("plan").at("cup_shift_mm").at("lateral"), -4);
  EXPECT_EQ(j.at("choices").at(0).at("what"), "side");
  EXPECT_EQ(j.at("choices").at(0).at("value"), "left");
  // A field changed in the file changes the case.
  CaseFile e = c;
  e.segmentation.marginMm = 2.0;
  EXPECT_FALSE(e == c);
}

TEST(CaseFile, EachBadFieldIsNamedWithItsFix) {
  EXPECT_NE(errorOf(minimal(R"(, "segmentation": {"metal_hu": "high"})")).find("segmentation.metal_hu"), std::string::npos);
  EXPECT_NE(errorOf(minimal(R"(, "segmentation": {"margin_mm": -1})")).find("margin"), std::string::npos);
  EXPECT_NE(errorOf(minimal(R"(, "segmentation": {"preset": "custom", "hu_min": 500, "hu_max": 100})")).find("LO < HI"), std::string::npos);
  EXPECT_NE(errorOf(minimal(R"(, "segmentaton": {})")).find("segmentaton: unknown field"), std::string::npos);
  EXPECT_NE(errorOf(minimal(R"(, "lattice": {"porosity": 1.2})")).find("porosity"), std::string::npos);
  EXPECT_NE(errorOf(R"({"schema": "tantalus.case", "version": 7, "input": {"path": "x"}})").find("unsupported version 7"), std::string::npos);
  EXPECT_NE(errorOf(R"({"schema": "tantalus.case", "version": 1})").find("input.path: missing"), std::string::npos);
  EXPECT_NE(errorOf("{\"schema\": ").find("not valid JSON"), std::string::npos);
  EXPECT_NE(errorOf(minimal(R"(, "segmentation": {"seed_lps": [1, 2]})")).find("seed_lps"), std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "choices": {})")).find("choices: expected an array"), std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "choices": [{"step": "plan", "why": "x"}])")).find("choices[0].why: unknown field"), std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "choices": [{"value": 56}])")).find("choices[0].value: expected a string"), std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"cup_shift_mm": {"superior": 31}})")).find("plan.cup_shift_mm"), std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"cup_shift_mm": {"up": 3}})")).find("plan.cup_shift_mm.up: unknown field"), std::string::npos);
  // Every error names the file.
  EXPECT_EQ(errorOf(minimal(R"(, "lattice": {"pore_um": 0})")).rfind("p.tantalus.json", 0), 0u);
}

// plan.screw_targets: screws chosen by hand, read back as written (null: proposed,
// [] none); a bad point is named by its index.
TEST(CaseFile, ScrewTargetsRoundTripAndABadPointIsNamed) {
  CaseFile c;
  c.inputPath = "/data/ct";
  EXPECT_TRUE(nlohmann::json::parse(toCaseJson(c)).at("plan").at("screw_targets").is_null());
  c.plan.screwTargets = std::vector<std::array<double, 3>>{{60.5, -20, 110}, {70, 10.25, 130}};
  const CaseFile d = parseCaseJson(toCaseJson(c), "x.tantalus.json");
  ASSERT_TRUE(d.plan.screwTargets.has_value());
  EXPECT_TRUE(d == c);
  EXPECT_DOUBLE_EQ((*d.plan.screwTargets)[1][1], 10.25);
  c.plan.screwTargets->clear();
  EXPECT_TRUE(parseCaseJson(toCaseJson(c), "x.tantalus.json").plan.screwTargets->empty());
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"screw_targets": [[1, 2, 3], [1, 2]]})")).find("plan.screw_targets[1]: expected [x, y, z]"),
            std::string::npos);
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"screw_targets": {"a": 1}})")).find("plan.screw_targets: expected a list"), std::string::npos);
  std::string many;
  for (int i = 0; i < 13; ++i) many += std::string(i ? "," : "") + "[1, 2, 3]";
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"screw_targets": [)" + many + "]}")).find("at most 12 screws"), std::string::npos);
}

// plan.hips: both acetabula entered by hand, read back as written; each bad entry named.
TEST(CaseFile, EnteredHipsRoundTripAndEachBadEntryIsNamed) {
  CaseFile c;
  c.inputPath = "/data/ct";
  c.plan.hips = PlanHips{{{-78.5, -138.8, 125.8}, 50}, {{80.5, -141.8, 125.8}, 48}};
  const CaseFile d = parseCaseJson(toCaseJson(c), "x.tantalus.json");
  ASSERT_TRUE(d.plan.hips.has_value());
  EXPECT_TRUE(d == c);
  EXPECT_DOUBLE_EQ(d.plan.hips->left.diameterMm, 48);
  EXPECT_DOUBLE_EQ(d.plan.hips->right.centre[2], 125.8);
  EXPECT_EQ(nlohmann::json::parse(toCaseJson(c)).at("plan").at("hips").at("left").at("centre").at(0), 80.5);
  const auto hips = [](const std::string& right, const std::string& left) {
    return minimal2(R"(, "plan": {"hips": {"right": )" + right + R"(, "left": )" + left + "}}");
  };
  const std::string r = R"({"centre": [-78, -139, 126], "diameter_mm": 50})", l = R"({"centre": [80, -142, 126], "diameter_mm": 50})";
  EXPECT_EQ(errorOf(hips(r, l)), "");
  EXPECT_NE(errorOf(minimal2(R"(, "plan": {"hips": {"right": )" + r + "}}")).find("plan.hips.left: missing"), std::string::npos);
  EXPECT_NE(errorOf(hips(R"({"centre": [-78, -139, 126]})", l)).find("plan.hips.right.diameter_mm: missing"), std::string::npos);
  EXPECT_NE(errorOf(hips(R"({"centre": [-78, -139, 126], "diameter_mm": 50, "radius": 25})", l)).find("plan.hips.right.radius: unknown field"),
            std::string::npos);
  EXPECT_NE(errorOf(hips(R"({"centre": [-78, -139, 126], "diameter_mm": 90})", l)).find("plan.hips.right.diameter_mm: an acetabulum's diameter must be 36 to 72 mm"), std::string::npos);
  EXPECT_NE(errorOf(hips(l, r)).find("swap right and left"), std::string::npos);
  EXPECT_NE(errorOf(hips(r, R"({"centre": [-20, -142, 126], "diameter_mm": 50})")).find("58.1 mm apart (120 to 300 mm are accepted"), std::string::npos);
  EXPECT_NE(errorOf(hips(R"({"centre": [-78, -139], "diameter_mm": 50})", l)).find("plan.hips.right.centre"), std::string::npos);
}

// guides: planes as a point and a normal, or three points (made a unit normal); the
// section round-trips; each bad entry is named by its index and field.
TEST(CaseFile, GuidePlanesRoundTripAndEachBadEntryIsNamed) {
  CaseFile c;
  c.inputPath = "/data/ct";
  c.guides.planes = {{{-110, 15, 51.6}, {-0.6, 0, 0.8}}, {{-108, -6, 85}, {0, 1, 0}}};
  c.guides.lesion = "lesion.nii.gz";
  c.guides.marginMm = 12;
  c.guides.slotOpenSides = 3;
  const CaseFile d = parseCaseJson(toCaseJson(c), "x.tantalus.json");
  EXPECT_TRUE(d == c);
  const auto v3 = [](const std::string& guides) {
    return R"({"schema": "tantalus.case", "version": 3, "input": {"path": "ct/"}, "guides": )" + guides + "}";
  };
  // Three points counter-clockwise seen from the removed side: the normal points there, unit.
  const CaseFile t = parseCaseJson(v3(R"({"planes": [{"points": [[0, 0, 5], [10, 0, 5], [0, 10, 5]]}]})"), "t.tantalus.json");
  ASSERT_EQ(t.guides.planes.size(), 1u);
  EXPECT_DOUBLE_EQ(t.guides.planes[0].normal[2], 1.0);
  EXPECT_DOUBLE_EQ(t.guides.planes[0].point[2], 5.0);
  // A normal is made unit.
  EXPECT_DOUBLE_EQ(parseCaseJson(v3(R"({"planes": [{"point": [0, 0, 0], "normal": [0, 0, 3]}]})"), "n").guides.planes[0].normal[2], 1.0);
  const auto error = [&](const std::string& guides) { return errorOf(v3(guides)); };
  EXPECT_NE(error(R"({"planes": [{"point": [0, 0, 0], "normal": [0, 0, 1]}, {"point": [0, 0, 0], "normal": [0, 0, 0]}]})")
                .find("guides.planes[1]: normal: is zero"),
            std::string::npos)
      << error(R"({"planes": [{"point": [0, 0, 0], "normal": [0, 0, 1]}, {"point": [0, 0, 0], "normal": [0, 0, 0]}]})");
  EXPECT_NE(error(R"({"planes": [{"points": [[0, 0, 0], [1, 1, 1], [2, 2, 2]]}]})").find("lie on one line"), std::string::npos);
  EXPECT_NE(error(R"({"planes": [{"point": [0, 0, 0]}]})").find("normal: missing"), std::string::npos);
  EXPECT_NE(error(R"({"planes": [{"point": [0, 0, 0], "normal": [0, 0, 1], "tilt": 3}]})").find("tilt: unknown field"), std::string::npos);
  EXPECT_NE(error(R"({"margin_mm": -1})").find("guides.margin_mm"), std::string::npos);
  EXPECT_NE(error(R"({"slot_open_sides": 4})").find("slot_open_sides must be 1"), std::string::npos);
  EXPECT_NE(error(R"({"patch_radius_mm": 10, "slot_length_mm": 30})").find("longer than the patch"), std::string::npos);
  EXPECT_NE(error(R"({"thickness": 3})").find("guides.thickness: unknown field"), std::string::npos);
}

TEST(CaseFile, AThresholdLesionNeedsItsSeedAndNoMap) {
  const auto v3 = [](const std::string& guides) {
    return R"({"schema": "tantalus.case", "version": 3, "input": {"path": "ct/"}, "guides": )" + guides + "}";
  };
  const CaseFile c = parseCaseJson(v3(R"({"lesion_hu": [20, 80], "lesion_seed": [1, 2, 3]})"), "t");
  ASSERT_TRUE(c.guides.lesionHu.has_value());
  EXPECT_EQ((*c.guides.lesionHu)[1], 80);
  EXPECT_TRUE(parseCaseJson(toCaseJson(c), "t") == c);
  EXPECT_NE(errorOf(v3(R"({"lesion_hu": [20, 80]})")).find("guides.lesion_seed: a lesion threshold needs its seed"), std::string::npos);
  EXPECT_NE(errorOf(v3(R"({"lesion_seed": [1, 2, 3]})")).find("without a threshold"), std::string::npos);
  EXPECT_NE(errorOf(v3(R"({"lesion_hu": [80, 20], "lesion_seed": [1, 2, 3]})")).find("low to high"), std::string::npos);
  EXPECT_NE(errorOf(v3(R"({"lesion_hu": [20, 80], "lesion_seed": [1, 2, 3], "lesion": "m.nii.gz"})")).find("both a lesion map"),
            std::string::npos);
  EXPECT_NE(errorOf(v3(R"({"lesion_hu": [20.5, 80], "lesion_seed": [1, 2, 3]})")).find("expected [lo, hi] in whole HU"), std::string::npos);
}
