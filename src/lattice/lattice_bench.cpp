// Benchmark hooks: the strut fill and a whole tile against OpenVDB's own level-set
// sphere of the same active voxel count.
#include "vdb_lattice.h"

namespace tantalus::lattice {

using namespace vdb;

FillRate timeStrutFill(const LatticeZone& zone, const LatticeBuildOptions& o) {
  checkOptions(zone, o);
  const double h = o.resolvedVoxelMm();
  const auto t0 = Clock::now();
  const Field F(zone, o, h, true, Progress::none());
  const double field = seconds(t0);
  const Layout L = makeLayout(zone.box, h, 0);
  const CoordBBox region(L.imin - Coord(kHalo), L.imin + Coord(L.tile - 1 + kHalo));
  FillCounters fc;
  auto grid = fillRegion(F, region, Progress::none(), fc);
  FillRate r;
  r.voxels = fc.active;
  r.seconds = seconds(t0);
  r.fieldSeconds = field;
  return r;
}

namespace {
// A sphere narrow band of 2*kBand voxels: N ~ 4 pi R^2 * 2 kBand / h^2; refined
// until within 5 % of `target` active voxels.
FloatGrid::Ptr referenceSphere(double h, std::uint64_t target, double& secondsTaken) {
  initVdb();
  double R = std::sqrt(double(target) * h * h / (4 * M_PI * 2 * kBand));
  FloatGrid::Ptr g;
  for (int iter = 0; iter < 3; ++iter) {
    const auto t0 = Clock::now();
    g = openvdb::tools::createLevelSetSphere<FloatGrid>(float(R), openvdb::Vec3f(0, 0, 0), float(h), float(kBand));
    secondsTaken = seconds(t0);
    const auto n = g->activeVoxelCount();
    if (std::abs(double(n) / double(target) - 1) < 0.05) break;
    R *= std::sqrt(double(target) / double(n));
  }
  return g;
}
}  // namespace

FillRate timeReferenceSphereFill(double h, std::uint64_t target) {
  FillRate r;
  const FloatGrid::Ptr g = referenceSphere(h, target, r.seconds);
  r.voxels = g->activeVoxelCount();
  return r;
}

MeshRate timeReferenceTileToStl(double h, std::uint64_t activeVoxels, const std::filesystem::path& stl) {
  MeshRate r;
  double fill = 0;
  const auto t0 = Clock::now();
  const FloatGrid::Ptr g = referenceSphere(h, activeVoxels, fill);
  const auto t1 = Clock::now();  // only the last (right-sized) sphere counts
  StlStreamWriter w(stl, "reference sphere");
  const double inf = std::numeric_limits<double>::infinity();
  const double lo[3] = {-inf, -inf, -inf}, hi[3] = {inf, inf, inf};
  const Coord big(1 << 29);
  const TileOutput out = meshTile(*g, lo, hi, -big, big, h, 0.0,
                                  [&](const std::array<float, 3>& a, const std::array<float, 3>& b,
                                      const std::array<float, 3>& c) { w.add(a, b, c); });
  w.commit();
  r.seconds = fill + seconds(t1);
  (void)t0;
  r.voxels = g->activeVoxelCount();
  r.triangles = out.triangles;
  return r;
}

}  // namespace tantalus::lattice
