#pragma once
// Internal to the OpenVDB translation units of src/lattice (field, island analysis,
// strut fill, tiled mesher, measurement, bench hooks): OpenVDB types appear here and
// in those files only. The rest of the module sees lattice_internal.h (no OpenVDB
// type in sight), callers the public headers.
#include "tantalus/lattice/lattice_builder.h"

#include <openvdb/openvdb.h>
#include <openvdb/tools/Interpolation.h>
#include <openvdb/tools/LevelSetSphere.h>
#include <openvdb/tools/MeshToVolume.h>
#include <openvdb/tools/VolumeToMesh.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <unordered_map>

#include "tantalus/core/error.h"
#include "tantalus/core/resource_budget.h"
#include "tantalus/core/stl_io.h"
#include <functional>

#include "lattice_internal.h"

namespace tantalus::lattice::vdb {

using openvdb::Coord;
using openvdb::CoordBBox;
using openvdb::FloatGrid;
using FloatTree = FloatGrid::TreeType;
using Leaf = FloatTree::LeafNodeType;
using Clock = std::chrono::steady_clock;

constexpr int kBand = 3;  // narrow-band half width, voxels (OpenVDB's LEVEL_SET_HALF_WIDTH)
constexpr int kHalo = 8;  // tile halo: one leaf, enough for the mesher's 2-voxel stencil
// volumeToMesh winds its polygons clockwise seen from outside (negative inside):
// reverse them so faces are CCW / outward like every Tantalus mesh.
constexpr bool kReverseWinding = true;

inline double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

inline void initVdb() {
  static std::once_flag once;
  std::call_once(once, [] { openvdb::initialize(); });
}

// OpenVDB's interrupter hook, polled by meshToVolume and by our own fill loops.
struct ProgressInterrupter : openvdb::util::NullInterrupter {
  explicit ProgressInterrupter(const Progress& p) : progress(p) {}
  bool wasInterrupted(int percent = -1) override {
    (void)percent;
    return progress.cancelled();
  }
  Progress progress;
};

// A closed mesh's signed distance on `xform`'s voxels (narrow band `ex` / `in` voxels,
// interior flooded), a level set.
inline FloatGrid::Ptr meshToGrid(const Mesh& m, const openvdb::math::Transform& xform, float ex, float in,
                                 const Progress& progress) {
  std::vector<openvdb::Vec3s> pts(m.vertexCount());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const auto r = m.vertices.row(Eigen::Index(i));
    pts[i] = openvdb::Vec3s(r(0), r(1), r(2));
  }
  std::vector<openvdb::Vec3I> tris(m.faceCount());
  for (std::size_t i = 0; i < tris.size(); ++i) {
    const auto f = m.faces.row(Eigen::Index(i));
    tris[i] = openvdb::Vec3I(openvdb::Index32(f(0)), openvdb::Index32(f(1)), openvdb::Index32(f(2)));
  }
  ProgressInterrupter interrupter(progress);
  auto g = openvdb::tools::meshToSignedDistanceField<FloatGrid>(interrupter, xform, pts, tris, {}, ex, in);
  progress.check();
  g->setGridClass(openvdb::GRID_LEVEL_SET);
  return g;
}

// Exact signed distance to a box given by its centre and half sizes (the hot path of
// box zones: one call per voxel).
inline double boxDistance(const Eigen::Vector3d& c, const Eigen::Vector3d& half, const Eigen::Vector3d& p) {
  const double qx = std::abs(p.x() - c.x()) - half.x(), qy = std::abs(p.y() - c.y()) - half.y(),
               qz = std::abs(p.z() - c.z()) - half.z();
  const double ox = std::max(qx, 0.0), oy = std::max(qy, 0.0), oz = std::max(qz, 0.0);
  return std::sqrt(ox * ox + oy * oy + oz * oz) + std::min(std::max(qx, std::max(qy, qz)), 0.0);
}

inline double boxSdf(const Eigen::AlignedBox3d& b, const Eigen::Vector3d& p) {
  const Eigen::Vector3d q = (p - b.center()).cwiseAbs() - 0.5 * b.sizes();
  return q.cwiseMax(0.0).norm() + std::min(q.maxCoeff(), 0.0);
}

