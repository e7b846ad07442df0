// Lattice engine benchmarks (docs/benchmarks.md):
//  1. active voxels/s of the strut fill, timed from the options (field and island
//     analysis included) to the filled grid, vs OpenVDB's createLevelSetSphere filling
//     the same number of active voxels in the same process (target ratio >= 0.5);
//  2. a porous block (60x60x40 mm by default, TANTALUS_BENCH_BLOCK=X,Y,Z) at the
//     default resolution, tiled and streamed to STL: wall time, peak RSS, triangles,
//     STL size; against the reference of OpenVDB's sphere with each tile's mean active
//     voxels meshed by volumeToMesh and streamed to STL, times the number of tiles
//     (ratio = reference time / our time: > 1 is faster than the reference);
//  3. 3MF (beam lattice) size vs STL size for a 20 mm cube (a size ratio, no timing).
// Output files go to $TANTALUS_BENCH_DIR (default: the system temp folder) and are removed.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "bench_support.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_builder.h"

using namespace tantalus;
using namespace tantalus::lattice;

namespace {

LatticeBuildOptions reference() {
  LatticeBuildOptions o;
  o.frame.cell = solveCell(0.6, 0.80, PoreDefinition::Window);
  return o;
}

std::filesystem::path benchDir() {
  const char* env = std::getenv("TANTALUS_BENCH_DIR");
  const std::filesystem::path d = env && *env ? std::filesystem::path(env) : std::filesystem::temp_directory_path() / "tantalus-bench";
  std::filesystem::create_directories(d);
  return d;
}

Eigen::Vector3d blockSize() {
  Eigen::Vector3d s(60, 60, 40);
  if (const char* env = std::getenv("TANTALUS_BENCH_BLOCK"); env && *env) {
    std::stringstream ss(env);
    char c;
    ss >> s.x() >> c >> s.y() >> c >> s.z();
  }
  return s;
}

void BM_StrutFillVsOpenVdbSphere(benchmark::State& state) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(12, 12, 12));
  const LatticeBuildOptions o = reference();
  double strutRate = 0, sphereRate = 0, field = 0;
  std::uint64_t voxels = 0;
  for (auto _ : state) {
    const FillRate s = timeStrutFill(zone, o);
    const FillRate r = timeReferenceSphereFill(o.resolvedVoxelMm(), s.voxels);
    voxels = s.voxels;
    strutRate = double(s.voxels) / s.seconds;
    sphereRate = double(r.voxels) / r.seconds;
    field = s.fieldSeconds / s.seconds;
    state.SetIterationTime(s.seconds);
  }
  state.counters["active_voxels"] = double(voxels);
  state.counters["field_share"] = field;
  state.counters["strut_Mvox_per_s"] = strutRate / 1e6;
  state.counters["sphere_Mvox_per_s"] = sphereRate / 1e6;
  state.counters["ratio"] = strutRate / sphereRate;
}
BENCHMARK(BM_StrutFillVsOpenVdbSphere)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_PorousBlockStl(benchmark::State& state) {
  const Eigen::Vector3d size = blockSize();
  const LatticeZone zone = LatticeZone::fromBox(size);
  const LatticeBuildOptions o = reference();
  const auto file = benchDir() / "block.stl";
  LatticeBuildStats st;
  double wall = 0;
  tantalus::bench::resetPeakRss();
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    st = buildLatticeStl(zone, o, file);
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.SetIterationTime(wall);
  }
  state.counters["size_x_mm"] = size.x();
  state.counters["size_y_mm"] = size.y();
  state.counters["size_z_mm"] = size.z();
  state.counters["voxel_um"] = o.resolvedVoxelMm() * 1000;
  state.counters["tiles"] = st.tiles;
  state.counters["wall_s"] = wall;
  state.counters["fill_s"] = st.fillSeconds;
  state.counters["mesh_s"] = st.meshSeconds;
  state.counters["peak_rss_MiB"] = tantalus::bench::peakRssMiB();
  state.counters["triangles"] = double(st.triangles);
  state.counters["stl_MB"] = double(st.stlBytes) / 1e6;
  state.counters["MB_per_s"] = double(st.stlBytes) / 1e6 / wall;
  state.counters["porosity_mesh"] = st.porosityFromMesh();
  state.counters["porosity_voxels"] = st.porosityFromVoxels();
  std::filesystem::remove(file);
  // The reference: one tile's worth of OpenVDB sphere voxels, meshed and streamed.
  const auto ref = benchDir() / "reference-tile.stl";
  const MeshRate r = timeReferenceTileToStl(o.resolvedVoxelMm(), st.activeVoxels / std::uint64_t(std::max(1, st.tiles)), ref);
  std::filesystem::remove(ref);
  const double refWall = r.seconds * st.tiles;
  state.counters["reference_s"] = refWall;
  state.counters["ratio"] = refWall / wall;
}
BENCHMARK(BM_PorousBlockStl)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(1);

void BM_Beam3mfVsStl(benchmark::State& state) {
  const LatticeZone zone = LatticeZone::fromBox(Eigen::Vector3d(20, 20, 20));
  LatticeBuildOptions o = reference();
  o.skinMm = 1.0;
  o.skinFaces = kSkinZMin;
  const auto stl = benchDir() / "cube20.stl", tmf = benchDir() / "cube20.3mf";
  Beam3mfStats b;
  LatticeBuildStats s;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    b = writeBeamLattice3mf(zone, o, tmf);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    s = buildLatticeStl(zone, o, stl);
  }
  state.counters["3mf_MB"] = double(b.bytes) / 1e6;
  state.counters["stl_MB"] = double(s.stlBytes) / 1e6;
  state.counters["stl_over_3mf"] = double(s.stlBytes) / double(b.bytes);
  state.counters["beams"] = double(b.beams);
  std::filesystem::remove(stl);
  std::filesystem::remove(tmf);
}
BENCHMARK(BM_Beam3mfVsStl)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
