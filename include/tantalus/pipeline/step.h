#pragma once
// A pipeline step: reads its case-file section and upstream products, writes its
// outputs atomically into the output folder, reports progress and warnings. Steps
// know nothing of the CLI or the GUI; the Pipeline decides whether they run.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/staged_output.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/pipeline/step_ledger.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/pipeline/warning.h"
#include "tantalus/segment/segment_pipeline.h"

namespace tantalus::pipeline {

// What the steps share during one run: the case, where things are, the products.
struct StepContext {
  CaseFile caseFile;
  std::filesystem::path caseDir;  // a relative input.path resolves here
  std::filesystem::path outDir;
  std::optional<io::ImportResult> imported;
  std::optional<segment::SegmentResult> segmented;
  std::optional<plan::HipPlan> planned;
  std::vector<StepRecord> earlier;  // this run's steps so far, run or reused (timings for reports)
  // Filled by the running step:
  StagedOutput* out = nullptr;     // where it writes (null for steps without files)
  std::vector<Warning> warnings;
  std::string summary;

  // A path from the case file: relative ones resolve against the case file's folder.
  std::filesystem::path resolved(const std::string& path) const;
  std::filesystem::path inputPath() const { return resolved(caseFile.inputPath); }
  // The case as written into the output folder: its relative paths (input.path,
  // design.augment_envelope) made absolute, so the copy runs from where it lies.
  CaseFile caseForOutput() const;
  void warn(std::string what, std::string where, Severity s = Severity::warning);
};

// The process's peak resident memory so far, MiB (what a step record holds).
double peakRssMb();

class Step {
public:
  virtual ~Step() = default;
  virtual std::string name() const = 0;
  virtual std::vector<std::string> dependsOn() const { return {}; }
  // Bump when the step's code changes what it produces: old records go stale.
  virtual std::string version() const = 0;
  // Each input the step reads besides upstream steps, by name, as text to hash
  // (a case-file section's JSON, the CT files' identity); `progress` carries cancel.
  virtual std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress& progress) const = 0;
  // Every file the step may write into the output folder; none: its product lives
  // in memory and it runs whenever a step after it does.
  virtual std::vector<std::string> outputs() const { return {}; }
  virtual double weight() const { return 1.0; }  // share of a run's progress bar
  // A reused step whose product a step after it needs puts it back into the context
  // from its outputs (load). A step that cannot is run again instead.
  virtual bool canLoad() const { return false; }
  // Whether it leaves a product in the context (false: its product is its files only).
  virtual bool leavesProduct() const { return true; }
  virtual void load(StepContext&) const {}
  virtual void run(StepContext& ctx, const Progress& progress) = 0;
};

}  // namespace tantalus::pipeline
