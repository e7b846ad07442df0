// The OpenVDB part of the lattice engine: strut field per leaf, zone clip, skin,
// tiled meshing, measurements. OpenVDB types never leave this file.
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

#include "lattice_internal.h"
#include "tantalus/core/error.h"
#include "tantalus/core/resource_budget.h"
#include "tantalus/core/stl_io.h"

namespace tantalus::lattice {

namespace {

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

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

void initVdb() {
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

double boxSdf(const Eigen::AlignedBox3d& b, const Eigen::Vector3d& p) {
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
  openvdb::math::Transform::Ptr xform;
  detail::IslandAnalysis islands;              // struts never drawn (floating fragments)
  bool removeSpecks = true;                    // drop sub-voxel specks (see removeSpecks)

  Field(const LatticeZone& z, const LatticeBuildOptions& o, double voxelMm, bool withStruts, const Progress& progress)
      : zone(&z), frame(o.frame), h(voxelMm), band(kBand * voxelMm), struts(withStruts), skinMm(o.skinMm) {
    initVdb();
    xform = openvdb::math::Transform::createLinearTransform(h);
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
    removeSpecks = o.removeIslands;
    if (struts && o.removeIslands) findIslands(progress);
  }

  void findIslands(const Progress& progress);

  void buildZoneGrid(const Progress& progress) {
    std::vector<openvdb::Vec3s> pts(zone->mesh.vertexCount());
    for (std::size_t i = 0; i < pts.size(); ++i) {
      const auto r = zone->mesh.vertices.row(Eigen::Index(i));
      pts[i] = openvdb::Vec3s(r(0), r(1), r(2));
    }
    std::vector<openvdb::Vec3I> tris(zone->mesh.faceCount());
    for (std::size_t i = 0; i < tris.size(); ++i) {
      const auto f = zone->mesh.faces.row(Eigen::Index(i));
      tris[i] = openvdb::Vec3I(openvdb::Index32(f(0)), openvdb::Index32(f(1)), openvdb::Index32(f(2)));
    }
    // Exterior: enough for the strut band; interior: also the skin thickness.
    const float ex = float(kBand + 2), in = float(kBand + 2 + (skinMm > 0 ? std::ceil(skinMm / h) : 0));
    ProgressInterrupter interrupter(progress);
    zoneGrid = openvdb::tools::meshToSignedDistanceField<FloatGrid>(interrupter, *xform, pts, tris, {}, ex, in);
    progress.check();
  }

  double zoneBandMm() const {
    if (zone->kind != LatticeZone::Kind::Mesh) return std::numeric_limits<double>::infinity();
    return double(zoneGrid->background());
  }

  // Zone distance at a voxel (negative inside).
  template <class Acc>
  double zoneAt(const Coord& ijk, const Eigen::Vector3d& p, Acc* acc) const {
    if (zone->kind == LatticeZone::Kind::Box) return boxSdf(zone->box, p);
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
    if (zone->kind == LatticeZone::Kind::Box) return boxSdf(zone->box, p);
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

// The strut graph of the zone, once, before any tile (tiles are filled independently,
// so the decision has to be global). See detail::IslandAnalysis and docs/lattice.md.
void Field::findIslands(const Progress& progress) {
  progress.report(0.0, "finding floating fragments");
  std::vector<Strut> all = strutsInBox(frame, zone->box, h);
  struct Info {
    bool inZone = false, intrudes = false, axisIn = false, skin = false, aIn = false, bIn = false;
  };
  std::vector<Info> info(all.size());
  const double step = h / 2;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, all.size(), 256), [&](const tbb::blocked_range<std::size_t>& r) {
    if (progress.cancelled()) return;
    std::unique_ptr<FloatGrid::ConstAccessor> acc;
    if (zoneGrid) acc = std::make_unique<FloatGrid::ConstAccessor>(zoneGrid->getConstAccessor());
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const Strut& s = all[i];
      Info& in = info[i];
      const double rad = s.radiusMm, len = (s.b - s.a).norm();
      const double za = zoneAtPoint(s.a, acc.get()), zb = zoneAtPoint(s.b, acc.get());
      // A node joins its struts inside the zone when the ball of radius r around it (part
      // of every capsule that ends there) reaches at least r/2 into the zone (at least
      // one voxel): a solid, voxel-resolved contact, not a tangent shaving.
      const double joint = rad - std::max(0.5 * rad, h);
      in.aIn = za < joint;
      in.bIn = zb < joint;
      // Box and level-set distances are 1-Lipschitz: nothing of the strut comes near
      // the zone (nor the skin inside it).
      if (zone->kind != LatticeZone::Kind::Mesh && std::min(za, zb) - 0.5 * len - rad > h) continue;
      const int n = std::max(1, int(std::ceil(len / step)));
      double zmin = std::numeric_limits<double>::infinity();
      for (int k = 0; k <= n; ++k) {
        const Eigen::Vector3d p = s.a + (double(k) / n) * (s.b - s.a);
        const double zv = k == 0 ? za : k == n ? zb : zoneAtPoint(p, acc.get());
        zmin = std::min(zmin, zv);
        // Into the skin by at least half a radius: a solid, voxel-resolved contact.
        if (!in.skin && skinMm > 0 && skinAt(p, zv) < 0.5 * rad) in.skin = true;
      }
      // Generous (sampling error h/4, mesher isovalue < 0.1 h): every strut that can put
      // any solid into the zone is a vertex, so a stray sliver cannot escape the count.
      in.inZone = zmin - rad < h;
      in.intrudes = zmin - rad < 0;
      in.axisIn = zmin < 0;  // more than a shaving: the strut's axis enters the zone
      if (!in.inZone) in.skin = false;
    }
  });
  progress.check();

  // Union-find over the in-zone struts, plus one virtual skin vertex at index N.
  const std::size_t N = all.size();
  std::vector<std::uint32_t> parent(N + 1);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  auto unite = [&](std::uint32_t x, std::uint32_t y) {
    x = find(x);
    y = find(y);
    if (x != y) parent[std::max(x, y)] = std::min(x, y);
  };
  std::unordered_map<std::int64_t, std::uint32_t> owner;
  bool anySkin = false;
  for (std::uint32_t i = 0; i < N; ++i) {
    const Info& in = info[i];
    if (!in.inZone) continue;
    ++islands.strutsInZone;
    if (in.aIn) {
      auto [it, fresh] = owner.try_emplace(all[i].nodeA, i);
      if (!fresh) unite(i, it->second);
    }
    if (in.bIn) {
      auto [it, fresh] = owner.try_emplace(all[i].nodeB, i);
      if (!fresh) unite(i, it->second);
    }
    if (in.skin) {
      unite(i, std::uint32_t(N));
      anySkin = true;
    }
  }
  // Component sizes in intruding struts; the kept root.
  std::unordered_map<std::uint32_t, std::uint64_t> size;
  for (std::uint32_t i = 0; i < N; ++i)
    if (info[i].inZone) size[find(i)] += info[i].intrudes ? 1 : 0;
  islands.components = size.size();
  std::uint32_t keep = std::uint32_t(N);
  islands.keptBySkin = anySkin;
  if (anySkin) {
    keep = find(std::uint32_t(N));
  } else {
    std::uint64_t best = 0;
    for (const auto& [root, n] : size)
      if (n > best || (n == best && root < keep)) {
        best = n;
        keep = root;
      }
  }
  // Without a skin: debris is smaller than one cell, so a separate component of a
  // cell's worth of struts or more is structure (a zone of several bodies, or a neck
  // thinner than a cell) and is kept. With a skin, what does not reach it floats.
  std::unordered_set<std::uint32_t> keptRoots{keep};
  if (!anySkin)
    for (const auto& [root, n] : size)
      if (n >= std::uint64_t(kStrutsPerCell)) keptRoots.insert(root);
  for (const auto& [root, n] : size) islands.keptComponents += keptRoots.count(root);
  // A dropped component is a floating fragment when some strut's axis enters the
  // zone; otherwise it is only a boundary sliver (a shaving of a grazing strut).
  std::unordered_set<std::uint32_t> fragmentRoots, sliverRoots;
  for (std::uint32_t i = 0; i < N; ++i)
    if (info[i].inZone && info[i].axisIn && !keptRoots.count(find(i))) fragmentRoots.insert(find(i));
  for (std::uint32_t i = 0; i < N; ++i) {
    if (!info[i].inZone) continue;
    const std::uint32_t root = find(i);
    if (keptRoots.count(root)) continue;
    islands.dropped.emplace(all[i].nodeA, all[i].nodeB);
    if (!info[i].intrudes) continue;
    if (fragmentRoots.count(root)) {
      ++islands.droppedStruts;
    } else {
      ++islands.sliverStruts;
      sliverRoots.insert(root);
    }
  }
  islands.droppedComponents = fragmentRoots.size();
  islands.sliverComponents = sliverRoots.size();
}

// volumeToMesh places each vertex at the mean of its cell's edge crossings, which lies
// inside a convex strut: the mesh loses ~2 % of the strut volume at h = d/6 (measured:
// mesh porosity 0.0045 above voxel counting over 10-25 mm cubes; 0.0028 at d/8, i.e.
// proportional to (h/r)^2). Meshing at +0.1 h^2/r restores the capsule surface; the
// voxel field itself stays exact. See docs/lattice.md.
double mesherIsovalue(const Field& F) {
  if (!F.struts) return 0.0;
  const double r = F.frame.cell.strutMm / 2;
  return 0.1 * F.h * F.h / r;
}

// Sub-voxel specks. Where a capsule grazes a zone surface that is not aligned with the
// voxel grid (mesh zones, curved level sets), the clipped sliver is thinner than a voxel
// and the voxel centres catch it only here and there: a few solid voxels with no solid
// face neighbour towards the rest (volumeToMesh does not join voxels that touch only
// along an edge or a corner), i.e. a separate mesh part of a dozen triangles. The
// strut graph cannot see those (the geometry is connected, its sampling is not). A solid
// component of at most kSpeckVoxels voxels, wholly visible in the region (kept 2 voxels
// from its border), is set outside. Values are a pure function of the index and a speck
// that any tile meshes lies well inside that tile's halo, so all tiles agree.
constexpr int kSpeckVoxels = 27;

// `nearZoneSurface` limits the seeds: a speck is a sliver cut by the zone surface, so its
// voxels lie within a voxel or two of it (seeding from every solid voxel cost as much as
// the fill itself).
template <class NearSurface>
void removeSpecks(FloatGrid& grid, const CoordBBox& region, double h, double iso, const NearSurface& nearZoneSurface) {
  const Coord dim = region.dim();
  const std::size_t n = std::size_t(dim.x()) * std::size_t(dim.y()) * std::size_t(dim.z());
  std::vector<std::uint8_t> state(n, 0);  // 1: part of a big component, 2: visited now
  auto index = [&](const Coord& c) {
    const Coord d = c - region.min();
    return (std::size_t(d.x()) * std::size_t(dim.y()) + std::size_t(d.y())) * std::size_t(dim.z()) + std::size_t(d.z());
  };
  auto nearBorder = [&](const Coord& c) {
    for (int i = 0; i < 3; ++i)
      if (c[i] < region.min()[i] + 2 || c[i] > region.max()[i] - 2) return true;
    return false;
  };
  auto acc = grid.getAccessor();
  const float fiso = float(iso), shallow = float(-2.0 * h);
  std::vector<Coord> seeds, comp, stack;
  for (auto it = grid.tree().cbeginValueOn(); it; ++it)
    if (*it < fiso && *it > shallow && nearZoneSurface(it.getCoord())) seeds.push_back(it.getCoord());
  for (const Coord& s : seeds) {
    if (!region.isInside(s) || state[index(s)] == 1) continue;
    comp.clear();
    stack.assign(1, s);
    state[index(s)] = 2;
    bool big = false;
    CoordBBox extent;
    while (!stack.empty() && !big) {
      const Coord c = stack.back();
      stack.pop_back();
      comp.push_back(c);
      extent.expand(c);
      // A speck must fit well inside the halo on every axis, so that every tile that
      // meshes any of it sees all of it and decides alike (no seam can open).
      const Coord span = extent.dim();
      if (nearBorder(c) || comp.size() > std::size_t(kSpeckVoxels) ||
          std::max({span.x(), span.y(), span.z()}) > kHalo - 3) {
        big = true;
        break;
      }
      for (int k = 0; k < 6 && !big; ++k) {
        {
          {
            const int dx = k == 0 ? -1 : k == 1 ? 1 : 0, dy = k == 2 ? -1 : k == 3 ? 1 : 0, dz = k == 4 ? -1 : k == 5 ? 1 : 0;
            const Coord q = c.offsetBy(dx, dy, dz);
            if (!region.isInside(q)) continue;
            std::uint8_t& st = state[index(q)];
            if (st == 2) continue;
            if (!(acc.getValue(q) < fiso)) continue;
            if (st == 1) {
              big = true;
              break;
            }
            st = 2;
            stack.push_back(q);
          }
        }
      }
    }
    if (big) {
      for (const Coord& c : comp) state[index(c)] = 1;
      for (const Coord& c : stack) state[index(c)] = 1;
    } else {
      for (const Coord& c : comp) {
        acc.setValueOn(c, float(h));  // outside: no crossing, no solid voxel
        state[index(c)] = 1;          // never a seed again (its value no longer is solid)
      }
    }
  }
}

struct FillCounters {
  std::uint64_t active = 0;
};

// Writes the field into a new grid over `region` (inclusive, leaf aligned).
FloatGrid::Ptr fillRegion(const Field& F, const CoordBBox& region, const Progress& progress, FillCounters& counters) {
  auto grid = FloatGrid::create(float(F.band));
  grid->setTransform(F.xform->copy());
  grid->setGridClass(openvdb::GRID_LEVEL_SET);
  const double h = F.h, band = F.band;
  const Eigen::Vector3d wmin = h * Eigen::Vector3d(region.min().x(), region.min().y(), region.min().z());
  const Eigen::Vector3d wmax = h * Eigen::Vector3d(region.max().x(), region.max().y(), region.max().z());
  const Eigen::AlignedBox3d wbox(wmin, wmax);
  // Nothing of the zone here?
  Eigen::AlignedBox3d zb = F.zone->box;
  zb.min().array() -= band + 2 * h;
  zb.max().array() += band + 2 * h;
  if (!zb.intersects(wbox)) return grid;

  std::vector<Strut> struts;
  if (F.struts) struts = strutsInBox(F.frame, wbox.intersection(zb), band + h);
  if (!F.islands.dropped.empty())
    std::erase_if(struts, [&](const Strut& s) { return F.islands.dropped.count({s.nodeA, s.nodeB}) > 0; });
  const int nl[3] = {(region.dim().x()) / 8, (region.dim().y()) / 8, (region.dim().z()) / 8};
  const std::size_t nLeaves = std::size_t(nl[0]) * std::size_t(nl[1]) * std::size_t(nl[2]);
  std::vector<std::vector<std::uint32_t>> bucket(nLeaves);
  auto leafIndex = [&](int x, int y, int z) { return (std::size_t(x) * std::size_t(nl[1]) + std::size_t(y)) * std::size_t(nl[2]) + std::size_t(z); };
  // Spatial hash of struts: each strut goes to every leaf its capsule (+ band) may touch.
  for (std::uint32_t s = 0; s < struts.size(); ++s) {
    Eigen::AlignedBox3d b(struts[s].a);
    b.extend(struts[s].b);
    const double ext = struts[s].radiusMm + band + h;
    int lo[3], hi[3];
    bool empty = false;
    for (int i = 0; i < 3; ++i) {
      lo[i] = std::max(0, int(std::floor((b.min()[i] - ext) / h)) - region.min()[i]) / 8;
      hi[i] = std::min(nl[i] * 8 - 1, int(std::ceil((b.max()[i] + ext) / h)) - region.min()[i]);
      if (hi[i] < 0) empty = true;
      hi[i] /= 8;
      if (lo[i] > hi[i]) empty = true;
    }
    if (empty) continue;
    for (int x = lo[0]; x <= hi[0]; ++x)
      for (int y = lo[1]; y <= hi[1]; ++y)
        for (int z = lo[2]; z <= hi[2]; ++z) bucket[leafIndex(x, y, z)].push_back(s);
  }
  // Leaves to evaluate: near a strut, or near the skin.
  const double halfDiag = 4.0 * std::sqrt(3.0) * h;
  std::vector<std::size_t> todo;
  for (int x = 0; x < nl[0]; ++x)
    for (int y = 0; y < nl[1]; ++y)
      for (int z = 0; z < nl[2]; ++z) {
        const std::size_t li = leafIndex(x, y, z);
        const Eigen::Vector3d centre = wmin + h * (8.0 * Eigen::Vector3d(x, y, z) + Eigen::Vector3d::Constant(3.5));
        // Box and level-set zones give a true distance: skip leaves wholly outside.
        if (F.zone->kind != LatticeZone::Kind::Mesh && F.zoneAtPoint(centre) > halfDiag + band) continue;
        bool need = !bucket[li].empty();
        if (!need && F.skinMm > 0) {
          if (F.zone->kind == LatticeZone::Kind::Box) need = F.skinAt(centre, 0) < halfDiag + band;
          else need = F.zone->box.intersects(Eigen::AlignedBox3d(centre.array() - halfDiag - band, centre.array() + halfDiag + band));
        }
        if (need) todo.push_back(li);
      }

  const float bg = float(band);
  // Struts in float, ready for the inner loop: a, b - a, 1/|b - a|^2, r.
  struct FS {
    float ax, ay, az, dx, dy, dz, inv, r;
  };
  std::vector<FS> fs(struts.size());
  for (std::size_t i = 0; i < struts.size(); ++i) {
    const Eigen::Vector3d d = struts[i].b - struts[i].a;
    fs[i] = {float(struts[i].a.x()), float(struts[i].a.y()), float(struts[i].a.z()), float(d.x()), float(d.y()),
             float(d.z()), float(1.0 / d.squaredNorm()), float(struts[i].radiusMm)};
  }
  const bool uniformRadius = !F.frame.grading.has_value();
  const float fr = float(F.frame.cell.strutMm / 2);
  // Half diagonal of a 4^3 block of voxel centres: struts farther than this plus the
  // band from the block centre cannot bring any of its voxels into the band.
  const double subReach = 1.5 * std::sqrt(3.0) * h + band + 1e-6;
  std::atomic<std::uint64_t> active{0};
  tbb::enumerable_thread_specific<std::vector<Leaf*>> made;
  const std::size_t chunk = 2048;
  for (std::size_t c0 = 0; c0 < todo.size(); c0 += chunk) {
    progress.report(double(c0) / double(std::max<std::size_t>(1, todo.size())), "filling strut field");
    const std::size_t c1 = std::min(todo.size(), c0 + chunk);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(c0, c1), [&](const tbb::blocked_range<std::size_t>& r) {
      if (progress.cancelled()) return;
      std::unique_ptr<FloatGrid::ConstAccessor> acc;
      if (F.zoneGrid) acc = std::make_unique<FloatGrid::ConstAccessor>(F.zoneGrid->getConstAccessor());
      auto& mine = made.local();
      std::uint64_t on = 0;
      std::vector<FS> near;
      near.reserve(64);
      for (std::size_t t = r.begin(); t != r.end(); ++t) {
        const std::size_t li = todo[t];
        const int lx = int(li / (std::size_t(nl[1]) * std::size_t(nl[2])));
        const int ly = int((li / std::size_t(nl[2])) % std::size_t(nl[1]));
        const int lz = int(li % std::size_t(nl[2]));
        const Coord origin = region.min() + Coord(lx * 8, ly * 8, lz * 8);
        auto leaf = std::make_unique<Leaf>(origin, bg, false);
        const auto& bs = bucket[li];
        bool any = false;
        for (int sb = 0; sb < 8; ++sb) {
          const int bx = (sb >> 2) * 4, by = ((sb >> 1) & 1) * 4, bz = (sb & 1) * 4;
          const Eigen::Vector3d centre = h * (Eigen::Vector3d(origin.x() + bx, origin.y() + by, origin.z() + bz) +
                                              Eigen::Vector3d::Constant(1.5));
          near.clear();
          for (const std::uint32_t s : bs)
            if (segmentDistance(centre, struts[s].a, struts[s].b) - struts[s].radiusMm < subReach) near.push_back(fs[s]);
          for (int x = bx; x < bx + 4; ++x)
            for (int y = by; y < by + 4; ++y)
              for (int z = bz; z < bz + 4; ++z) {
                const openvdb::Index n = openvdb::Index((x << 6) | (y << 3) | z);
                const Coord ijk = origin + Coord(x, y, z);
                const Eigen::Vector3d p(h * ijk.x(), h * ijk.y(), h * ijk.z());
                const double zv = F.zoneAt(ijk, p, acc.get());
                const double sv = F.skinAt(p, zv);
                if (zv >= band && sv >= band) continue;
                if (near.empty() && sv >= band) continue;
                const float px = float(p.x()), py = float(p.y()), pz = float(p.z());
                float best = std::numeric_limits<float>::infinity();
                if (uniformRadius) {
                  for (const FS& q : near) {
                    const float ux = px - q.ax, uy = py - q.ay, uz = pz - q.az;
                    const float tt = std::clamp((ux * q.dx + uy * q.dy + uz * q.dz) * q.inv, 0.f, 1.f);
                    const float wx = ux - tt * q.dx, wy = uy - tt * q.dy, wz = uz - tt * q.dz;
                    best = std::min(best, wx * wx + wy * wy + wz * wz);
                  }
                  best = std::sqrt(best) - fr;
                } else {
                  for (const FS& q : near) {
                    const float ux = px - q.ax, uy = py - q.ay, uz = pz - q.az;
                    const float tt = std::clamp((ux * q.dx + uy * q.dy + uz * q.dz) * q.inv, 0.f, 1.f);
                    const float wx = ux - tt * q.dx, wy = uy - tt * q.dy, wz = uz - tt * q.dz;
                    best = std::min(best, std::sqrt(wx * wx + wy * wy + wz * wz) - q.r);
                  }
                }
                const double v = std::min(std::max(double(best), zv), sv);
                if (v >= band) continue;
                any = true;
                if (v > -band) {
                  leaf->setValueOn(n, float(v));
                  ++on;
                } else {
                  leaf->setValueOff(n, -bg);
                }
              }
        }
        if (any) mine.push_back(leaf.release());
      }
      active += on;
    });
    // Hand the leaves to the tree at once, so a cancel below leaks nothing.
    for (auto& v : made) {
      for (Leaf* l : v) grid->tree().addLeaf(l);
      v.clear();
    }
    progress.check();
  }
  counters.active += active.load();
  if (F.struts && F.removeSpecks) {
    std::unique_ptr<FloatGrid::ConstAccessor> zacc;
    if (F.zoneGrid) zacc = std::make_unique<FloatGrid::ConstAccessor>(F.zoneGrid->getConstAccessor());
    const double reach = 2 * F.h;
    removeSpecks(*grid, region, F.h, mesherIsovalue(F), [&](const Coord& c) {
      return std::abs(F.zoneAtPoint(Eigen::Vector3d(F.h * c.x(), F.h * c.y(), F.h * c.z()), zacc.get())) < reach;
    });
  }
  return grid;
}

struct Layout {
  Coord imin;
  int tile = 0;
  int n[3] = {1, 1, 1};
  int count() const { return n[0] * n[1] * n[2]; }
};

int floorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

Layout makeLayout(const LatticeZone& zone, double h, int tileVoxels) {
  Layout L;
  const int pad = kBand + 2;
  int lo[3], hi[3];
  for (int i = 0; i < 3; ++i) {
    lo[i] = floorDiv(int(std::floor(zone.box.min()[i] / h)) - pad, 8) * 8;
    hi[i] = int(std::ceil(zone.box.max()[i] / h)) + pad;
  }
  int extent = 0;
  for (int i = 0; i < 3; ++i) extent = std::max(extent, hi[i] - lo[i] + 1);
  L.tile = tileVoxels > 0 ? std::max(8, tileVoxels / 8 * 8) : (extent + 7) / 8 * 8;
  L.imin = Coord(lo[0], lo[1], lo[2]);
  for (int i = 0; i < 3; ++i) L.n[i] = std::max(1, (hi[i] - lo[i] + 1 + L.tile - 1) / L.tile);
  return L;
}

using TriangleSink = std::function<void(const std::array<float, 3>&, const std::array<float, 3>&, const std::array<float, 3>&)>;

struct TileOutput {
  std::uint64_t triangles = 0, solidVoxels = 0;
  double volume = 0;
};

// Meshes `grid` and emits the polygons whose centroid lies in the tile's own
// half-open box [lo, hi) (index units; +-inf on the outer sides).
TileOutput meshTile(const FloatGrid& grid, const double lo[3], const double hi[3], const Coord& ownLo, const Coord& ownHi,
                    double h, double isovalue, const TriangleSink& sink) {
  TileOutput out;
  for (auto it = grid.tree().cbeginLeaf(); it; ++it)
    for (openvdb::Index n = 0; n < Leaf::SIZE; ++n)
      if (it->getValue(n) < 0.f) {
        const Coord c = it->offsetToGlobalCoord(n);
        if (c.x() >= ownLo.x() && c.y() >= ownLo.y() && c.z() >= ownLo.z() && c.x() < ownHi.x() && c.y() < ownHi.y() &&
            c.z() < ownHi.z())
          ++out.solidVoxels;
      }
  std::vector<openvdb::Vec3s> pts;
  std::vector<openvdb::Vec3I> tris;
  std::vector<openvdb::Vec4I> quads;
  openvdb::tools::volumeToMesh(grid, pts, tris, quads, isovalue, 0.0, false);
  auto own = [&](const openvdb::Vec3d& c) {
    for (int i = 0; i < 3; ++i) {
      const double u = c[i] / h;
      if (!(u >= lo[i] && u < hi[i])) return false;
    }
    return true;
  };
  auto emit = [&](const openvdb::Vec3s& a, const openvdb::Vec3s& b, const openvdb::Vec3s& c) {
    // A quad with two coincident corners (the surface through a voxel centre) leaves a
    // zero-area sliver; dropping it keeps every edge paired.
    if (a == b || b == c || a == c) return;
    const std::array<float, 3> A{a[0], a[1], a[2]}, B{b[0], b[1], b[2]}, C{c[0], c[1], c[2]};
    const Eigen::Vector3d x(A[0], A[1], A[2]), y(B[0], B[1], B[2]), z(C[0], C[1], C[2]);
    if (kReverseWinding) {
      sink(A, C, B);
      out.volume -= x.dot(y.cross(z)) / 6.0;
    } else {
      sink(A, B, C);
      out.volume += x.dot(y.cross(z)) / 6.0;
    }
    ++out.triangles;
  };
  for (const auto& q : quads) {
    const openvdb::Vec3d c = (openvdb::Vec3d(pts[q[0]]) + pts[q[1]] + pts[q[2]] + pts[q[3]]) * 0.25;
    if (!own(c)) continue;
    // Split along the same diagonal everywhere (0-2, or 1-3 when 0 and 2 coincide):
    // both sides of a seam decide alike, being given identical points.
    if (pts[q[0]] == pts[q[2]]) {
      emit(pts[q[0]], pts[q[1]], pts[q[3]]);
      emit(pts[q[1]], pts[q[2]], pts[q[3]]);
    } else {
      emit(pts[q[0]], pts[q[1]], pts[q[2]]);
      emit(pts[q[0]], pts[q[2]], pts[q[3]]);
    }
  }
  for (const auto& t : tris) {
    const openvdb::Vec3d c = (openvdb::Vec3d(pts[t[0]]) + pts[t[1]] + pts[t[2]]) / 3.0;
    if (own(c)) emit(pts[t[0]], pts[t[1]], pts[t[2]]);
  }
  return out;
}

LatticeBuildStats runTiles(const LatticeZone& zone, const LatticeBuildOptions& o, bool withStruts, double h,
                           const TriangleSink& sink, const Progress& progress) {
  const auto t0 = Clock::now();
  LatticeBuildStats st;
  st.voxelMm = h;
  st.zoneVolumeMm3 = zone.volumeMm3();
  progress.report(0.0, "preparing zone");
  const Field F(zone, o, h, withStruts, progress.sub(0.0, 0.05));
  const Layout L = makeLayout(zone, h, o.tileVoxels);
  st.tiles = L.count();
  int done = 0;
  const double inf = std::numeric_limits<double>::infinity();
  for (int tx = 0; tx < L.n[0]; ++tx)
    for (int ty = 0; ty < L.n[1]; ++ty)
      for (int tz = 0; tz < L.n[2]; ++tz) {
        const int t[3] = {tx, ty, tz};
        const Coord ownLo = L.imin + Coord(tx * L.tile, ty * L.tile, tz * L.tile);
        const Coord ownHi = ownLo + Coord(L.tile, L.tile, L.tile);
        double lo[3], hi[3];
        for (int i = 0; i < 3; ++i) {
          lo[i] = t[i] == 0 ? -inf : double(ownLo[i]);
          hi[i] = t[i] == L.n[i] - 1 ? inf : double(ownHi[i]);
        }
        const CoordBBox region(ownLo - Coord(kHalo), ownHi - Coord(1) + Coord(kHalo));
        const double f0 = 0.05 + 0.95 * done / st.tiles, f1 = 0.05 + 0.95 * (done + 1) / st.tiles;
        const Progress tp = progress.sub(f0, f1);
        const std::string name = "tile " + std::to_string(done + 1) + "/" + std::to_string(st.tiles);
        auto tf = Clock::now();
        FillCounters fc;
        FloatGrid::Ptr grid = fillRegion(F, region, tp.sub(0.0, 0.6), fc);
        st.fillSeconds += seconds(tf);
        st.activeVoxels += fc.active;
        tp.report(0.6, name + ": meshing");
        auto tm = Clock::now();
        const TileOutput out = meshTile(*grid, lo, hi, ownLo, ownHi, h, mesherIsovalue(F), sink);
        st.meshSeconds += seconds(tm);
        st.triangles += out.triangles;
        st.solidVoxels += out.solidVoxels;
        st.meshVolumeMm3 += out.volume;
        ++done;
        tp.report(1.0, name + " done");
      }
  if (withStruts) {
    std::uint64_t n = 0;
    const Field* pf = &F;
    forEachStrut(o.frame, zone.box, 0.0, [&](const Strut& s) {
      if (std::min(pf->zoneAtPoint(s.a), pf->zoneAtPoint(s.b)) < s.radiusMm) ++n;
    });
    st.struts = n;
    st.islandStruts = F.islands.droppedStruts;
    st.islandComponents = F.islands.droppedComponents;
    st.latticeBodies = F.islands.keptComponents;
    st.sliverStruts = F.islands.sliverStruts;
  }
  st.totalSeconds = seconds(t0);
  return st;
}

void checkOptions(const LatticeZone& zone, const LatticeBuildOptions& o) {
  const double h = o.resolvedVoxelMm();
  if (!(h > 0) || !std::isfinite(h)) throw Error("voxel size must be > 0", "--voxel-um");
  if (h < o.frame.cell.strutMm / 32)
    throw Error("voxel size " + std::to_string(h * 1000) + " µm is finer than d/32: no accuracy gained, memory and time explode",
                "--voxel-um", "omit it (d/6) or use at least d/16");
  if (!o.frame.rotation.allFinite() || !o.frame.origin.allFinite())
    throw Error("lattice orientation is not a finite rotation", "--orient-deg / --build-dir", "give finite angles or a non-zero direction");
  if (o.tileVoxels != 0 && (o.tileVoxels < 16 || o.tileVoxels > 1024))
    throw Error("tile edge must be 16..1024 voxels (or 0 for one tile)", "--tile-voxels", "keep the default 256");
  if (h > o.frame.cell.strutMm / 2)
    throw Error("voxel size " + std::to_string(h * 1000) + " µm cannot resolve struts of " +
                    std::to_string(o.frame.cell.strutMm * 1000) + " µm", "--voxel-um",
                "use at most d/2; d/6 (the default) keeps the strut diameter error under 5 %");
  const double minSide = zone.box.sizes().minCoeff();
  if (minSide < o.frame.cell.cellMm)
    throw Error("zone is smaller than one lattice cell (" + std::to_string(minSide) + " mm < a = " +
                    std::to_string(o.frame.cell.cellMm) + " mm)", "zone",
                "enlarge the zone or choose a smaller pore size");
  const double voxels = zone.box.volume() / (h * h * h);
  if (o.tileVoxels == 0 && voxels > 4e9)
    throw Error("zone too large for an untiled build at this voxel size", "zone", "leave tiling on");
  requireLatticeBudget(zone, o);
}

}  // namespace

