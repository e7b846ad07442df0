#pragma once
// The step ledger (DIR/steps.json): for each step run into an output folder, a hash
// of each of its inputs (case-file sections, CT files, upstream steps, code version),
// what it wrote, its warnings and its cost. A step whose inputs hash the same and
// whose outputs are all present is not recomputed; a changed input makes it, and
// through the hash chain everything after it, stale (PrusaSlicer-style invalidation,
// made persistent). A damaged or foreign ledger counts as empty: recomputing is
// always correct.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tantalus/pipeline/warning.h"

namespace tantalus::pipeline {

struct StepRecord {
  std::string step;
  std::string hash;                           // of all of `inputs`
  std::map<std::string, std::string> inputs;  // input name -> its hash
  std::vector<std::string> outputs;           // files written into the folder
  std::map<std::string, std::string> stamps;  // output -> "size mtime" when written
  std::vector<Warning> warnings;
  std::string summary;                        // one line for the terminal
  double seconds = 0;
  double peakRssMb = 0;                       // the process's peak when the step ended
  bool operator==(const StepRecord&) const = default;
};

class StepLedger {
public:
  static constexpr const char* kFileName = "steps.json";
  explicit StepLedger(std::filesystem::path dir);  // reads DIR/steps.json when present

  const StepRecord* find(const std::string& step) const;
  void put(StepRecord r);
  void erase(const std::string& step);
  void save() const;  // atomically; the folder must exist
  std::string text() const;  // the ledger as JSON
  // Why `fresh` (this run's inputs) differs from what is recorded, e.g.
  // "segmentation changed"; empty when nothing did.
  static std::string difference(const StepRecord& recorded, const std::map<std::string, std::string>& fresh);

private:
  std::filesystem::path dir_;
  std::vector<StepRecord> records_;
};

}  // namespace tantalus::pipeline
