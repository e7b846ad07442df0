// The guides step on the real sample CT (../shared/data, 3 mm voxels): a guide for a plane
// through the right ilium above the acetabulum (examples/sample-ilium-guide.tantalus.json)
// is one closed part by admesh, seated at its clearance, its slot in the plane.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "guide_measure.h"
#include "support/admesh_check.h"
#include "support/test_support.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/guides/resection.h"
#include "tantalus/pipeline/pipeline.h"

namespace fs = std::filesystem;
using namespace tantalus;
using nlohmann::json;

TEST(GuidesSample, AGuideThroughTheIliumIsOneClosedPartOnTheBone) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const fs::path file = test::sourceDir() / "examples" / "sample-ilium-guide.tantalus.json";
  const CaseFile c = loadCaseFile(file);
  ASSERT_EQ(c.guides.planes.size(), 1u);
  const fs::path out = test::scratchDir("guides-sample") / "out";
  pipeline::Pipeline(c, file.parent_path(), out).run("guides", Progress::none());
  const json g = json::parse(std::ifstream(out / "guides.json"));
  test::expectAdmeshClean(out / "guide_1.stl");
  const Mesh guide = readStl(out / "guide_1.stl"), bone = readStl(out / "bone.stl");
  const guides::Plane plane = guides::Plane::of(c.guides.planes[0]);
  const json& g1 = g["guides"][0];
  const Eigen::Vector3d insertion(g1["insertion"][0].get<double>(), g1["insertion"][1].get<double>(), g1["insertion"][2].get<double>());
  const double share = test::shareAtClearance(guide, bone, insertion, plane.point, plane.normal, c.guides.clearanceMm, 0.2);
  test::recordFigure("guides.sample.share_at_clearance", share);
  EXPECT_GE(share, 0.9);
  const auto fit = test::fitSlotWalls(guide, plane.point, plane.normal);
  for (int w = 0; w < 2; ++w) EXPECT_LE(fit.angleDeg[w], 0.5) << fit.wallFaces[w] << " faces, offset " << fit.offsetMm[w];
  EXPECT_GE(g1["seating"]["contact_area_mm2"].get<double>(), 1000);
  EXPECT_EQ(g1["seating"]["undercut_points"].get<int>(), 0);
  EXPECT_EQ(g1["seating"]["penetrating_points"].get<int>(), 0);
  EXPECT_EQ(g1["label"].get<std::string>().substr(0, 2), "R1");  // the patient's right ilium
  // The piece removed: closed, the plane's cut on it; the bones beyond it that no cut meets left out.
  const Mesh piece = readStl(out / "resection.stl");
  EXPECT_TRUE(analyseTopology(weldVertices(piece)).watertight());
  EXPECT_GT(g["planes"][0]["cut_area_mm2"].get<double>(), 300);
  EXPECT_GT(g["resection"]["whole_bones_left"].get<int>(), 0);
}
