#include <gtest/gtest.h>

#include "support/test_support.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"

using namespace tantalus;

namespace {
std::string minimal(const std::string& extra = "") {
  return R"({"schema": "tantalus.case", "version": 1, "input": {"path": "ct/"})" + extra + "}";
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
  const CaseFile d = parseCaseJson(toCaseJson(c), "x.tantalus.json");
  EXPECT_EQ(toCaseJson(c), toCaseJson(d));
  EXPECT_EQ(d.segmentation.seedLps->at(2), 3.5);
  EXPECT_EQ(*d.lattice.voxelUm, 50);
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
  // Every error names the file.
  EXPECT_EQ(errorOf(minimal(R"(, "lattice": {"pore_um": 0})")).rfind("p.tantalus.json", 0), 0u);
}
