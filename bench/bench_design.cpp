// (5) `tantalus design` on the phantom series as a whole process (import, segment, plan,
// design: every step run), against `tantalus convert` of the same series in the same
// script; per step, seconds and peak RSS from DIR/steps.json. Target: the whole demo
// under 5 minutes and 4 GiB on 2 cores.
// (6) The liner seat cut from a cup, two ways: exact (CGAL corefinement of the revolved
// cutter, src/machining) and by voxels (the cup minus the seat sphere on a grid of
// TANTALUS_BENCH_SEAT_VOXEL_MM, 0.2 mm by default, meshed by flying edges), in the same
// process, each with its seat's error (the sphere refitted to the seat's vertices
// against the profile's diameter).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "pipeline_vs_convert.h"
#include "tantalus/lattice/level_set_boolean.h"
#include "tantalus/machining/liner_seat.h"
#include "tantalus/machining/mesh_boolean.h"
#include "tantalus/meshing/mask_surface.h"
#include "tantalus/plan/sphere_fit.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::bench;

namespace {

void BM_DesignVsConvert(benchmark::State& state) { pipelineVsConvert(state, "design", TANTALUS_CLI_PATH); }
BENCHMARK(BM_DesignVsConvert)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// A hemispherical cup of outer radius R about the origin, opening along +z.
Mesh cupSolid(double radius) {
  std::vector<machining::ProfilePoint> p{{0.0, -radius}};
  for (int i = 1; i <= 192; ++i) {
    const double a = 0.5 * M_PI * i / 192;
    p.push_back({radius * std::sin(a), -radius * std::cos(a)});
  }
  p.push_back({0.0, 0.0});
  return machining::revolvedMesh(p, machining::AxisFrame{}, 384);
}

// Seat diameter error and the vertices' rms off the fitted sphere (the surface's own
// roughness): the sphere through the vertices at the seat's radius well below the rim.
std::pair<double, double> seatError(const Mesh& m, double seatR) {
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
    const Eigen::Vector3d v = m.vertices.row(i).cast<double>().transpose();
    if (std::abs(v.norm() - seatR) < 0.5 && v.z() < -8) pts.push_back(v);
  }
  const plan::SphereFit f = plan::fitSphereRobust(pts, 0.2);
  return f.valid() ? std::make_pair(std::abs(2 * f.radiusMm - 2 * seatR), f.rmsMm) : std::make_pair(1e9, 1e9);
}

Mesh voxelSeat(double outerR, double seatR, double h) {
  VolumeGeometry g;
  const double e = outerR + 2;
  g.spacing = Eigen::Vector3d::Constant(h);
  g.origin = Eigen::Vector3d(-e, -e, -e);
  g.size = {int(2 * e / h) + 1, int(2 * e / h) + 1, int((e + 2) / h) + 1};
  Mask m(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
        m.data[g.index(i, j, k)] = p.z() <= 0 && p.norm() <= outerR && p.norm() > seatR;
      }
  return meshing::maskToSurface(m);
}

void BM_SeatExactVsVoxel(benchmark::State& state) {
  const auto liner = machining::loadLinerProfile("illustrative-36-56");
  const double outerR = 32, seatR = 0.5 * liner.seatDiameterMm();
  const char* env = std::getenv("TANTALUS_BENCH_SEAT_VOXEL_MM");
  const double h = env ? std::atof(env) : 0.2;
  const Mesh cup = cupSolid(outerR);
  machining::SeatCutterOptions o;
  std::vector<double> exactS, voxelS, vdbS;
  std::pair<double, double> exactErr, voxelErr, vdbErr;
  double exactTris = 0, voxelTris = 0, vdbTris = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    const Mesh exact = machining::meshBoolean(cup, "cup", machining::BooleanOp::Difference,
                                              machining::seatCutter(liner, machining::AxisFrame{}, o), "seat").mesh;
    exactS.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    t0 = std::chrono::steady_clock::now();
    const Mesh voxel = voxelSeat(outerR, seatR, h);
    voxelS.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    // The same Boolean through OpenVDB level sets, at the same voxel size.
    t0 = std::chrono::steady_clock::now();
    const Mesh vdb = lattice::levelSetBoolean(cup, machining::seatCutter(liner, machining::AxisFrame{}, o),
                                              lattice::LevelSetOp::Difference, h);
    vdbS.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    vdbErr = seatError(vdb, seatR);
    vdbTris = double(vdb.faceCount());
    exactErr = seatError(exact, seatR);
    voxelErr = seatError(voxel, seatR);
    exactTris = double(exact.faceCount());
    voxelTris = double(voxel.faceCount());
    state.SetIterationTime(exactS.back());
  }
  state.counters["exact_s"] = median(exactS);
  state.counters["voxel_s"] = median(voxelS);
  state.counters["ratio"] = median(exactS) / median(voxelS);
  state.counters["exact_seat_error_mm"] = exactErr.first;
  state.counters["voxel_seat_error_mm"] = voxelErr.first;
  state.counters["exact_seat_rms_mm"] = exactErr.second;
  state.counters["voxel_seat_rms_mm"] = voxelErr.second;
  state.counters["voxel_mm"] = h;
  state.counters["exact_triangles"] = exactTris;
  state.counters["voxel_triangles"] = voxelTris;
  state.counters["vdb_s"] = median(vdbS);
  state.counters["ratio_vdb"] = median(exactS) / median(vdbS);
  state.counters["vdb_seat_error_mm"] = vdbErr.first;
  state.counters["vdb_seat_rms_mm"] = vdbErr.second;
  state.counters["vdb_triangles"] = vdbTris;
}
BENCHMARK(BM_SeatExactVsVoxel)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