std::vector<std::string> latticeBuildWarnings(const LatticeZone& zone, const LatticeBuildOptions& o) {
  std::vector<std::string> w;
  if (!(o.skinMm > 0)) return w;
  if (zone.kind == LatticeZone::Kind::Box) {
    if ((o.skinFaces & kSkinAll) == kSkinAll)
      w.push_back("the skin closes the zone on all faces: powder cannot be removed from the lattice inside; "
                  "leave at least one face open (--skin-faces, e.g. x-,x+,y-,y+,z-)");
  } else {
    w.push_back("the skin of a mesh or level-set zone covers its whole surface: powder cannot be removed from the "
                "lattice inside; leave at least one face open (build without --skin-mm and add the shell separately)");
  }
  return w;
}

double LatticeBuildOptions::resolvedVoxelMm() const { return voxelMm > 0 ? voxelMm : frame.cell.strutMm / 6.0; }

double LatticeBuildStats::porosityFromVoxels() const {
  return 1.0 - double(solidVoxels) * voxelMm * voxelMm * voxelMm / zoneVolumeMm3;
}

LatticeBuildStats buildLatticeStl(const LatticeZone& zone, const LatticeBuildOptions& o, const std::filesystem::path& stl,
                                  const Progress& progress) {
  checkOptions(zone, o);
  requireLatticeBudget(zone, o, stl);
  StlStreamWriter w(stl, "porous lattice RD");
  LatticeBuildStats st = runTiles(
      zone, o, true, o.resolvedVoxelMm(),
      [&](const std::array<float, 3>& a, const std::array<float, 3>& b, const std::array<float, 3>& c) { w.add(a, b, c); },
      progress);
  if (st.triangles == 0) throw Error("the lattice is empty in this zone", "zone", "check the zone and the pore size");
  w.commit();
  st.stlBytes = w.bytes();
  return st;
}

