// The ledger's invalidation on steps with known behaviour: a chain a -> b -> c where
// each step counts its runs and writes one file holding its input and its upstream's.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/pipeline/pipeline.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::pipeline;

namespace {
struct World {
  std::map<std::string, std::string> param;  // each step's parameter, as a case section would be
  std::map<std::string, int> runs, loads;
  std::map<std::string, std::string> product;  // in-memory products
  std::string failIn;  // this step throws after writing its (staged) file
};

std::string slurpFile(const fs::path& f) {
  std::ifstream in(f);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class CountingStep final : public Step {
public:
  CountingStep(World& w, std::string name, std::string dep, bool writesFile)
      : w_(w), name_(std::move(name)), dep_(std::move(dep)), file_(writesFile) {}
  std::string name() const override { return name_; }
  std::vector<std::string> dependsOn() const override { return dep_.empty() ? std::vector<std::string>{} : std::vector{dep_}; }
  std::string version() const override { return "1"; }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext&, const Progress&) const override {
    return {{name_ + " parameter", w_.param[name_]}};
  }
  std::vector<std::string> outputs() const override {
    return file_ ? std::vector<std::string>{name_ + ".txt"} : std::vector<std::string>{};
  }
  bool canLoad() const override { return file_; }
  void load(StepContext& ctx) const override {
    ++w_.loads[name_];
    w_.product[name_] = slurpFile(ctx.outDir / (name_ + ".txt"));
  }
  void run(StepContext& ctx, const Progress&) override {
    ++w_.runs[name_];
    w_.product[name_] = w_.param[name_] + (dep_.empty() ? "" : "+" + w_.product.at(dep_));
    if (file_) writeTextFile(ctx.out->file(name_ + ".txt"), w_.product[name_]);
    if (w_.failIn == name_) throw Error("step " + name_ + " failed on purpose");
    ctx.warn("ran with " + w_.param[name_], name_ + " parameter");
    ctx.summary = name_ + " made " + w_.product[name_];
  }

private:
  World& w_;
  std::string name_, dep_;
  bool file_;
};

std::unique_ptr<Pipeline> chainOf(World& w, const fs::path& out) {
  std::vector<std::unique_ptr<Step>> s;
  s.push_back(std::make_unique<CountingStep>(w, "a", "", false));  // in memory only, like import
  s.push_back(std::make_unique<CountingStep>(w, "b", "a", true));
  s.push_back(std::make_unique<CountingStep>(w, "c", "b", true));
  return std::make_unique<Pipeline>(CaseFile{}, fs::path{}, out, std::move(s));
}

std::string slurp(const fs::path& f) { return slurpFile(f); }
}  // namespace

TEST(StepInvalidation, UnchangedStepsAreReusedAndAChangeRerunsWhatDependsOnIt) {
  World w{{{"a", "1"}, {"b", "1"}, {"c", "1"}}, {}, {}, {}, {}};
  const fs::path out = test::scratchDir("steps") / "out";
  chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ((std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 1}}), w.runs);
  EXPECT_EQ(slurp(out / "c.txt"), "1+1+1");
  const auto cTime = fs::last_write_time(out / "c.txt");

  // A second pipeline (a new process, as far as the ledger knows): nothing reruns.
  auto again = chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ((std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 1}}), w.runs);
  for (const auto& o : again) EXPECT_TRUE(o.reused) << o.step;
  EXPECT_EQ(fs::last_write_time(out / "c.txt"), cTime);
  EXPECT_EQ(again[2].record.summary, "c made 1+1+1") << "the reused record keeps what the step said";

  // c's own parameter: only c reruns; b, current, loads its file for it; a is not needed.
  w.param["c"] = "2";
  auto status = chainOf(w, out)->status("c");
  EXPECT_TRUE(status[1].upToDate);
  EXPECT_FALSE(status[2].upToDate);
  EXPECT_EQ(status[2].reason, "c parameter changed");
  auto o = chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ((std::map<std::string, int>{{"a", 1}, {"b", 1}, {"c", 2}}), w.runs);
  EXPECT_EQ(w.loads["b"], 1);
  EXPECT_TRUE(o[1].reused);
  EXPECT_EQ(slurp(out / "c.txt"), "2+1+1");

  // b's parameter: b reruns, so a (memory only) runs for it, and c is stale through the hash chain.
  w.param["b"] = "7";
  status = chainOf(w, out)->status("c");
  EXPECT_EQ(status[1].reason, "b parameter changed");
  EXPECT_EQ(status[2].reason, "step b changed");
  o = chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ((std::map<std::string, int>{{"a", 2}, {"b", 2}, {"c", 3}}), w.runs);
  EXPECT_EQ(o[0].reason, "its product is needed in memory by a later step");
  EXPECT_EQ(slurp(out / "c.txt"), "2+7+1");

  // A missing output reruns its step (and only it: its hash is unchanged, so c is current).
  fs::remove(out / "b.txt");
  o = chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ(o[1].reason, "b.txt is missing");
  EXPECT_TRUE(o[2].reused);
  EXPECT_EQ(w.runs["c"], 3);

  // Forced: everything.
  chainOf(w, out)->run("c", Progress::none(), true);
  EXPECT_EQ((std::map<std::string, int>{{"a", 4}, {"b", 4}, {"c", 4}}), w.runs);

  // An output edited by hand is not vouched for any more.
  std::ofstream(out / "c.txt") << "edited";
  EXPECT_EQ(chainOf(w, out)->status("c")[2].reason, "c.txt was changed after this step wrote it");
  chainOf(w, out)->run("c", Progress::none());
  EXPECT_EQ(slurp(out / "c.txt"), "2+7+1");
}

