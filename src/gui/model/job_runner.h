#pragma once
// Background jobs: the pipeline's steps run on a worker thread with progress, cancel
// and the steps' structured warnings; everything the UI sees is handed back through
// `post`, which runs a function on the UI thread (the Qt adapter queues it on the
// event loop; tests run it in place or queue it themselves). One job at a time.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gui/model/products.h"
#include "tantalus/core/case_file.h"
#include "tantalus/pipeline/export_outputs.h"
#include "tantalus/pipeline/pipeline.h"
#include "tantalus/pipeline/warning.h"

namespace tantalus::gui {

struct JobResult;

struct JobRequest {
  std::string title;                 // "Segmentation", shown with the progress bar
  std::uint64_t tag = 0;             // the caller's: which document the result belongs to
  CaseFile caseFile;
  std::filesystem::path caseDir, workDir;
  // "import" | "segment" | "plan" | "design": run up to it; "latest": the furthest
  // step already up to date in the work folder (at least the import), for opening a case.
  std::string target;
  bool force = false;
  std::filesystem::path exportTo;    // set: copy the design's files there afterwards
  Products previous;                 // kept where the run does not replace them
  // Run on the worker after a job that succeeded, before its result is posted (the
  // window builds its display meshes there); an Error in it fails the job.
  std::function<void(const JobResult&, const Progress&)> onWorker;
};

struct JobResult {
  enum class Status { done, cancelled, failed } status = Status::done;
  std::string title, error, hint;     // failed: the Error's message and its fix
  std::uint64_t tag = 0;              // the request's
  Products products;
  std::vector<pipeline::Warning> warnings;
  std::vector<pipeline::StepOutcome> steps;
  std::vector<CaseChoice> choices;    // what the steps decided (written back to the case)
  std::optional<pipeline::ExportResult> exported;
  double seconds = 0;
};

class JobRunner {
public:
  using Post = std::function<void(std::function<void()>)>;
  using OnProgress = std::function<void(double fraction, const std::string& message)>;
  using OnDone = std::function<void(const JobResult&)>;

  explicit JobRunner(Post post);
  ~JobRunner();  // cancels and joins a running job
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // False (nothing started) while a job runs.
  bool start(JobRequest request, OnProgress onProgress, OnDone onDone);
  void cancel();
  bool busy() const;
  void join();  // waits for the worker (the UI-thread callbacks may still be queued)
  // Cancels, waits, and is free for a new job at once; the old job's result still
  // arrives (its request's tag tells the caller it is stale).
  void cancelAndWait();

private:
  Post post_;
  std::thread worker_;
  std::shared_ptr<Progress> progress_;
  mutable std::mutex mutex_;
  bool busy_ = false;
  std::uint64_t currentJob_ = 0;  // the job busy_ is about
};

// The job's work itself, on the calling thread (what the worker runs; tests call it).
JobResult runJob(const JobRequest& request, const Progress& progress);

}  // namespace tantalus::gui
