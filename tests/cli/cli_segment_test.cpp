// End to end through the CLI: phantom -> segment, checked by an independent tool.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/core/stl_io.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {
// admesh's verdict on an STL: parts, and counts it had to fix (must be 0).
struct AdmeshReport {
  int parts = -1, edgesFixed = -1, facetsReversed = -1, backwardsEdges = -1, degenerate = -1;
  double volume = 0;
};
AdmeshReport admesh(const fs::path& stl) {
  const auto r = test::runShell("admesh " + stl.string());
  AdmeshReport a;
  std::istringstream s(r.out);
  std::string line;
  auto grab = [&](const std::string& key, int& v) {
    if (line.rfind(key, 0) == 0) v = std::stoi(line.substr(line.find(':') + 1));
  };
  while (std::getline(s, line)) {
    grab("Number of parts", a.parts);
    grab("Edges fixed", a.edgesFixed);
    grab("Facets reversed", a.facetsReversed);
    grab("Backwards edges", a.backwardsEdges);
    grab("Degenerate facets", a.degenerate);
    if (line.rfind("Number of parts", 0) == 0) a.volume = std::stod(line.substr(line.rfind(':') + 1));
  }
  return a;
}
}  // namespace

TEST(CliSegment, PhantomEndToEndWritesCheckedOutputs) {
  const fs::path dir = test::cachedPhantom("small", test::smallPhantomOptions());
  const fs::path out = test::scratchDir("cli-seg") / "out";
  const auto r = test::runCli("segment " + (dir / "dicom").string() + " -o " + out.string() + " --margin-mm 1.5");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const char* f : {"bone.stl", "implant.stl", "bone_mask.nii.gz", "implant_mask.nii.gz", "segment.json", "steps.json"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 6) << "no staging leftovers";
  const auto j = nlohmann::json::parse(std::ifstream(out / "segment.json"));
  EXPECT_EQ(j["thresholds"]["bone_hu_min"], 226);
  EXPECT_EQ(j["thresholds"]["metal_hu"], 2500);
  EXPECT_EQ(j["thresholds"]["margin_mm"], 1.5);
  const auto truth = nlohmann::json::parse(std::ifstream(dir / "truth.json"));
  EXPECT_NEAR(j["implant"]["volume_ml"].get<double>() / (truth["metal_volume_mm3"].get<double>() / 1000), 1.0, 0.05);
  EXPECT_GT(j["timing_s"]["total"].get<double>(), 0);
  // No patient data anywhere in the outputs.
  for (const char* f : {"segment.json", "bone.stl", "implant.stl", "steps.json"}) {
    std::ifstream in(out / f, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find("PHANTOM^REVISION"), std::string::npos) << f;
    EXPECT_EQ(text.find("TANTALUS-PHANTOM"), std::string::npos) << f;
  }
  // An independent checker agrees the meshes are closed and consistently oriented.
  for (const char* f : {"bone.stl", "implant.stl"}) {
    const AdmeshReport a = admesh(out / f);
    EXPECT_GE(a.parts, 1) << f;
    EXPECT_EQ(a.edgesFixed, 0) << f;
    EXPECT_EQ(a.facetsReversed, 0) << f;
    EXPECT_EQ(a.backwardsEdges, 0) << f;
    EXPECT_EQ(a.degenerate, 0) << f;
    EXPECT_GT(a.volume, 0) << f;
  }
  EXPECT_EQ(admesh(out / "implant.stl").parts, 2);  // cup shell and head
}

TEST(CliSegment, SharedNiftiSampleMetalVolumeAndAdmeshClean) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const fs::path out = test::scratchDir("cli-seg-nii") / "out";
  const auto r = test::runCli("segment " + (test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").string() +
                              " -o " + out.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(std::ifstream(out / "segment.json"));
  const double metal = j["implant"]["volume_ml"].get<double>();
  EXPECT_GE(metal, 11.0);
  EXPECT_LE(metal, 12.5);
  for (const char* f : {"bone.stl", "implant.stl"}) {
    const AdmeshReport a = admesh(out / f);
    EXPECT_EQ(a.edgesFixed, 0) << f;
    EXPECT_EQ(a.facetsReversed, 0) << f;
    EXPECT_EQ(a.backwardsEdges, 0) << f;
  }
}

TEST(CliCase, NewValidateAndSegmentFromACaseFile) {
  const fs::path dir = test::cachedPhantom("small", test::smallPhantomOptions());
  const fs::path root = test::scratchDir("cli-case");
  const fs::path cf = root / "p.tantalus.json";
  auto r = test::runCli("case new " + (dir / "dicom").string() + " -o " + cf.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(test::runCli("case validate " + cf.string()).exitCode, 0);
  // Edit it as a user would: a custom window and a wider margin.
  auto j = nlohmann::json::parse(std::ifstream(cf));
  j["segmentation"]["preset"] = "custom";
  j["segmentation"]["hu_min"] = 400;
  j["segmentation"]["margin_mm"] = 2.0;
  std::ofstream(cf) << j.dump(2);
  r = test::runCli("segment --case " + cf.string() + " -o " + (root / "out").string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto s = nlohmann::json::parse(std::ifstream(root / "out" / "segment.json"));
  EXPECT_EQ(s["thresholds"]["bone_hu_min"], 400);
  EXPECT_EQ(s["thresholds"]["margin_mm"], 2.0);
  // A broken field is named.
  j["segmentation"]["metal_hu"] = "lots";
  std::ofstream(cf) << j.dump(2);
  r = test::runCli("case validate " + cf.string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("segmentation.metal_hu: expected a whole number"), std::string::npos) << r.err;
}