// Everything a voxel value depends on. Values are a pure function of the voxel
// index, so two tiles agree exactly on their overlap (the seams do not show).
struct Field {
  const LatticeZone* zone = nullptr;
  LatticeFrame frame;
  double h = 0, band = 0;
  bool struts = true;
  double skinMm = 0;
  std::vector<Eigen::AlignedBox3d> skinBoxes;  // box zones: one slab per chosen face
  FloatGrid::Ptr zoneGrid;                     // mesh zones
  Eigen::Vector3d boxCentre, boxHalf;          // box zones: the box, ready for boxDistance
  openvdb::math::Transform::Ptr xform;
  detail::IslandAnalysis islands;              // struts never drawn (floating fragments)
  FloatGrid::Ptr solidGrid;                    // the bonded solid, if any (united after the fill)
  Eigen::AlignedBox3d solidBox;
  bool removeSpecks = true;                    // drop sub-voxel specks (see removeSpecks)

  Field(const LatticeZone& z, const LatticeBuildOptions& o, double voxelMm, bool withStruts, const Progress& progress)
      : zone(&z), frame(o.frame), h(voxelMm), band(kBand * voxelMm), struts(withStruts), skinMm(o.skinMm) {
    initVdb();
    xform = openvdb::math::Transform::createLinearTransform(h);
    boxCentre = z.box.center();
    boxHalf = 0.5 * z.box.sizes();
    if (skinMm > 0 && z.kind == LatticeZone::Kind::Box) {
      for (int f = 0; f < 6; ++f) {
        if (!(o.skinFaces & (1u << f))) continue;
        Eigen::AlignedBox3d s = z.box;
        const int axis = f / 2;
        if (f % 2 == 0) s.max()[axis] = std::min(s.max()[axis], s.min()[axis] + skinMm);
        else s.min()[axis] = std::max(s.min()[axis], s.max()[axis] - skinMm);
        skinBoxes.push_back(s);
      }
      if (skinBoxes.empty()) skinMm = 0;
    }
    if (z.kind == LatticeZone::Kind::Mesh) buildZoneGrid(progress);
    if (!o.bondedSolid.empty()) {
      solidGrid = meshGrid(o.bondedSolid, float(kBand + 2), float(kBand + 2), progress);
      solidBox = bounds(o.bondedSolid);
    }
    removeSpecks = o.removeIslands;
    if (struts && o.removeIslands) findIslands(progress);
  }

  void findIslands(const Progress& progress);

  void buildZoneGrid(const Progress& progress) {
    // Exterior: enough for the strut band; interior: also the skin thickness.
    const float ex = float(kBand + 2), in = float(kBand + 2 + (skinMm > 0 ? std::ceil(skinMm / h) : 0));
    zoneGrid = meshGrid(zone->mesh, ex, in, progress);
  }
  // A closed mesh's signed distance (narrow band `ex` / `in` voxels, interior flooded).
  FloatGrid::Ptr meshGrid(const Mesh& m, float ex, float in, const Progress& progress) const {
    return meshToGrid(m, *xform, ex, in, progress);
  }
  // The bonded solid's signed distance (mm, negative inside; +-band far away).
  double solidAtPoint(const Eigen::Vector3d& p, const FloatGrid::ConstAccessor* acc) const {
    if (!solidGrid) return std::numeric_limits<double>::infinity();
    const openvdb::Vec3d ijk = xform->worldToIndex(openvdb::Vec3d(p.x(), p.y(), p.z()));
    float v = 0;
    if (acc) openvdb::tools::BoxSampler::sample(*acc, ijk, v);
    else openvdb::tools::BoxSampler::sample(solidGrid->tree(), ijk, v);
    return double(v);
  }
  // Everything the tiles must cover: the zone and the bonded solid.
  Eigen::AlignedBox3d coverBox() const { return solidGrid ? zone->box.merged(solidBox) : zone->box; }

  double zoneBandMm() const {
    if (zone->kind != LatticeZone::Kind::Mesh) return std::numeric_limits<double>::infinity();
    return double(zoneGrid->background());
  }

