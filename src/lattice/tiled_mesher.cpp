// Tiles with halos: each tile is filled and meshed on its own and keeps the triangles
// whose centroid it owns, so memory stays bounded and the seams do not show.
#include "speck_filter.h"
#include "vdb_lattice.h"

namespace tantalus::lattice::vdb {

namespace {
// Each pocket once: in the tile that owns the low corner of its box.
void countPockets(const std::vector<ClearedComponent>& pockets, const Coord& ownLo, const Coord& ownHi, LatticeBuildStats& st) {
  for (const auto& p : pockets) {
    bool own = true;
    for (int i = 0; i < 3; ++i) own = own && p.low[i] >= ownLo[i] && p.low[i] < ownHi[i];
    if (!own) continue;
    ++st.pocketsFilled;
    st.pocketVoxels += p.voxels;
  }
}
int floorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
}  // namespace

Layout makeLayout(const Eigen::AlignedBox3d& box, double h, int tileVoxels) {
  Layout L;
  const int pad = kBand + 2;
  int lo[3], hi[3];
  for (int i = 0; i < 3; ++i) {
    lo[i] = floorDiv(int(std::floor(box.min()[i] / h)) - pad, 8) * 8;
    hi[i] = int(std::ceil(box.max()[i] / h)) + pad;
  }
  int extent = 0;
  for (int i = 0; i < 3; ++i) extent = std::max(extent, hi[i] - lo[i] + 1);
  L.tile = tileVoxels > 0 ? std::max(8, tileVoxels / 8 * 8) : (extent + 7) / 8 * 8;
  L.imin = Coord(lo[0], lo[1], lo[2]);
  for (int i = 0; i < 3; ++i) L.n[i] = std::max(1, (hi[i] - lo[i] + 1 + L.tile - 1) / L.tile);
  return L;
}

// Adaptive meshing merges voxels into larger polygons, differently on either side of
// a seam (each tile sees only its own halo). Masked off (no merging) within a leaf of
// every inner seam, both sides, so both tiles emit the same voxel-sized polygons there.
openvdb::BoolTree::ConstPtr seamMask(const double lo[3], const double hi[3], const Coord& ownLo, const Coord& ownHi) {
  auto mask = std::make_shared<openvdb::BoolTree>(false);
  const Coord rlo = ownLo - Coord(kHalo), rhi = ownHi - Coord(1) + Coord(kHalo);
  for (int a = 0; a < 3; ++a)
    for (int side = 0; side < 2; ++side) {
      const double bound = side ? hi[a] : lo[a];
      if (!std::isfinite(bound)) continue;
      Coord slo = rlo, shi = rhi;
      const int seam = side ? ownHi[a] : ownLo[a];
      slo[a] = seam - kHalo;
      shi[a] = seam + kHalo - 1;
      mask->fill(CoordBBox(slo, shi), true, true);
    }
  // The mesher looks for mask leaves only: a leaf-aligned fill stores tiles.
  mask->voxelizeActiveTiles();
  return mask;
}

// The mesher can leave two vertices a few float steps apart (seen: 7 µm-thousandths at
// the seat of a bonded solid): an edge no checker or printer resolves, which a weld at
// any tolerance turns into a degenerate face and an edge used four times. Points closer
// than kMergeMm (10 nm) are merged into their cluster's smallest point, decided from the points
// alone, so two tiles sharing a seam merge alike.
constexpr float kMergeMm = 1e-5f;
void mergeNearPoints(std::vector<openvdb::Vec3s>& pts) {
  // Sweep along x over the points sorted by x: candidates lie within kMergeMm in x.
  std::vector<std::uint32_t> order(pts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(pts[a][0], pts[a][1], pts[a][2]) < std::tie(pts[b][0], pts[b][1], pts[b][2]);
  });
  std::vector<std::uint32_t> parent(pts.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  bool any = false;
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::size_t j = i + 1; j < order.size() && pts[order[j]][0] - pts[order[i]][0] < kMergeMm; ++j) {
      const openvdb::Vec3s &p = pts[order[i]], &q = pts[order[j]];
      if (p == q || (p - q).lengthSqr() >= kMergeMm * kMergeMm) continue;
      // Union by sorted position: the root is the cluster's smallest point.
      std::uint32_t r1 = find(std::uint32_t(i)), r2 = find(std::uint32_t(j));
      if (r1 == r2) continue;
      parent[std::max(r1, r2)] = std::min(r1, r2);
      any = true;
    }
  if (!any) return;
  std::vector<openvdb::Vec3s> merged(pts.size());
  for (std::size_t i = 0; i < order.size(); ++i) merged[order[i]] = pts[order[find(std::uint32_t(i))]];
  pts.swap(merged);
}

