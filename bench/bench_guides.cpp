// (9) Cutting guides on the phantom (two planes 13 mm from an 8 mm lesion in the iliac
// wing, as tests/guides/guides_phantom_test.cpp): each phase timed — the bone's repair, the
// exact resection (CGAL corefinement), each guide — against a reference in the same
// process: the resection's volume counted on the bone mask's voxels (what a voxel
// estimate costs, and how far it is from the exact piece).
#include <benchmark/benchmark.h>

#include <chrono>

#include "bench_process.h"
#include "bench_support.h"
#include "tantalus/guides/guide_set.h"
#include "tantalus/io/phantom.h"
#include "tantalus/machining/mesh_boolean.h"
#include "tantalus/meshing/mask_surface.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;
using Clock = std::chrono::steady_clock;
using Eigen::Vector3d;

namespace {

struct Fixture {
  segment::SegmentResult seg;
  GuideParams params;
  Mesh lesion;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x;
    const io::PhantomOptions o;
    const CtVolume ct = io::makePhantomVolume(o);
    SegmentationParams sp;
    segment::resolveThresholds(sp);
    x.seg = segment::segmentCt(ct, sp);
    const Vector3d lesion(-80, 15, 90);
    x.lesion = meshing::maskToSurface(io::phantomLesionMask(o, lesion, 8));
    x.params.planes = {{{-110, 15, 51.6}, {-0.447214, 0, 0.894427}}, {{-108, -6, 85}, {0, 1, 0}}};
    return x;
  }();
  return f;
}

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// The bone mask's voxels beyond every plane, mm³.
double voxelResection(const Mask& bone, const std::vector<guides::Plane>& planes) {
  const auto& g = bone.geometry;
  std::size_t n = 0;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        if (!bone(i, j, k)) continue;
        const Vector3d p = g.indexToLps(Vector3d(i, j, k));
        bool in = true;
        for (const auto& pl : planes) in = in && pl.signedDistance(p) >= 0;
        n += in;
      }
  return double(n) * g.voxelVolumeMm3();
}

void BM_GuidesVsVoxelResection(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<guides::Plane> planes;
  for (const auto& p : f.params.planes) planes.push_back(guides::Plane::of(p));
  bench::resetPeakRss();
  std::vector<double> repairS, exactS, voxelS, guideS[2], totalS;
  double exactMl = 0, voxelMl = 0, triangles = 0;
  for (auto _ : state) {
    auto t0 = Clock::now();
    const machining::ExactSolid solid(f.seg.boneMesh, "bone");
    const Mesh bone = solid.mesh();
    repairS.push_back(seconds(t0));
    t0 = Clock::now();
    const guides::Resection r = guides::resect(solid, bone, planes, &f.lesion, f.params.marginMm);
    exactS.push_back(seconds(t0));
    exactMl = r.volumeMm3 / 1000;
    for (std::size_t i = 0; i < 2; ++i) {
      t0 = Clock::now();
      const auto g = guides::makeGuide(bone, planes[i], planes, f.params, "R1 0000", "bench");
      guideS[i].push_back(seconds(t0));
      triangles = double(g.mesh.faceCount());
    }
    totalS.push_back(repairS.back() + exactS.back() + guideS[0].back() + guideS[1].back());
    t0 = Clock::now();
    voxelMl = voxelResection(f.seg.bone, planes) / 1000;
    voxelS.push_back(seconds(t0));
    state.SetIterationTime(totalS.back());
  }
  state.counters["repair_s"] = bench::median(repairS);
  state.counters["resection_s"] = bench::median(exactS);
  state.counters["guide1_s"] = bench::median(guideS[0]);
  state.counters["guide2_s"] = bench::median(guideS[1]);
  state.counters["total_s"] = bench::median(totalS);
  state.counters["voxel_s"] = bench::median(voxelS);
  state.counters["ratio"] = bench::median(exactS) / bench::median(voxelS);
  state.counters["exact_ml"] = exactMl;
  state.counters["voxel_ml"] = voxelMl;
  state.counters["bone_triangles"] = double(f.seg.boneMesh.faceCount());
  state.counters["guide_triangles"] = triangles;
  state.counters["peak_MiB"] = bench::peakRssMiB();
}
BENCHMARK(BM_GuidesVsVoxelResection)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