TEST(StepInvalidation, WarningsAreStructuredAndKeptInTheLedger) {
  World w{{{"a", "1"}, {"b", "5"}, {"c", "1"}}, {}, {}, {}, {}};
  const fs::path out = test::scratchDir("steps-warn") / "out";
  chainOf(w, out)->run("b", Progress::none());
  const StepLedger ledger(out);
  const StepRecord* b = ledger.find("b");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->warnings.size(), 1u);
  EXPECT_EQ(b->warnings[0], (Warning{Severity::warning, "b", "ran with 5", "b parameter"}));
  EXPECT_EQ(describe(b->warnings[0]), "[b] ran with 5 (b parameter)");
  EXPECT_EQ(b->outputs, std::vector<std::string>{"b.txt"});
  EXPECT_GT(b->peakRssMb, 1.0);
  EXPECT_EQ(ledger.find("c"), nullptr) << "c was not asked for";
}

TEST(StepInvalidation, AFailedStepLeavesTheEarlierOutputsAndTheLedgerAsTheyWere) {
  World w{{{"a", "1"}, {"b", "1"}, {"c", "1"}}, {}, {}, {}, {}};
  const fs::path out = test::scratchDir("steps-fail") / "out";
  chainOf(w, out)->run("c", Progress::none());
  const std::string ledgerBefore = slurp(out / StepLedger::kFileName);
  w.param["b"] = "2";
  w.failIn = "b";
  std::vector<std::string> heard;
  EXPECT_THROW(chainOf(w, out)->run("c", Progress::none(), false, [&](const StepOutcome& o) { heard.push_back(o.step); }), Error);
  EXPECT_EQ(w.runs["b"], 2) << "b ran and wrote its staged file before failing";
  EXPECT_EQ(slurp(out / "b.txt"), "1+1") << "the staged file never replaced the old one";
  EXPECT_EQ(slurp(out / StepLedger::kFileName), ledgerBefore);
  EXPECT_EQ(heard, std::vector<std::string>{"a"}) << "the step before the failure was reported as it ended";
  for (const auto& e : fs::directory_iterator(out.parent_path()))
    EXPECT_EQ(e.path().filename(), "out") << "no staging folder left";
  // The next run still knows b is stale.
  w.failIn.clear();
  EXPECT_EQ(chainOf(w, out)->status("c")[1].reason, "b parameter changed");
}

TEST(StepInvalidation, ADamagedLedgerMeansEverythingRunsAgain) {
  World w{{{"a", "1"}, {"b", "1"}, {"c", "1"}}, {}, {}, {}, {}};
  const fs::path out = test::scratchDir("steps-damaged") / "out";
  chainOf(w, out)->run("c", Progress::none());
  std::ofstream(out / StepLedger::kFileName) << "{\"schema\": \"tantalus.steps\", \"steps\": [{\"step\": 3";
  const auto o = chainOf(w, out)->run("c", Progress::none());
  for (const auto& s : o) EXPECT_EQ(s.reason, "never run in this folder") << s.step;
  EXPECT_EQ(w.runs["c"], 2);
  EXPECT_THROW(chainOf(w, out)->run("nonesuch", Progress::none()), Error);
}

TEST(StepInvalidation, KeepingProductsLoadsEveryReusedStepAndRerunsOnlyThoseWithoutFiles) {
  World w{{{"a", "1"}, {"b", "2"}, {"c", "3"}}, {}, {}, {}, {}};
  const fs::path out = test::scratchDir("keep") / "out";
  chainOf(w, out)->run("c", Progress::none());
  w.runs.clear();
  w.product.clear();
  // Without: nothing after an unchanged run is loaded or run.
  chainOf(w, out)->run("c", Progress::none());
  EXPECT_TRUE(w.runs.empty());
  EXPECT_TRUE(w.product.empty());
  // With (the GUI): b and c are loaded from their files; a, in memory only, runs again.
  auto p = chainOf(w, out);
  p->setKeepProducts(true);
  const auto outcomes = p->run("c", Progress::none());
  EXPECT_EQ((std::map<std::string, int>{{"a", 1}}), w.runs);
  EXPECT_EQ(w.loads["b"], 1);
  EXPECT_EQ(w.loads["c"], 1);
  EXPECT_EQ(w.product["c"], "3+2+1");
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].reason, "its product is kept in memory for display");
}