namespace {
// Runs the tiles into memory and welds the triangle soup into one indexed mesh.
LatticeBuildStats runTilesIntoMesh(const LatticeZone& zone, const LatticeBuildOptions& o, bool withStruts, double h,
                                   Mesh& out, const Progress& progress) {
  std::vector<std::array<float, 3>> v;
  LatticeBuildStats st = runTiles(
      zone, o, withStruts, h,
      [&](const std::array<float, 3>& a, const std::array<float, 3>& b, const std::array<float, 3>& c) {
        v.push_back(a);
        v.push_back(b);
        v.push_back(c);
      },
      progress);
  Mesh soup;
  soup.vertices.resize(Eigen::Index(v.size()), 3);
  soup.faces.resize(Eigen::Index(v.size() / 3), 3);
  for (std::size_t i = 0; i < v.size(); ++i)
    soup.vertices.row(Eigen::Index(i)) = Eigen::RowVector3f(v[i][0], v[i][1], v[i][2]);
  for (Eigen::Index f = 0; f < soup.faces.rows(); ++f) soup.faces.row(f) = Eigen::RowVector3i(int(3 * f), int(3 * f + 1), int(3 * f + 2));
  std::vector<std::array<float, 3>>().swap(v);
  out = weldVertices(soup, 1e-6);
  return st;
}
}  // namespace

