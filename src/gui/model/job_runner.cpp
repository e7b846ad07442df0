#include "gui/model/job_runner.h"

#include "gui/model/worker_priority.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::gui {

namespace {

// The furthest step whose record in the work folder is current, at least the import.
std::string latestCurrent(pipeline::Pipeline& p, const Progress& progress) {
  progress.check();
  std::string best = "import";
  for (const auto& s : p.status("design")) {
    if (!s.upToDate && s.step != "import") break;
    best = s.step;
  }
  return best;
}

void collect(JobResult& r, pipeline::Pipeline& p, const JobRequest& req) {
  auto& ctx = p.context();
  Products& out = r.products;
  out = req.previous;
  out.workDir = req.workDir;
  for (const auto& o : r.steps) out.madeFrom[o.step] = sectionsOf(o.step, req.caseFile);
  if (ctx.imported) {
    auto ct = std::make_shared<io::ImportResult>(std::move(*ctx.imported));
    out.histogram = std::make_shared<HuHistogram>(huHistogram(ct->volume));
    out.imported = std::move(ct);
  }
  if (ctx.segmented) {
    out.segmented = std::make_shared<segment::SegmentResult>(std::move(*ctx.segmented));
    const double ml = out.segmented->bone.geometry.voxelVolumeMm3() / 1000;
    out.boneMl = double(out.segmented->bone.count()) * ml;
    out.implantMl = double(out.segmented->implant.count()) * ml;
  }
  if (ctx.planned) out.planned = std::make_shared<plan::HipPlan>(std::move(*ctx.planned));
  for (const auto& o : r.steps) {
    if (o.step == "design") out.designed = fs::exists(req.workDir / "implant_print.stl");
    if (o.step == "guides") {
      out.guides = 0;
      while (out.guides < 8 && fs::exists(req.workDir / ("guide_" + std::to_string(out.guides + 1) + ".stl"))) ++out.guides;
      out.guidesSummary = o.record.summary;
    }
    for (const auto& w : o.record.warnings) r.warnings.push_back(w);
  }
  r.choices = ctx.caseFile.choices;
}
}  // namespace

JobResult runJob(const JobRequest& req, const Progress& progress) {
  JobResult r;
  r.title = req.title;
  r.tag = req.tag;
  const auto start = std::chrono::steady_clock::now();
  try {
    pipeline::Pipeline p(req.caseFile, req.caseDir, req.workDir);
    p.setKeepProducts(true);
    if (!req.exportTo.empty()) pipeline::checkExportFolder(req.workDir, req.exportTo);  // before the steps run
    const std::string target = req.target == "latest" ? latestCurrent(p, progress) : req.target;
    const Progress steps = req.exportTo.empty() ? progress : progress.sub(0, 0.9);
    r.steps = p.run(target, steps, req.force);
    collect(r, p, req);
    if (!req.exportTo.empty()) r.exported = pipeline::exportOutputs(req.workDir, req.exportTo, progress.sub(0.9, 1.0));
    if (req.onWorker) req.onWorker(r, progress);
  } catch (const Cancelled&) {
    r.status = JobResult::Status::cancelled;
  } catch (const Error& e) {
    r.status = JobResult::Status::failed;
    r.error = e.problem() + (e.where().empty() ? "" : " (" + e.where() + ")");
    r.hint = e.hint();
  } catch (const std::exception& e) {
    r.status = JobResult::Status::failed;
    r.error = e.what();
    r.hint = "this is a defect in Tantalus: please report it with the case file";
  }
  if (r.status != JobResult::Status::done) r.products = req.previous;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

JobRunner::JobRunner(Post post) : post_(std::move(post)) { startNicedThreadPool(); }

JobRunner::~JobRunner() {
  cancel();
  join();
}

bool JobRunner::start(JobRequest request, OnProgress onProgress, OnDone onDone) {
  std::lock_guard lock(mutex_);
  if (busy_) return false;
  if (worker_.joinable()) worker_.join();
  busy_ = true;
  const std::uint64_t id = ++currentJob_;
  // Progress reaches the UI at most every 50 ms (a step may report thousands of times).
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  auto post = post_;
  progress_ = std::make_shared<Progress>([post, onProgress, last](double f, const std::string& m) {
    const auto now = std::chrono::steady_clock::now();
    if (now - *last < std::chrono::milliseconds(50) && f < 1.0) return;
    *last = now;
    post([onProgress, f, m] { onProgress(f, m); });
  });
  worker_ = std::thread([this, id, req = std::move(request), onDone = std::move(onDone), progress = *progress_]() mutable {
    lowerThisThreadsPriority();
    auto result = std::make_shared<JobResult>(runJob(req, progress));
    // Not busy until the result is applied on the UI thread: no second job can start
    // from a state the first one's result is about to replace.
    post_([this, id, onDone, result] {
      {
        std::lock_guard lock(mutex_);
        if (id == currentJob_) busy_ = false;  // not a later job's flag
      }
      onDone(*result);
    });
  });
  return true;
}

void JobRunner::cancel() {
  std::lock_guard lock(mutex_);
  if (progress_) progress_->cancel();
}

bool JobRunner::busy() const {
  std::lock_guard lock(mutex_);
  return busy_;
}

void JobRunner::cancelAndWait() {
  cancel();
  join();
  std::lock_guard lock(mutex_);
  busy_ = false;
  ++currentJob_;  // the old job's queued result no longer clears anything
}

void JobRunner::join() {
  std::thread t;
  {
    std::lock_guard lock(mutex_);
    t = std::move(worker_);
  }
  if (t.joinable()) t.join();
}

}  // namespace tantalus::gui
