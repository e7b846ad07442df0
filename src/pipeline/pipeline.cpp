#include "tantalus/pipeline/pipeline.h"

#include <chrono>
#include <optional>
#include <set>

#include <sys/resource.h>

#include "content_hash.h"
#include "ct_identity.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::pipeline {

namespace {
std::vector<std::unique_ptr<Step>> standardSteps() {
  std::vector<std::unique_ptr<Step>> s;
  s.push_back(makeImportStep());
  s.push_back(makeSegmentStep());
  s.push_back(makePlanStep());
  s.push_back(makeDesignStep());
  s.push_back(makeGuidesStep());
  return s;
}

std::string combinedHash(const std::map<std::string, std::string>& inputs) {
  std::string all;
  for (const auto& [name, hash] : inputs) all += name + "=" + hash + "\n";
  return contentHash(all);
}

// Clears the running step's slot in the context however the step ends.
struct RunningStep {
  StepContext& ctx;
  ~RunningStep() { ctx.out = nullptr; }
};
}  // namespace

double peakRssMb() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

Pipeline::Pipeline(CaseFile c, fs::path caseDir, fs::path outDir)
    : Pipeline(std::move(c), std::move(caseDir), std::move(outDir), standardSteps()) {}

Pipeline::Pipeline(CaseFile c, fs::path caseDir, fs::path outDir, std::vector<std::unique_ptr<Step>> steps)
    : steps_(std::move(steps)), ledger_(outDir) {
  ctx_.caseFile = std::move(c);
  ctx_.caseDir = std::move(caseDir);
  ctx_.outDir = std::move(outDir);
}

Pipeline::~Pipeline() = default;

std::vector<Step*> Pipeline::chain(const std::string& target) const {
  std::vector<Step*> order;
  std::set<std::string> seen;
  auto visit = [&](auto&& self, const std::string& name) -> void {
    if (seen.count(name)) return;
    Step* found = nullptr;
    for (const auto& s : steps_)
      if (s->name() == name) found = s.get();
    if (!found) throw Error("no pipeline step named '" + name + "'", "pipeline", "the steps are import, segment, plan, design and guides");
    seen.insert(name);
    for (const auto& d : found->dependsOn()) self(self, d);
    order.push_back(found);
  };
  visit(visit, target);
  return order;
}