LatticeBuildStats buildLatticeMesh(const LatticeZone& zone, const LatticeBuildOptions& o, Mesh& out,
                                   const Progress& progress) {
  checkOptions(zone, o);
  return runTilesIntoMesh(zone, o, true, o.resolvedVoxelMm(), out, progress);
}

LatticeMeasurement measureLattice(const LatticeZone& zone, const LatticeBuildOptions& o, const Progress& progress) {
  checkOptions(zone, o);
  LatticeMeasurement m;
  const double h = o.resolvedVoxelMm();
  const Field F(zone, o, h, true, progress.sub(0, 0.05));
  const Layout L = makeLayout(zone, h, 0);
  const Coord ownLo = L.imin, ownHi = ownLo + Coord(L.tile);
  const CoordBBox region(ownLo - Coord(kHalo), ownHi - Coord(1) + Coord(kHalo));
  FillCounters fc;
  const auto t0 = Clock::now();
  FloatGrid::Ptr grid = fillRegion(F, region, progress.sub(0.05, 0.6), fc);
  m.fillSeconds = seconds(t0);
  m.activeVoxels = fc.active;
  const double inf = std::numeric_limits<double>::infinity();
  const double lo[3] = {-inf, -inf, -inf}, hi[3] = {inf, inf, inf};
  const TileOutput out = meshTile(*grid, lo, hi, ownLo, ownHi, h, mesherIsovalue(F), [](auto&, auto&, auto&) {});
  const double V = zone.volumeMm3();
  m.porosityVoxels = 1.0 - double(out.solidVoxels) * h * h * h / V;
  m.porosityMesh = 1.0 - out.volume / V;
  progress.report(0.8, "measuring struts and windows");

  openvdb::tools::GridSampler<FloatTree, openvdb::tools::BoxSampler> sampler(grid->tree(), grid->transform());
  auto sample = [&](const Eigen::Vector3d& p) { return double(sampler.wsSample(openvdb::Vec3d(p.x(), p.y(), p.z()))); };
  // Distance along a ray from p (inside the pore or the strut) to the first sign change.
  auto crossing = [&](const Eigen::Vector3d& p, const Eigen::Vector3d& dir, double maxT, bool fromSolid) {
    const double step = h / 4;
    double prev = sample(p), tprev = 0;
    for (double t = step; t <= maxT; t += step) {
      const double v = sample(p + t * dir);
      if (fromSolid ? v >= 0 : v <= 0) return tprev + step * prev / (prev - v);
      prev = v;
      tprev = t;
    }
    return std::numeric_limits<double>::quiet_NaN();
  };
  // Strut diameters at mid-length, struts well inside the zone.
  const double rMax = o.frame.maxStrutDiameter() / 2;
  std::vector<Strut> struts = strutsInBox(o.frame, zone.box, 0.0);
  const std::size_t strideS = std::max<std::size_t>(1, struts.size() / 3000);
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < struts.size(); i += strideS) {
    const Strut& s = struts[i];
    if (F.zoneAtPoint(s.a) > -(rMax + 4 * h) || F.zoneAtPoint(s.b) > -(rMax + 4 * h)) continue;
    const Eigen::Vector3d mid = 0.5 * (s.a + s.b), u = (s.b - s.a).normalized();
    const Eigen::Vector3d e1 = u.unitOrthogonal(), e2 = u.cross(e1);
    double rs = 0;
    int k = 0;
    for (; k < 16; ++k) {
      const double th = 2 * M_PI * k / 16;
      const double t = crossing(mid, std::cos(th) * e1 + std::sin(th) * e2, 4 * rMax, true);
      if (std::isnan(t)) break;
      rs += t;
    }
    if (k < 16) continue;
    const double d = 2 * rs / 16;
    sum += d;
    sum2 += d * d;
    ++m.strutsMeasured;
  }
  if (m.strutsMeasured) {
    m.meanStrutDiameterMm = sum / double(m.strutsMeasured);
    m.strutDiameterSpreadMm = std::sqrt(std::max(0.0, sum2 / double(m.strutsMeasured) - m.meanStrutDiameterMm * m.meanStrutDiameterMm));
  }
  // Windows: 2 x the smallest in-plane distance from the face centre to the solid.
  const double a = o.frame.cell.cellMm;
  const auto windows = windowsInBox(o.frame, zone.box);
  const std::size_t strideW = std::max<std::size_t>(1, windows.size() / 2000);
  double wsum = 0;
  for (std::size_t i = 0; i < windows.size(); i += strideW) {
    const Window& w = windows[i];
    if (F.zoneAtPoint(w.centre) > -a) continue;
    const Eigen::Vector3d e1 = w.normal.unitOrthogonal(), e2 = w.normal.cross(e1);
    double best = inf;
    for (int k = 0; k < 180; ++k) {
      const double th = 2 * M_PI * k / 180;
      const double t = crossing(w.centre, std::cos(th) * e1 + std::sin(th) * e2, a, false);
      if (!std::isnan(t)) best = std::min(best, t);
    }
    if (!std::isfinite(best)) continue;
    wsum += 2 * best;
    ++m.windowsMeasured;
  }
  if (m.windowsMeasured) m.meanWindowMm = wsum / double(m.windowsMeasured);
  progress.report(1.0, "measured");
  return m;
}

