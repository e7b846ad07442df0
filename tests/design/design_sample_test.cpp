// The real sample (../shared/data, 3 mm voxels, not a planning-grade scan) run through
// make demo's script from the example case, whose acetabula and landmarks were entered by hand
// (examples/totalsegmentator-example.tantalus.json): the plan says they were entered
// and how far the bone's own sphere lies; both lattice bodies are single closed shells
// by admesh, the machined body lies inside the print body, no powder is trapped and
// the porous layer measures 80 ± 1 %.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/test_support.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/pipeline/pipeline.h"

namespace fs = std::filesystem;
using namespace tantalus;
using nlohmann::json;

namespace {

json readJson(const fs::path& p) { return json::parse(std::ifstream(p)); }

fs::path exampleCase() { return test::sourceDir() / "examples" / "totalsegmentator-example.tantalus.json"; }

int admeshField(const std::string& out, const std::string& label) {
  std::smatch m;
  const std::regex re(label + R"(\s*:\s*(\d+))");
  return std::regex_search(out, m, re) ? std::stoi(m[1]) : -1;
}

// The first warning holding `what`, or "".
std::string warningWith(const json& warnings, const std::string& what) {
  for (const auto& w : warnings)
    if (w.get<std::string>().find(what) != std::string::npos) return w.get<std::string>();
  return {};
}

}  // namespace

