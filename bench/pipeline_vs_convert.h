#pragma once
// A `tantalus` pipeline command (plan, design) on the phantom series as a whole process,
// every step run, against `tantalus convert` of the same series in the same script
// (reading and decoding it: the yardstick the ratio is taken against), the order
// alternating between iterations. Counters: total_s, convert_s, ratio, total_peak_MiB,
// and per step step_<name>_s and step_<name>_peak_MiB from DIR/steps.json.
#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "bench_process.h"

namespace tantalus::bench {

inline void pipelineVsConvert(benchmark::State& state, const std::string& command, const std::string& cli) {
  namespace fs = std::filesystem;
  const fs::path dicom = phantomSeries(io::PhantomOptions{}) / "dicom";
  const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  const fs::path out = base / ("tantalus-bench-" + command), run = out / command, convert = out / "convert";
  fs::create_directories(run);
  fs::create_directories(convert);
  const std::vector<std::string> runCmd = {cli, command, dicom.string(), "-o", run.string(), "--recompute"};
  const std::vector<std::string> convertCmd = {cli, "convert", dicom.string(), "-o", (convert / "ct.nii").string()};
  runProcess(convertCmd);  // warm the page cache
  std::vector<double> runS, convertS, peak;
  std::map<std::string, std::vector<double>> stepS, stepPeak;
  int k = 0;
  for (auto _ : state) {
    emptyDir(run);
    emptyDir(convert);
    Run p, c;
    if (k++ % 2 == 0) p = runProcess(runCmd), c = runProcess(convertCmd);
    else c = runProcess(convertCmd), p = runProcess(runCmd);
    if (p.status != 0 || c.status != 0) {
      state.SkipWithError((command + " or convert failed").c_str());
      return;
    }
    runS.push_back(p.seconds);
    convertS.push_back(c.seconds);
    peak.push_back(p.peakMiB);
    const auto ledger = nlohmann::json::parse(std::ifstream(run / "steps.json"));
    for (const auto& r : ledger["steps"]) {
      stepS[r["step"].get<std::string>()].push_back(r["seconds"].get<double>());
      stepPeak[r["step"].get<std::string>()].push_back(r["peak_rss_mb"].get<double>());
    }
    state.SetIterationTime(p.seconds);
  }
  state.counters["total_s"] = median(runS);
  state.counters["convert_s"] = median(convertS);
  state.counters["ratio"] = median(runS) / median(convertS);
  state.counters["total_peak_MiB"] = median(peak);
  for (const auto& [step, s] : stepS) {
    state.counters["step_" + step + "_s"] = median(s);
    state.counters["step_" + step + "_peak_MiB"] = median(stepPeak[step]);
  }
  emptyDir(out);
}

}  // namespace tantalus::bench