FillRate timeStrutFill(const LatticeZone& zone, const LatticeBuildOptions& o) {
  checkOptions(zone, o);
  const double h = o.resolvedVoxelMm();
  const Field F(zone, o, h, true, Progress::none());
  const Layout L = makeLayout(zone, h, 0);
  const CoordBBox region(L.imin - Coord(kHalo), L.imin + Coord(L.tile - 1 + kHalo));
  FillCounters fc;
  const auto t0 = Clock::now();
  auto grid = fillRegion(F, region, Progress::none(), fc);
  FillRate r{fc.active, seconds(t0)};
  return r;
}

FillRate timeReferenceSphereFill(double h, std::uint64_t target) {
  initVdb();
  // A narrow band of 2*kBand voxels around a sphere: N ~ 4 pi R^2 * 2 kBand / h^2.
  double R = std::sqrt(double(target) * h * h / (4 * M_PI * 2 * kBand));
  FillRate r;
  for (int iter = 0; iter < 3; ++iter) {
    const auto t0 = Clock::now();
    auto g = openvdb::tools::createLevelSetSphere<FloatGrid>(float(R), openvdb::Vec3f(0, 0, 0), float(h), float(kBand));
    r.seconds = seconds(t0);
    r.voxels = g->activeVoxelCount();
    if (std::abs(double(r.voxels) / double(target) - 1) < 0.05) break;
    R *= std::sqrt(double(target) / double(r.voxels));
  }
  return r;
}

