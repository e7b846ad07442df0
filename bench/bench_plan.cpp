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

#include "pipeline_vs_convert.h"

namespace fs = std::filesystem;
using namespace tantalus::bench;

namespace {

void BM_PlanVsConvert(benchmark::State& state) { pipelineVsConvert(state, "plan", TANTALUS_CLI_PATH); }
BENCHMARK(BM_PlanVsConvert)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
