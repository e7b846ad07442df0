// Background jobs on the phantom: the steps run off the calling thread, the
// products and warnings come back through `post`, a cancel stops within a second,
// and the plan's read-outs say what the plan says.
#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

#include "gui/model/job_runner.h"
#include "gui/model/plan_readout.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/pipeline/case_setup.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;

namespace {
// The UI thread's queue, drained by the test.
struct Queue {
  std::mutex m;
  std::deque<std::function<void()>> q;
  JobRunner::Post post() {
    return [this](std::function<void()> f) {
      std::lock_guard l(m);
      q.push_back(std::move(f));
    };
  }
  bool drainOne() {
    std::function<void()> f;
    {
      std::lock_guard l(m);
      if (q.empty()) return false;
      f = std::move(q.front());
      q.pop_front();
    }
    f();
    return true;
  }
};

JobRequest request(const std::string& target, const fs::path& work) {
  JobRequest r;
  r.title = target;
  r.caseFile = pipeline::newCase(test::cachedPhantom("design-default", {}) / "dicom");
  r.workDir = work;
  r.target = target;
  return r;
}

JobResult runThrough(Queue& q, JobRunner& runner, JobRequest req, int* progressCalls = nullptr) {
  std::optional<JobResult> done;
  const std::thread::id ui = std::this_thread::get_id();
  EXPECT_TRUE(runner.start(
      std::move(req), [&](double, const std::string&) { if (progressCalls) ++*progressCalls; EXPECT_EQ(std::this_thread::get_id(), ui); },
      [&](const JobResult& r) { done = r; }));
  EXPECT_TRUE(runner.busy());
  while (!done) {
    if (!q.drainOne()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_FALSE(runner.busy());
  return *done;
}
}  // namespace

TEST(JobRunner, APlanJobBringsBackEveryProductAndAReopenedCaseReadsThemBack) {
  Queue q;
  JobRunner runner(q.post());
  const fs::path work = test::scratchDir("job") / "work";
  int calls = 0;
  const JobResult r = runThrough(q, runner, request("plan", work), &calls);
  ASSERT_EQ(r.status, JobResult::Status::done) << r.error;
  EXPECT_GT(calls, 2);
  ASSERT_TRUE(r.products.imported && r.products.segmented && r.products.planned);
  EXPECT_GT(r.products.segmented->bone.count(), 1000u);
  EXPECT_NEAR(r.products.boneMl, double(r.products.segmented->bone.count()) * r.products.segmented->bone.geometry.voxelVolumeMm3() / 1000, 1e-9);
  EXPECT_FALSE(r.products.segmented->boneMesh.empty());
  // The histogram counts every voxel.
  double voxels = 0;
  for (double c : r.products.histogram->counts) voxels += c;
  EXPECT_EQ(voxels, double(r.products.imported->volume.geometry.voxelCount()));
  EXPECT_FALSE(r.products.stale("plan", request("plan", work).caseFile));
  const PlanReadout pr = planReadout(*r.products.planned);
  EXPECT_NE(pr.cup.find(oneDecimal(r.products.planned->cup.outerDiameterMm) + " mm cup"), std::string::npos) << pr.cup;
  EXPECT_EQ(pr.screws.size(), r.products.planned->screws.size());
  EXPECT_NE(pr.native.find("(the right acetabulum mirrored): (" + oneDecimal(r.products.planned->native.mirroredLps.x())), std::string::npos)
      << pr.native;  // the phantom's revised hip is the left
  EXPECT_NE(pr.symmetry.find(oneDecimal(r.products.planned->anatomy.symmetry.residualMm) + " mm rms"), std::string::npos) << pr.symmetry;
  EXPECT_FALSE(r.choices.empty());  // the side the plan chose

  // Opening the case again ("latest"): everything current is loaded back, not rerun;
  // the plan (no loader) runs again, for display.
  const JobResult again = runThrough(q, runner, request("latest", work));
  ASSERT_EQ(again.status, JobResult::Status::done) << again.error;
  ASSERT_EQ(again.steps.size(), 3u);
  EXPECT_TRUE(again.products.segmented && again.products.planned);
  EXPECT_EQ(again.products.segmented->bone.count(), r.products.segmented->bone.count());
  EXPECT_EQ(again.products.segmented->implantMesh.faceCount(), r.products.segmented->implantMesh.faceCount());
  EXPECT_GT(again.products.segmented->implantMesh.faceCount(), 1000u);
  EXPECT_NEAR((again.products.planned->cup.centreLps - r.products.planned->cup.centreLps).norm(), 0, 1e-3);  // the bone read back from its files

  // A changed plan parameter makes the plan (only) stale.
  CaseFile edited = request("plan", work).caseFile;
  edited.plan.inclinationDeg = 50;
  EXPECT_TRUE(r.products.stale("plan", edited));
  EXPECT_FALSE(r.products.stale("segment", edited));
}

TEST(JobRunner, ACancelledJobStopsWithinASecondAndKeepsThePreviousProducts) {
  Queue q;
  JobRunner runner(q.post());
  JobRequest req = request("segment", test::scratchDir("job-cancel") / "work");
  req.force = true;
  req.previous.workDir = "kept";
  std::optional<JobResult> done;
  ASSERT_TRUE(runner.start(req, [](double, const std::string&) {}, [&](const JobResult& r) { done = r; }));
  EXPECT_FALSE(runner.start(req, {}, {}));  // one job at a time
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto t0 = std::chrono::steady_clock::now();
  runner.cancel();
  runner.join();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  while (q.drainOne()) {
  }
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->status, JobResult::Status::cancelled);
  EXPECT_LT(s, 1.0);
  EXPECT_EQ(done->products.workDir, "kept");
}

TEST(JobRunner, AFailureComesBackAsTheErrorAndItsFix) {
  JobRequest req;
  req.caseFile = pipeline::newCase(test::scratchDir("job-fail") / "missing.nii.gz");
  req.workDir = test::scratchDir("job-fail") / "work";
  req.target = "segment";
  const JobResult r = runJob(req, Progress::none());
  EXPECT_EQ(r.status, JobResult::Status::failed);
  EXPECT_NE(r.error.find("missing.nii.gz"), std::string::npos) << r.error;
  EXPECT_FALSE(r.hint.empty());
}
