// (1) Importing the phantom DICOM series (512×512×250, 1 mm) vs converting it
// with dcm2niix, alternating in the same process. Target: ratio <= 1.0.
// dcm2niix runs as a child process (it is a program, not a library) and writes
// an uncompressed NIfTI to the page cache; our import builds the HU volume in
// memory, which is what the pipeline needs.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "bench_support.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path& phantomDir() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / "tantalus-bench" / "phantom-full";
    if (!fs::exists(d / "truth.json")) {
      fs::remove_all(d);
      tantalus::io::writePhantom(d, tantalus::io::PhantomOptions{});
    }
    return d;
  }();
  return dir;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void BM_ImportVsDcm2niix(benchmark::State& state) {
  const fs::path dicom = phantomDir() / "dicom";
  const fs::path out = fs::temp_directory_path() / "tantalus-bench" / "dcm2niix-out";
  fs::create_directories(out);
  const std::string cmd = "dcm2niix -z n -b n -f ref -o " + out.string() + " " + dicom.string() + " >/dev/null 2>&1";
  if (std::system("command -v dcm2niix >/dev/null") != 0) {
    state.SkipWithError("dcm2niix not installed (scripts/install-deps.sh)");
    return;
  }
  // Warm the page cache for both.
  for (const auto& e : fs::directory_iterator(out)) fs::remove(e.path());
  tantalus::io::importCt(dicom);
  std::system(cmd.c_str());
  tantalus::bench::resetPeakRss();
  std::vector<double> ours, theirs;
  std::size_t voxels = 0;
  for (auto _ : state) {
    // dcm2niix numbers repeated outputs (ref, refa, …) and gives up after a few dozen.
    for (const auto& e : fs::directory_iterator(out)) fs::remove(e.path());
    auto t0 = Clock::now();
    const auto r = tantalus::io::importCt(dicom);
    auto t1 = Clock::now();
    voxels = r.volume.hu.size();
    benchmark::DoNotOptimize(r.volume.hu.data());
    const int rc = std::system(cmd.c_str());
    auto t2 = Clock::now();
    if (rc != 0) state.SkipWithError("dcm2niix failed");
    ours.push_back(std::chrono::duration<double>(t1 - t0).count());
    theirs.push_back(std::chrono::duration<double>(t2 - t1).count());
    state.SetIterationTime(ours.back());
  }
  rusage child{};
  getrusage(RUSAGE_CHILDREN, &child);
  state.counters["ours_s"] = median(ours);
  state.counters["dcm2niix_s"] = median(theirs);
  state.counters["ratio"] = median(ours) / median(theirs);
  state.counters["ours_peak_MiB"] = tantalus::bench::peakRssMiB();
  state.counters["dcm2niix_peak_MiB"] = double(child.ru_maxrss) / 1024.0;
  state.counters["Mvoxel_per_s"] = double(voxels) / median(ours) / 1e6;
}
BENCHMARK(BM_ImportVsDcm2niix)->UseManualTime()->Iterations(7)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