TEST(DesignSample, TheThreeMillimetreSampleWithItsHipsEnteredIsDesignedPrintable) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const CaseFile c = loadCaseFile(exampleCase());
  ASSERT_TRUE(c.plan.hips.has_value());
  ASSERT_EQ(c.design.porousFill, "lattice");
  // make demo CASE=examples/totalsegmentator-example.tantalus.json, as a user runs it.
  const fs::path run = test::scratchDir("design-sample") / "demo";
  const auto demo = test::runShell("bash " + (test::sourceDir() / "scripts" / "demo.sh").string() + " " +
                                   test::cliPath().parent_path().string() + " " + run.string() + " '' " + exampleCase().string());
  ASSERT_EQ(demo.exitCode, 0) << demo.out;
  EXPECT_NE(demo.out.find("printable: yes"), std::string::npos) << demo.out;
  const fs::path out = run / "segment";
  EXPECT_TRUE(fs::exists(run / "report.md"));
  const json report = readJson(out / "report.json"), design = readJson(out / "design.json");
  SCOPED_TRACE(out.string());
  // The case the run wrote beside its outputs names the CT by an absolute path: it runs from there.
  const CaseFile written = loadCaseFile(out / "case.tantalus.json");
  EXPECT_TRUE(fs::path(written.inputPath).is_absolute()) << written.inputPath;
  EXPECT_TRUE(fs::exists(written.inputPath)) << written.inputPath;
  EXPECT_TRUE(written.plan.hips == c.plan.hips);

  // The plan: the left hip (fixation hardware in its femur), on the entered acetabula;
  // each entry within 5 mm of the bone's own nearest concave sphere.
  EXPECT_EQ(report.at("affected_side").get<std::string>(), "left") << report.at("side_reason").dump();
  for (const char* side : {"right", "left"}) {
    const std::string w = warningWith(report.at("warnings"), std::string("the ") + side + " acetabulum is as entered");
    ASSERT_FALSE(w.empty()) << side << ": " << report.at("warnings").dump();
    std::smatch m;
    ASSERT_TRUE(std::regex_search(w, m, std::regex(R"(nearest concave sphere lies ([0-9.]+) mm from it)"))) << w;
    EXPECT_LT(std::stod(m[1]), 5.0) << w;
  }
  // No screw found 15 mm of bone in this coarse mask: the design says the cup has no fixation.
  EXPECT_FALSE(warningWith(design.at("warnings"), "found bone for none").empty()) << design.at("warnings").dump();

  // The seat: the 28/44 liner's diameter, centred on the plan's centre.
  const json& m = design.at("measured");
  EXPECT_NEAR(m.at("seat_diameter_mm").get<double>(), 44.05, 0.02);
  EXPECT_LT(m.at("seat_centre_from_plan_mm").get<double>(), 0.5);
  EXPECT_EQ(m.at("machined_vertices_outside_print").get<int>(), 0);

  const json& layer = design.at("porous_layer");
  // tantalus check (run by the demo) estimates the porous surface from the mesh alone
  // (faces on struts); design.json measures it inside the zone. The check's figure is a
  // lower bound: strut roots fused into the solid read thick (0.78 of the design's here).
  const double checkMm2 = readJson(out / "check_print.json").at("porous_surface_mm2").at("estimate").get<double>();
  const double designMm2 = layer.at("print_body").at("porous_surface_mm2").get<double>();
  test::recordFigure("sample_porous_surface_check_over_design", checkMm2 / designMm2);
  EXPECT_GT(checkMm2 / designMm2, 0.6) << checkMm2 << " / " << designMm2;
  EXPECT_LT(checkMm2 / designMm2, 1.05) << checkMm2 << " / " << designMm2;
  for (const char* body : {"print", "machined"}) {
    const json& b = layer.at(std::string(body) + "_body");
    EXPECT_NEAR(b.at("porosity_measured").get<double>(), 0.80, 0.01) << body;
    EXPECT_EQ(b.at("lattice_bodies").get<int>(), 1) << body;
    EXPECT_TRUE(b.at("read_back").at("closed_single_shell").get<bool>()) << body << ": " << b.at("read_back").dump();
    // No trapped powder: no cavity left, and what was filled at read-back is under a pore.
    EXPECT_EQ(b.at("read_back").at("pieces").get<int>(), 1) << body;
    EXPECT_LT(b.at("read_back").at("largest_cavity_filled_mm").get<double>(), 0.6) << body;
    const fs::path stl = out / (std::string("implant_") + body + ".stl");
    const auto r = test::runShell("admesh " + stl.string());
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(admeshField(r.out, "Number of parts"), 1) << body;
    for (const char* f : {"Degenerate facets", "Edges fixed", "Facets removed", "Facets added", "Facets reversed", "Backwards edges"})
      EXPECT_EQ(admeshField(r.out, f), 0) << body << ": " << f;
  }
  // The solid bodies (no lattice) from the same case: one shell each, machined inside printed.
  CaseFile solid = c;
  solid.design.porousFill = "solid";
  const fs::path out2 = test::scratchDir("design-sample-solid") / "out";
  pipeline::Pipeline(solid, exampleCase().parent_path(), out2).run("design", Progress::none());
  const Mesh print = readStl(out2 / "implant_print.stl"), machined = readStl(out2 / "implant_machined.stl");
  EXPECT_EQ(check::containment(machined, print, 1e-3).verticesOutside, 0u);
  for (const auto* mesh : {&print, &machined}) {
    const check::MeshCheck mc = check::checkMesh(*mesh, "sample body", {});
    EXPECT_EQ(mc.shells.bodyVolumesMm3.size(), 1u);
    EXPECT_TRUE(mc.shells.voidVolumesMm3.empty());
  }
}

TEST(DesignSample, AnEnteredAcetabulumNoBoneFacesIsRefusedNamingTheField) {
  TANTALUS_REQUIRE_SHARED_DATA();
  CaseFile c = loadCaseFile(exampleCase());
  c.plan.hips->right.centre = {-78.5, -138.8, 60.0};  // 66 mm low: below the scan, in no bone
  const fs::path out = test::scratchDir("design-sample-bad") / "out";
  try {
    pipeline::Pipeline(c, exampleCase().parent_path(), out).run("plan", Progress::none());
    FAIL() << "planned on an acetabulum in no bone";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no bone surface faces the entered right acetabulum"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
    EXPECT_EQ(e.where(), "plan.hips.right");
  }
  EXPECT_FALSE(fs::exists(out / "report.json"));
}
