// (1) Like for like: `tantalus convert` against `dcm2niix`, both whole processes
// converting the phantom DICOM series (512×512×250, 1 mm) to the same uncompressed
// NIfTI on the same file system from the same warm page cache, alternating which runs
// first. Target: ratio (ours / dcm2niix, median of 7) <= 1.0. Outputs go to /dev/shm
// when it exists, so neither pays the disk (our fsync before the rename is then a
// no-op, as dcm2niix never syncs).
// (2) In process, not like for like and named so: our import into memory (what the
// pipeline uses) against the same dcm2niix process.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "bench_process.h"
#include "bench_support.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using tantalus::bench::emptyDir;
using tantalus::bench::median;
using tantalus::bench::Run;
using tantalus::bench::runProcess;

namespace {

// The full phantom; TANTALUS_BENCH_PHANTOM=small takes a 128×128×24 one (the test that
// checks this benchmark compares like with like, in seconds).
const fs::path& phantomDir() {
  static const fs::path dir = [] {
    tantalus::io::PhantomOptions o;
    if (const char* e = std::getenv("TANTALUS_BENCH_PHANTOM"); e && std::string(e) == "small") {
      o.matrix = 128;
      o.pixelMm = 3.2;
      o.slices = 24;
      o.sliceMm = 4;
    }
    return tantalus::bench::phantomSeries(o);
  }();
  return dir;
}

fs::path outputDir() {
  const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  const fs::path d = base / "tantalus-bench-convert";
  fs::create_directories(d);
  return d;
}

std::uintmax_t niftiBytes(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".nii") n += fs::file_size(e.path());
  return n;
}

bool haveDcm2niix(benchmark::State& state) {
  if (std::system("command -v dcm2niix >/dev/null") == 0) return true;
  state.SkipWithError("dcm2niix not installed (scripts/install-deps.sh)");
  return false;
}

void BM_ConvertVsDcm2niix(benchmark::State& state) {
  if (!haveDcm2niix(state)) return;
  const fs::path dicom = phantomDir() / "dicom", out = outputDir(), ours = out / "ours", theirs = out / "dcm2niix";
  fs::create_directories(ours);
  fs::create_directories(theirs);
  const std::vector<std::string> oursCmd = {TANTALUS_CLI_PATH, "convert", dicom.string(), "-o", (ours / "ct.nii").string()};
  const std::vector<std::string> theirsCmd = {"dcm2niix", "-z", "n", "-b", "n", "-f", "ref", "-o", theirs.string(), dicom.string()};
  // Warm the page cache (DICOM files, both programs' libraries) for both.
  runProcess(oursCmd);
  runProcess(theirsCmd);
  std::vector<double> a, b, pa, pb;
  std::uintmax_t bytesOurs = 0, bytesTheirs = 0;
  int k = 0;
  for (auto _ : state) {
    emptyDir(ours);
    emptyDir(theirs);  // dcm2niix numbers repeated outputs and then refuses
    Run x, y;
    if (k++ % 2 == 0) {
      x = runProcess(oursCmd);
      y = runProcess(theirsCmd);
    } else {
      y = runProcess(theirsCmd);
      x = runProcess(oursCmd);
    }
    if (x.status != 0 || y.status != 0) state.SkipWithError("a conversion failed");
    a.push_back(x.seconds);
    b.push_back(y.seconds);
    pa.push_back(x.peakMiB);
    pb.push_back(y.peakMiB);
    bytesOurs = niftiBytes(ours);
    bytesTheirs = niftiBytes(theirs);
    state.SetIterationTime(x.seconds);
  }
  state.counters["ours_s"] = median(a);
  state.counters["dcm2niix_s"] = median(b);
  state.counters["ratio"] = median(a) / median(b);
  state.counters["ours_peak_MiB"] = median(pa);
  state.counters["dcm2niix_peak_MiB"] = median(pb);
  state.counters["ours_nii_MB"] = double(bytesOurs) / 1e6;
  state.counters["dcm2niix_nii_MB"] = double(bytesTheirs) / 1e6;
  emptyDir(out);
}
BENCHMARK(BM_ConvertVsDcm2niix)->UseManualTime()->Iterations(7)->Unit(benchmark::kMillisecond);

void BM_ImportInProcessVsDcm2niixProcess(benchmark::State& state) {
  if (!haveDcm2niix(state)) return;
  const fs::path dicom = phantomDir() / "dicom", theirs = outputDir() / "dcm2niix";
  fs::create_directories(theirs);
  const std::vector<std::string> theirsCmd = {"dcm2niix", "-z", "n", "-b", "n", "-f", "ref", "-o", theirs.string(), dicom.string()};
  tantalus::io::importCt(dicom);
  runProcess(theirsCmd);
  tantalus::bench::resetPeakRss();
  std::vector<double> ours, other;
  std::size_t voxels = 0;
  for (auto _ : state) {
    emptyDir(theirs);
    const auto t0 = Clock::now();
    const auto r = tantalus::io::importCt(dicom);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    voxels = r.volume.hu.size();
    benchmark::DoNotOptimize(r.volume.hu.data());
    other.push_back(runProcess(theirsCmd).seconds);
    ours.push_back(s);
    state.SetIterationTime(s);
  }
  state.counters["ours_s"] = median(ours);
  state.counters["dcm2niix_s"] = median(other);
  state.counters["ratio"] = median(ours) / median(other);
  state.counters["ours_peak_MiB"] = tantalus::bench::peakRssMiB();
  state.counters["Mvoxel_per_s"] = double(voxels) / median(ours) / 1e6;
  emptyDir(theirs);
}
BENCHMARK(BM_ImportInProcessVsDcm2niixProcess)->UseManualTime()->Iterations(7)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