namespace detail {

IslandAnalysis findIslands(const LatticeZone& zone, const LatticeBuildOptions& o, double voxelMm, const Progress& progress) {
  if (!o.removeIslands) return {};
  Field F(zone, o, voxelMm, true, progress);
  return std::move(F.islands);
}

struct ZoneDistance::Impl {
  LatticeBuildOptions opts;
  std::unique_ptr<Field> field;
};

ZoneDistance::ZoneDistance(const LatticeZone& zone, double voxelMm, double bandMm) : impl_(std::make_unique<Impl>()) {
  impl_->opts.frame.cell = {1.0, 0.1};
  impl_->opts.skinMm = std::max(0.0, bandMm - (kBand + 2) * voxelMm);  // widens the interior band
  impl_->field = std::make_unique<Field>(zone, impl_->opts, voxelMm, false, Progress::none());
}
ZoneDistance::~ZoneDistance() = default;
double ZoneDistance::operator()(const Eigen::Vector3d& p) const { return impl_->field->zoneAtPoint(p); }
double ZoneDistance::bandMm() const { return impl_->field->zoneBandMm(); }

Mesh meshSkin(const LatticeZone& zone, const LatticeBuildOptions& o, double h, const Progress& progress) {
  if (!(o.skinMm > 0)) return {};
  LatticeBuildOptions so = o;
  so.tileVoxels = 0;
  Mesh skin;
  runTilesIntoMesh(zone, so, false, h, skin, progress);
  return skin;
}

}  // namespace detail

}  // namespace tantalus::lattice
