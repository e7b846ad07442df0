// Floating fragments: the strut graph of the zone, decided once before any tile.
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "vdb_lattice.h"

namespace tantalus::lattice::vdb {

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
    std::unique_ptr<FloatGrid::ConstAccessor> acc, sacc;
    if (zoneGrid) acc = std::make_unique<FloatGrid::ConstAccessor>(zoneGrid->getConstAccessor());
    if (solidGrid) sacc = std::make_unique<FloatGrid::ConstAccessor>(solidGrid->getConstAccessor());
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
        // Likewise into the bonded solid (the dense part the lattice grows from).
        if (!in.skin && solidGrid && solidAtPoint(p, sacc.get()) < 0.5 * rad) in.skin = true;
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

}  // namespace tantalus::lattice::vdb
