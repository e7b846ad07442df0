#pragma once
// The pipeline: the steps of a planning session, run from the case file into one
// output folder, each only when its inputs changed (step_ledger.h). The CLI and the
// GUI call this; neither holds any step's logic.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/pipeline/step.h"
#include "tantalus/pipeline/step_ledger.h"

namespace tantalus::pipeline {

struct StepStatus {
  std::string step;
  bool upToDate = false;
  std::string reason;  // why it must run: "never run here", "segmentation changed", "bone.stl is missing"
};

struct StepOutcome {
  std::string step;
  bool reused = false;  // up to date: nothing recomputed
  std::string reason;   // why it ran (empty when reused)
  StepRecord record;
};

class Pipeline {
public:
  // The standard steps (import, segment, plan, design, guides); `caseDir` resolves a relative input path.
  Pipeline(CaseFile c, std::filesystem::path caseDir, std::filesystem::path outDir);
  Pipeline(CaseFile c, std::filesystem::path caseDir, std::filesystem::path outDir,
           std::vector<std::unique_ptr<Step>> steps);  // custom steps (tests)
  ~Pipeline();

  // `target` and what it depends on, in running order.
  std::vector<StepStatus> status(const std::string& target) const;
  // Runs what is stale up to `target` (everything with `force`); `onStep` hears of
  // each step as it ends (so its warnings are shown even if a later step fails).
  // Throws Error or Cancelled; a step that fails leaves its earlier outputs as they
  // were, and the ledger never vouches for files it did not see written.
  using StepCallback = std::function<void(const StepOutcome&)>;
  std::vector<StepOutcome> run(const std::string& target, const Progress& progress, bool force = false,
                               const StepCallback& onStep = {});

  // Every step's product in the context after run() (the GUI shows them all): a reused
  // step loads it back, or runs again when it cannot. Off: only what a later step needs.
  void setKeepProducts(bool keep) { keepProducts_ = keep; }

  StepContext& context() { return ctx_; }
  const StepLedger& ledger() const { return ledger_; }

private:
  struct Assessed {
    Step* step;
    std::map<std::string, std::string> inputs;  // name -> hash
    StepStatus status;
  };
  std::vector<Assessed> assess(const std::string& target, const Progress& progress) const;
  std::vector<Step*> chain(const std::string& target) const;
  StepRecord runStep(Step& s, StagedOutput* out, const std::map<std::string, std::string>& inputs, const Progress& progress);

  std::vector<std::unique_ptr<Step>> steps_;
  StepContext ctx_;
  StepLedger ledger_;
  bool keepProducts_ = false;
};

// The standard steps.
std::unique_ptr<Step> makeImportStep();
std::unique_ptr<Step> makeSegmentStep();
std::unique_ptr<Step> makePlanStep();
std::unique_ptr<Step> makeDesignStep();
std::unique_ptr<Step> makeGuidesStep();

}  // namespace tantalus::pipeline