  // Zone distance at a voxel (negative inside).
  template <class Acc>
  double zoneAt(const Coord& ijk, const Eigen::Vector3d& p, Acc* acc) const {
    if (zone->kind == LatticeZone::Kind::Box) return boxDistance(boxCentre, boxHalf, p);
    if (zone->kind == LatticeZone::Kind::LevelSet) return zone->levelSetDistance(p);
    return double(acc->getValue(ijk));
  }
  double skinAt(const Eigen::Vector3d& p, double z) const {
    if (!(skinMm > 0)) return std::numeric_limits<double>::infinity();
    if (zone->kind == LatticeZone::Kind::Box) {
      double s = std::numeric_limits<double>::infinity();
      for (const auto& b : skinBoxes) s = std::min(s, boxSdf(b, p));
      return s;
    }
    return std::max(z, -skinMm - z);
  }
  // Zone distance at any world point (trilinear for mesh zones).
  double zoneAtPoint(const Eigen::Vector3d& p) const {
    if (zone->kind == LatticeZone::Kind::Box) return boxDistance(boxCentre, boxHalf, p);
    if (zone->kind == LatticeZone::Kind::LevelSet) return zone->levelSetDistance(p);
    openvdb::tools::GridSampler<FloatTree, openvdb::tools::BoxSampler> s(zoneGrid->tree(), *xform);
    return double(s.wsSample(openvdb::Vec3d(p.x(), p.y(), p.z())));
  }
  // The same through a (thread-local) accessor: same values, faster for many lookups.
  double zoneAtPoint(const Eigen::Vector3d& p, const FloatGrid::ConstAccessor* acc) const {
    if (!acc) return zoneAtPoint(p);
    const openvdb::Vec3d ijk = xform->worldToIndex(openvdb::Vec3d(p.x(), p.y(), p.z()));
    float v = 0;
    openvdb::tools::BoxSampler::sample(*acc, ijk, v);
    return double(v);
  }
};

// volumeToMesh places each vertex at the mean of its cell's edge crossings, which lies
// inside a convex strut: the mesh loses ~2 % of the strut volume at h = d/6 (measured:
// mesh porosity 0.0045 above voxel counting over 10-25 mm cubes; 0.0028 at d/8, i.e.
// proportional to (h/r)^2). Meshing at +0.1 h^2/r restores the capsule surface; the
// voxel field itself stays exact. See docs/lattice.md.
double mesherIsovalue(const Field& F);

struct FillCounters {
  std::uint64_t active = 0;
};

// Writes the field into a new grid over `region` (inclusive, leaf aligned): the strut
// fill (strut_fill.cpp), with the sub-voxel speck filter (speck_filter.h).
FloatGrid::Ptr fillRegion(const Field& F, const CoordBBox& region, const Progress& progress, FillCounters& counters);

// The tiles of a zone (tiled_mesher.cpp).
struct Layout {
  Coord imin;
  int tile = 0;
  int n[3] = {1, 1, 1};
  int count() const { return n[0] * n[1] * n[2]; }
};
Layout makeLayout(const Eigen::AlignedBox3d& box, double h, int tileVoxels);

using TriangleSink = std::function<void(const std::array<float, 3>&, const std::array<float, 3>&, const std::array<float, 3>&)>;

struct TileOutput {
  std::uint64_t triangles = 0, solidVoxels = 0;
  double volume = 0;
};

// Meshes `grid` at `isovalue` and emits the polygons whose centroid lies in the tile's
// own half-open box [lo, hi) (index units; +-inf on the outer sides); counts the
// own voxels below `solidBelow` as solid.
TileOutput meshTile(const FloatGrid& grid, const double lo[3], const double hi[3], const Coord& ownLo, const Coord& ownHi,
                    double h, double isovalue, const TriangleSink& sink, float solidBelow = 0.f, double adaptivity = 0);

// The bonded solid (bonded_solid.cpp): voxels of the tile's own region in the zone and
// outside the solid, and of those the ones below 0 in `lattice` (counted after the union
// and the pocket fill: outside the solid the united grid is the lattice's).
struct PorousCount {
  std::uint64_t region = 0, solid = 0;
};
PorousCount countPorousRegion(const Field& F, const FloatGrid& lattice, const Coord& ownLo, const Coord& ownHi);
// Unites the bonded solid, clipped to `region`, into the tile's grid.
void uniteBondedSolid(const Field& F, FloatGrid& grid, const CoordBBox& region);
// Fills and meshes every tile in turn, streaming triangles into `sink`.
LatticeBuildStats runTiles(const LatticeZone& zone, const LatticeBuildOptions& o, bool withStruts, double h,
                           const TriangleSink& sink, const Progress& progress);
// Runs the tiles into memory and welds the triangle soup into one indexed mesh.
LatticeBuildStats runTilesIntoMesh(const LatticeZone& zone, const LatticeBuildOptions& o, bool withStruts, double h,
                                   Mesh& out, const Progress& progress);

// Refuses options the builders cannot honour (voxel size, orientation, tiles, zone
// smaller than a cell) and requests beyond the memory (lattice_builder.cpp).
void checkOptions(const LatticeZone& zone, const LatticeBuildOptions& o);

}  // namespace tantalus::lattice::vdb