std::vector<Pipeline::Assessed> Pipeline::assess(const std::string& target, const Progress& progress) const {
  std::vector<Assessed> out;
  std::map<std::string, std::string> hashes;
  for (Step* s : chain(target)) {
    Assessed a{s, {}, {s->name(), false, {}}};
    for (const auto& [name, text] : s->inputs(ctx_, progress)) a.inputs[name] = contentHash(text);
    for (const auto& d : s->dependsOn()) a.inputs["step " + d] = hashes.at(d);
    a.inputs["code"] = contentHash(s->version() + " / tantalus " + TANTALUS_VERSION);
    hashes[s->name()] = combinedHash(a.inputs);
    const StepRecord* rec = ledger_.find(s->name());
    std::string& why = a.status.reason;
    if (!rec) why = "never run in this folder";
    else if (rec->hash != hashes[s->name()]) why = StepLedger::difference(*rec, a.inputs);
    for (std::size_t i = 0; rec && why.empty() && i < rec->outputs.size(); ++i) {
      const std::string& f = rec->outputs[i];
      if (!fs::exists(ctx_.outDir / f)) why = f + " is missing";
      else if (fileStamp(ctx_.outDir / f) != rec->stamps.at(f)) why = f + " was changed after this step wrote it";
    }
    a.status.upToDate = why.empty();
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<StepStatus> Pipeline::status(const std::string& target) const {
  std::vector<StepStatus> out;
  for (auto& a : assess(target, Progress::none())) out.push_back(std::move(a.status));
  return out;
}

StepRecord Pipeline::runStep(Step& s, StagedOutput* out, const std::map<std::string, std::string>& inputs,
                             const Progress& progress) {
  ctx_.warnings.clear();
  ctx_.summary.clear();
  RunningStep guard{ctx_};
  ctx_.out = out;
  const auto start = std::chrono::steady_clock::now();
  s.run(ctx_, progress);
  if (out) {
    // The ledger stops vouching for the old files before they are replaced: killed
    // between the two, the step simply runs again next time.
    ledger_.erase(s.name());
    if (fs::is_directory(ctx_.outDir)) ledger_.save();
    out->commit();
  }
  StepRecord r;
  r.step = s.name();
  r.inputs = inputs;
  r.hash = combinedHash(inputs);
  for (const auto& f : s.outputs())
    if (fs::exists(ctx_.outDir / f)) {
      r.outputs.push_back(f);
      r.stamps[f] = fileStamp(ctx_.outDir / f);
    }
  r.warnings = ctx_.warnings;
  for (auto& w : r.warnings) w.step = s.name();
  r.summary = ctx_.summary;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peakRssMb = peakRssMb();
  return r;
}

std::vector<StepOutcome> Pipeline::run(const std::string& target, const Progress& progress, bool force,
                                       const StepCallback& onStep) {
  const std::vector<Assessed> plan = assess(target, progress);
  const std::size_t n = plan.size();
  std::vector<bool> needed(n), load(n), forDisplay(n);
  for (std::size_t i = 0; i < n; ++i) needed[i] = force || !plan[i].status.upToDate;
  if (keepProducts_)
    for (std::size_t i = 0; i < n; ++i)
      if (!needed[i] && plan[i].step->leavesProduct()) {
        if (!plan[i].step->outputs().empty() && plan[i].step->canLoad()) load[i] = true;
        else needed[i] = forDisplay[i] = true;
      }
  // A step that runs needs its inputs' products in memory: a current step loads its
  // outputs back if it can; one without files, or that cannot load, runs again.
  for (std::size_t j = n; j-- > 0;) {
    if (!needed[j]) continue;
    for (const auto& d : plan[j].step->dependsOn())
      for (std::size_t i = 0; i < j; ++i)
        if (plan[i].step->name() == d && !needed[i]) {
          if (!plan[i].step->outputs().empty() && plan[i].step->canLoad()) load[i] = true;
          else needed[i] = true;
        }
  }
  // Every output folder is staged before any work: an unwritable -o fails in a moment.
  std::vector<std::unique_ptr<StagedOutput>> staged(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (needed[i]) {
      total += plan[i].step->weight();
      if (!plan[i].step->outputs().empty()) staged[i] = std::make_unique<StagedOutput>(ctx_.outDir, plan[i].step->outputs());
    }

  std::vector<StepOutcome> outcomes;
  ctx_.earlier.clear();
  double done = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Step& s = *plan[i].step;
    if (!needed[i]) {
      if (load[i]) s.load(ctx_);
      outcomes.push_back(StepOutcome{s.name(), true, {}, *ledger_.find(s.name())});
    } else {
      progress.check();
      const double w = s.weight() / total;
      StepRecord rec = runStep(s, staged[i].get(), plan[i].inputs, progress.sub(done, done + w));
      done += w;
      ledger_.put(rec);
      if (staged[i]) ledger_.save();  // with the files it describes (memory steps ride along)
      const std::string why = !plan[i].status.upToDate ? plan[i].status.reason
                              : force                  ? "forced"
                              : forDisplay[i]          ? "its product is kept in memory for display"
                                                       : "its product is needed in memory by a later step";
      outcomes.push_back(StepOutcome{s.name(), false, why, std::move(rec)});
    }
    ctx_.earlier.push_back(outcomes.back().record);
    if (onStep) onStep(outcomes.back());
  }
  progress.report(1.0, "done");
  return outcomes;
}

}  // namespace tantalus::pipeline
