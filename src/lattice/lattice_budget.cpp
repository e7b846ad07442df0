// Up-front estimate of a lattice build's memory and output size.
#include <cmath>

#include "tantalus/core/resource_budget.h"
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice {

namespace {
// Peak RSS per strut of the island graph (strut list, flags, union-find, node map,
// beams): 147 B measured between 30 and 70 mm boxes (3MF path); per narrow-band voxel
// and per triangle of the one tile in flight: a 256^3 tile at d/6 peaks at ~260 MB
// (16 and 24 mm STL builds: 354 MB RSS). Rounded up, so the estimate stays above
// the measured peak; see docs/lattice.md.
constexpr double kBytesPerStrut = 160;
constexpr double kBytesPerBandVoxel = 8;
constexpr double kBytesPerTileTriangle = 24;
constexpr double kBaseBytes = 96.0 * 1024 * 1024;  // libraries, zone grid, buffers
// Triangles of the STL per (lattice surface / h^2): 2.2 measured at d/6 (the
// rhombic-dodecahedral network's overlaps at nodes remove ~30 % of 3.1·S/h^2).
constexpr double kTrianglesPerAreaOverH2 = 2.2;
}  // namespace

LatticeBudget estimateLatticeBudget(const LatticeZone& zone, const LatticeBuildOptions& o) {
  LatticeBudget b;
  const double a = o.frame.cell.cellMm, d = o.frame.cell.strutMm, h = o.resolvedVoxelMm();
  const Eigen::Vector3d box = zone.box.sizes() + Eigen::Vector3d::Constant(2 * a);
  b.struts = 32.0 * box.prod() / (a * a * a);
  // Strut surface per volume of lattice: 32 struts of length sqrt(3)a/4 per a^3, pi·d around.
  const double areaPerVolume = 32.0 * M_PI * d * (std::sqrt(3.0) * a / 4) / (a * a * a);
  const double zoneVolume = std::max(zone.volumeMm3(), 0.0);
  b.triangles = kTrianglesPerAreaOverH2 * areaPerVolume * zoneVolume / (h * h);
  b.stlBytes = 84 + 50 * b.triangles;
  // One tile in flight per worker thread... the builder meshes tiles one at a time.
  const double tileSide = (o.tileVoxels > 0 ? o.tileVoxels : std::cbrt(box.prod()) / h) * h;
  const double tileVolume = std::min(std::pow(tileSide, 3), box.prod());
  const double tileArea = areaPerVolume * tileVolume;
  const double bandVoxels = tileArea * 6 * h / (h * h * h);
  const double tileTriangles = kTrianglesPerAreaOverH2 * tileArea / (h * h);
  b.memoryBytes = kBaseBytes + kBytesPerStrut * b.struts + kBytesPerBandVoxel * bandVoxels +
                  kBytesPerTileTriangle * tileTriangles;
  return b;
}

void requireLatticeBudget(const LatticeZone& zone, const LatticeBuildOptions& o, const std::filesystem::path& stl) {
  const LatticeBudget b = estimateLatticeBudget(zone, o);
  requireMemory(b.memoryBytes, "this lattice (" + std::to_string(std::llround(b.struts / 1e6)) + " M struts in the zone's bounds)",
                "zone", "split the zone into smaller parts, or use a larger pore size");
  if (!stl.empty())
    requireDisk(b.stlBytes, stl.parent_path(), "the STL (" + std::to_string(std::llround(b.triangles / 1e6)) + " M triangles)",
                "free space, write 3MF instead (a beam lattice is ~2000x smaller), or a coarser --voxel-um");
}

}  // namespace tantalus::lattice
