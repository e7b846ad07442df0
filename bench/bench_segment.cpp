// (2) Threshold + connected components + surface on a 512×512×400 CT vs a
// bare vtkFlyingEdges3D of the same volume at the same iso value, in the same
// process. Target: ratio <= 1.5.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "bench_process.h"
#include "bench_support.h"
#include "tantalus/io/phantom.h"
#include "tantalus/meshing/mask_surface.h"
#include "tantalus/segment/mask_ops.h"

using Clock = std::chrono::steady_clock;
using namespace tantalus;
using tantalus::bench::median;

namespace {

const CtVolume& volume() {
  static const CtVolume ct = [] {
    io::PhantomOptions o;
    o.slices = 400;  // 512 × 512 × 400, 0.8 × 0.8 × 1 mm
    return io::makePhantomVolume(o);
  }();
  return ct;
}

void BM_SegmentVsBareFlyingEdges(benchmark::State& state) {
  const CtVolume& ct = volume();
  bench::resetPeakRss();
  const double baseMiB = bench::peakRssMiB();
  std::vector<double> ours, bare;
  std::size_t oursTriangles = 0, bareTriangles = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    const Mask bone = segment::threshold(ct, 226, 3071);
    const segment::Components comps(bone);
    const Mask kept = comps.keepAtLeast(std::size_t(100.0 / ct.geometry.voxelVolumeMm3()));  // >= 0.1 mL
    const Mesh surface = meshing::maskToSurface(kept);
    auto t1 = Clock::now();
    bareTriangles = meshing::bareFlyingEdgesTriangles(ct, 226);
    auto t2 = Clock::now();
    oursTriangles = surface.faceCount();
    ours.push_back(std::chrono::duration<double>(t1 - t0).count());
    bare.push_back(std::chrono::duration<double>(t2 - t1).count());
    state.SetIterationTime(ours.back());
  }
  state.counters["ours_s"] = median(ours);
  state.counters["bare_fe_s"] = median(bare);
  state.counters["ratio"] = median(ours) / median(bare);
  state.counters["ours_triangles"] = double(oursTriangles);
  state.counters["bare_triangles"] = double(bareTriangles);
  state.counters["volume_MiB"] = double(ct.hu.size() * 2) / (1 << 20);
  state.counters["peak_MiB"] = bench::peakRssMiB();
  state.counters["peak_over_volume_MiB"] = bench::peakRssMiB() - baseMiB;
}
BENCHMARK(BM_SegmentVsBareFlyingEdges)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