TileOutput meshTile(const FloatGrid& grid, const double lo[3], const double hi[3], const Coord& ownLo, const Coord& ownHi,
                    double h, double isovalue, const TriangleSink& sink, float solidBelow, double adaptivity) {
  TileOutput out;
  for (auto it = grid.tree().cbeginLeaf(); it; ++it)
    for (openvdb::Index n = 0; n < Leaf::SIZE; ++n)
      if (it->getValue(n) < solidBelow) {
        const Coord c = it->offsetToGlobalCoord(n);
        if (c.x() >= ownLo.x() && c.y() >= ownLo.y() && c.z() >= ownLo.z() && c.x() < ownHi.x() && c.y() < ownHi.y() &&
            c.z() < ownHi.z())
          ++out.solidVoxels;
      }
  openvdb::tools::VolumeToMesh mesher(isovalue, adaptivity);
  if (adaptivity > 0) mesher.setAdaptivityMask(seamMask(lo, hi, ownLo, ownHi));
  mesher(grid);
  std::vector<openvdb::Vec3s> pts(mesher.pointList().get(), mesher.pointList().get() + mesher.pointListSize());
  mergeNearPoints(pts);
  std::vector<openvdb::Vec3I> tris;
  std::vector<openvdb::Vec4I> quads;
  for (std::size_t i = 0; i < mesher.polygonPoolListSize(); ++i) {
    const auto& pool = mesher.polygonPoolList()[i];
    for (std::size_t q = 0; q < pool.numQuads(); ++q) quads.push_back(pool.quad(q));
    for (std::size_t t = 0; t < pool.numTriangles(); ++t) tris.push_back(pool.triangle(t));
  }
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
    // A quad whose opposite corners coincide is two copies of one triangle, wound both
    // ways (no area, every edge used four times): left out, its edges pair up anyway.
    if (pts[q[0]] == pts[q[2]] || pts[q[1]] == pts[q[3]]) continue;
    // Split along the same diagonal everywhere: both sides of a seam decide alike,
    // being given identical points.
    emit(pts[q[0]], pts[q[1]], pts[q[2]]);
    emit(pts[q[0]], pts[q[2]], pts[q[3]]);
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
  const Layout L = makeLayout(F.coverBox(), h, o.tileVoxels);
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
        uniteBondedSolid(F, *grid, region);
        if (F.removeSpecks && F.solidGrid)
          countPockets(fillPockets(*grid, region, h, mesherIsovalue(F) + o.surfaceOffsetMm, F.frame.cell.strutMm), ownLo, ownHi, st);
        // Counted on the united grid (outside the solid it is the lattice's), pockets closed.
        const PorousCount pc = countPorousRegion(F, *grid, ownLo, ownHi);
        st.porousRegionVoxels += pc.region;
        st.porousRegionSolidVoxels += pc.solid;
        tp.report(0.6, name + ": meshing");
        auto tm = Clock::now();
        const TileOutput out = meshTile(*grid, lo, hi, ownLo, ownHi, h, mesherIsovalue(F) + o.surfaceOffsetMm, sink,
                                        float(o.surfaceOffsetMm), o.adaptivity);
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

}  // namespace tantalus::lattice::vdb

namespace tantalus::lattice::detail {

using namespace vdb;

Mesh meshSkin(const LatticeZone& zone, const LatticeBuildOptions& o, double h, const Progress& progress) {
  if (!(o.skinMm > 0)) return {};
  LatticeBuildOptions so = o;
  so.tileVoxels = 0;
  Mesh skin;
  runTilesIntoMesh(zone, so, false, h, skin, progress);
  return skin;
}

}  // namespace tantalus::lattice::detail
