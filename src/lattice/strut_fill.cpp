// The strut field, leaf by leaf: exact capsule distance from a spatial hash of the
// struts, clipped to the zone, united with the skin.
#include <atomic>

#include "speck_filter.h"
#include "vdb_lattice.h"

namespace tantalus::lattice::vdb {

double mesherIsovalue(const Field& F) {
  if (!F.struts) return 0.0;
  const double r = F.frame.cell.strutMm / 2;
  return 0.1 * F.h * F.h / r;
}

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
        // Box and level-set distances are 1-Lipschitz: a leaf deeper inside the zone
        // than its half diagonal and the band needs no per-voxel zone distance (it
        // cannot change a value that matters).
        const Eigen::Vector3d leafCentre = h * (Eigen::Vector3d(origin.x(), origin.y(), origin.z()) + Eigen::Vector3d::Constant(3.5));
        const bool deepInside = F.zone->kind != LatticeZone::Kind::Mesh && F.zoneAtPoint(leafCentre) < -(halfDiag + band);
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
                const double zv = deepInside ? -std::numeric_limits<double>::infinity() : F.zoneAt(ijk, p, acc.get());
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

}  // namespace tantalus::lattice::vdb
