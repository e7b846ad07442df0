// The standard steps (import, segment) on phantoms: reuse, invalidation by a
// parameter and by the CT files, structured warnings, and cancel within 0.5 s.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/pipeline/case_setup.h"
#include "tantalus/pipeline/pipeline.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::pipeline;

namespace {
double implantMl(const fs::path& out) {
  return nlohmann::json::parse(std::ifstream(out / "segment.json"))["implant"]["volume_ml"].get<double>();
}
}  // namespace

TEST(PipelinePhantom, SegmentIsReusedUntilAParameterOrTheCtChanges) {
  const fs::path ph = test::cachedPhantom("small", test::smallPhantomOptions());
  const fs::path ct = test::scratchDir("pipe-ct") / "dicom";
  fs::copy(ph / "dicom", ct);  // a copy: the test touches a file
  const fs::path out = test::scratchDir("pipe") / "out";
  CaseFile c = newCase(ct);

  auto first = Pipeline(c, {}, out).run("segment", Progress::none());
  ASSERT_EQ(first.size(), 2u);
  EXPECT_FALSE(first[0].reused);
  EXPECT_FALSE(first[1].reused);
  const double ml2500 = implantMl(out);
  const auto truth = nlohmann::json::parse(std::ifstream(ph / "truth.json"));
  EXPECT_NEAR(ml2500 / (truth["metal_volume_mm3"].get<double>() / 1000), 1.0, 0.05);
  // The series choice is an info, structured, from the import step, naming the CT.
  ASSERT_FALSE(first[0].record.warnings.empty());
  EXPECT_EQ(first[0].record.warnings[0].severity, Severity::info);
  EXPECT_EQ(first[0].record.warnings[0].step, "import");
  EXPECT_EQ(first[0].record.warnings[0].where, ct.string());
  const auto stamp = fs::last_write_time(out / "bone.stl");

  const auto second = Pipeline(c, {}, out).run("segment", Progress::none());
  EXPECT_TRUE(second[0].reused);
  EXPECT_TRUE(second[1].reused);
  EXPECT_EQ(fs::last_write_time(out / "bone.stl"), stamp);
  EXPECT_EQ(second[1].record.summary, first[1].record.summary);

  // A higher metal threshold: segment reruns and the implant shrinks (5000 HU metal,
  // partial-volume rim between 2500 and 4000 HU).
  c.segmentation.metalHu = 4000;
  const auto third = Pipeline(c, {}, out).run("segment", Progress::none());
  EXPECT_EQ(third[1].reason, "segmentation changed");
  EXPECT_LT(implantMl(out), ml2500 * 0.99);
  EXPECT_GT(implantMl(out), ml2500 * 0.70);

  // A CT file rewritten (same content, new time): import and segment are stale.
  const fs::path someFile = fs::directory_iterator(ct)->path();
  fs::last_write_time(someFile, fs::last_write_time(someFile) + std::chrono::seconds(5));
  const auto st = Pipeline(c, {}, out).status("segment");
  EXPECT_EQ(st[0].reason, "ct files changed");
  EXPECT_EQ(st[1].reason, "step import changed");

  // Given one DICOM file, the import gathers its series from the folder: a sibling
  // file counts too.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(ct)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CaseFile one = c;
  one.inputPath = files.front().string();
  const fs::path outOne = test::scratchDir("pipe-one") / "out";
  Pipeline(one, {}, outOne).run("segment", Progress::none());
  EXPECT_TRUE(Pipeline(one, {}, outOne).status("segment")[0].upToDate);
  fs::last_write_time(files.back(), fs::last_write_time(files.back()) + std::chrono::seconds(5));
  EXPECT_EQ(Pipeline(one, {}, outOne).status("segment")[0].reason, "ct files changed");
}

TEST(PipelinePhantom, CancelIsHonouredWithinHalfASecondAndLeavesNoOutput) {
  io::PhantomOptions o = test::smallPhantomOptions();
  o.matrix = 384;
  o.pixelMm = 1.07;
  o.slices = 120;
  o.sliceMm = 2.0;
  const fs::path ph = test::cachedPhantom("cancel-medium", o);
  for (const double at : {0.02, 0.25, 0.5, 0.75}) {
    const fs::path out = test::scratchDir("pipe-cancel") / "out";
    std::chrono::steady_clock::time_point cancelledAt{};
    Progress progress;
    progress = Progress([&, at](double f, const std::string&) {
      if (f >= at && cancelledAt == std::chrono::steady_clock::time_point{}) {
        cancelledAt = std::chrono::steady_clock::now();
        progress.cancel();
      }
    });
    bool threw = false;
    try {
      Pipeline(newCase(ph / "dicom"), {}, out).run("segment", progress, true);
    } catch (const Cancelled&) {
      threw = true;
    }
    ASSERT_TRUE(threw) << "cancel at " << at;
    const double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count();
    EXPECT_LT(latency, 0.5) << "cancel at " << at;
    EXPECT_FALSE(fs::exists(out)) << "cancel at " << at;
    for (const auto& e : fs::directory_iterator(out.parent_path()))
      ADD_FAILURE() << "left behind: " << e.path();
    test::recordFigure("pipeline.cancel_latency_s_at_" + std::to_string(int(at * 100)), latency, "s");
  }
}
