// (4) `tantalus plan` on the phantom series (512×512×250, 0.8 × 0.8 × 1 mm), a whole
// process from DICOM to report.json with every step recomputed, against `tantalus
// convert` of the same series in the same script (reading and decoding it: the
// yardstick the ratio is taken against). Per step, the seconds and the process's peak
// RSS when the step ended, from DIR/steps.json. Target: under 30 s on 2 cores.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench_process.h"

namespace fs = std::filesystem;
using namespace tantalus::bench;

namespace {

void BM_PlanVsConvert(benchmark::State& state) {
  const fs::path dicom = phantomSeries(tantalus::io::PhantomOptions{}) / "dicom";
  const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  const fs::path out = base / "tantalus-bench-plan", plan = out / "plan", convert = out / "convert";
  fs::create_directories(plan);
  fs::create_directories(convert);
  const std::vector<std::string> planCmd = {TANTALUS_CLI_PATH, "plan", dicom.string(), "-o", plan.string(), "--recompute"};
  const std::vector<std::string> convertCmd = {TANTALUS_CLI_PATH, "convert", dicom.string(), "-o", (convert / "ct.nii").string()};
  runProcess(convertCmd);  // warm the page cache
  std::vector<double> planS, convertS, planPeak;
  std::map<std::string, std::vector<double>> stepS, stepPeak;
  int k = 0;
  for (auto _ : state) {
    emptyDir(plan);
    emptyDir(convert);
    Run p, c;
    if (k++ % 2 == 0) p = runProcess(planCmd), c = runProcess(convertCmd);
    else c = runProcess(convertCmd), p = runProcess(planCmd);
    if (p.status != 0 || c.status != 0) {
      state.SkipWithError("plan or convert failed");
      return;
    }
    planS.push_back(p.seconds);
    convertS.push_back(c.seconds);
    planPeak.push_back(p.peakMiB);
    const auto ledger = nlohmann::json::parse(std::ifstream(plan / "steps.json"));
    for (const auto& r : ledger["steps"]) {
      stepS[r["step"].get<std::string>()].push_back(r["seconds"].get<double>());
      stepPeak[r["step"].get<std::string>()].push_back(r["peak_rss_mb"].get<double>());
    }
    state.SetIterationTime(p.seconds);
  }
  state.counters["total_s"] = median(planS);
  state.counters["convert_s"] = median(convertS);
  state.counters["ratio"] = median(planS) / median(convertS);
  state.counters["total_peak_MiB"] = median(planPeak);
  for (const auto& [step, s] : stepS) {
    state.counters["step_" + step + "_s"] = median(s);
    state.counters["step_" + step + "_peak_MiB"] = median(stepPeak[step]);
  }
  emptyDir(out);
}
BENCHMARK(BM_PlanVsConvert)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
