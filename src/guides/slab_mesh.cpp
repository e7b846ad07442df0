// The guide's shell as a closed height field over the patch: bottom and top faces per
// cell, walls along the cells' outline. Closed and manifold by construction.
#include <array>

#include "guide_internal.h"
#include "tantalus/core/error.h"

namespace tantalus::guides::detail {

namespace {

// Cells (indexed by their lower-left node) whose four corners are in the patch, without
// two cells touching at a corner only (such a vertex would be non-manifold).
std::vector<char> activeCells(const PatchGrid& g, const std::vector<char>& nodes, int seedI, int seedJ) {
  const int s = g.side();
  std::vector<char> cell(std::size_t(s) * std::size_t(s), 0);
  for (int j = 0; j + 1 < s; ++j)
    for (int i = 0; i + 1 < s; ++i)
      cell[g.id(i, j)] = nodes[g.id(i, j)] && nodes[g.id(i + 1, j)] && nodes[g.id(i + 1, j + 1)] && nodes[g.id(i, j + 1)];
  auto on = [&](int i, int j) { return i >= 0 && j >= 0 && i + 1 < s && j + 1 < s && cell[g.id(i, j)]; };
  for (bool changed = true; changed;) {
    changed = false;
    // Node (i, j) is the shared corner of cells (i−1, j−1), (i, j−1), (i−1, j), (i, j).
    for (int j = 1; j < s; ++j)
      for (int i = 1; i < s; ++i) {
        const bool a = on(i - 1, j - 1), b = on(i, j - 1), c = on(i - 1, j), d = on(i, j);
        if (a && d && !b && !c) {
          cell[g.id(i, j)] = 0;
          changed = true;
        } else if (b && c && !a && !d) {
          cell[g.id(i, j - 1)] = 0;
          changed = true;
        }
      }
  }
  // One piece: the cells joined by edges to the one at the seed (bridges a node wide
  // leave islands behind).
  std::vector<char> kept(cell.size(), 0);
  // The cell nearest the seed, within 2 mm of it.
  std::size_t centre = cell.size();
  const int reach = int(std::ceil(2.0 / g.step));
  for (int d = 0; d <= reach && centre == cell.size(); ++d)
    for (int j = seedJ - d; j <= seedJ + d && centre == cell.size(); ++j)
      for (int i = seedI - d; i <= seedI + d; ++i)
        if (on(i, j)) {
          centre = g.id(i, j);
          break;
        }
  if (centre == cell.size()) return kept;
  std::vector<std::size_t> stack{centre};
  kept[centre] = 1;
  while (!stack.empty()) {
    const std::size_t c = stack.back();
    stack.pop_back();
    const int ci = int(c % std::size_t(s)), cj = int(c / std::size_t(s));
    for (auto [di, dj] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
      const int i = ci + di, j = cj + dj;
      if (on(i, j) && !kept[g.id(i, j)]) {
        kept[g.id(i, j)] = 1;
        stack.push_back(g.id(i, j));
      }
    }
  }
  return kept;
}

}  // namespace

Mesh slabMesh(const PatchGrid& g, double clearanceMm, const std::vector<double>& thickness, std::vector<char>& used) {
  return slabOver(g, g.inPatch, g.n, g.n, clearanceMm, thickness, used);
}

Mesh slabOver(const PatchGrid& g, const std::vector<char>& nodes, int seedI, int seedJ, double clearanceMm,
              const std::vector<double>& thickness, std::vector<char>& used) {
  const int s = g.side();
  const std::vector<char> cell = activeCells(g, nodes, seedI, seedJ);
  auto on = [&](int i, int j) { return i >= 0 && j >= 0 && i + 1 < s && j + 1 < s && cell[g.id(i, j)]; };
  used.assign(cell.size(), 0);
  for (int j = 0; j + 1 < s; ++j)
    for (int i = 0; i + 1 < s; ++i)
      if (cell[g.id(i, j)])
        for (auto [di, dj] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}}) used[g.id(i + di, j + dj)] = 1;
  std::vector<std::int32_t> bottom(used.size(), -1), top(used.size(), -1);
  std::vector<Eigen::Vector3f> verts;
  for (std::size_t q = 0; q < used.size(); ++q)
    if (used[q]) {
      const int i = int(q % std::size_t(s)), j = int(q / std::size_t(s));
      const double h = g.bottom(q, clearanceMm);
      bottom[q] = std::int32_t(verts.size());
      verts.push_back(g.at(i, j, h).cast<float>());
      top[q] = std::int32_t(verts.size());
      verts.push_back(g.at(i, j, h + thickness[q]).cast<float>());
    }
  std::vector<std::array<std::int32_t, 3>> faces;
  auto wall = [&](std::size_t a, std::size_t b) {  // along the cell's outline, counter-clockwise seen from +w
    faces.push_back({bottom[a], bottom[b], top[b]});
    faces.push_back({bottom[a], top[b], top[a]});
  };
  for (int j = 0; j + 1 < s; ++j)
    for (int i = 0; i + 1 < s; ++i) {
      if (!cell[g.id(i, j)]) continue;
      const std::size_t n00 = g.id(i, j), n10 = g.id(i + 1, j), n11 = g.id(i + 1, j + 1), n01 = g.id(i, j + 1);
      faces.push_back({top[n00], top[n10], top[n11]});
      faces.push_back({top[n00], top[n11], top[n01]});
      // The bone-facing side: split along the diagonal whose midpoint lies higher, so the
      // two triangles stay off the bone where the cell is twisted (a crease between facets).
      if (g.height[n00] + g.height[n11] >= g.height[n10] + g.height[n01]) {
        faces.push_back({bottom[n00], bottom[n11], bottom[n10]});
        faces.push_back({bottom[n00], bottom[n01], bottom[n11]});
      } else {
        faces.push_back({bottom[n00], bottom[n01], bottom[n10]});
        faces.push_back({bottom[n10], bottom[n01], bottom[n11]});
      }
      if (!on(i, j - 1)) wall(n00, n10);
      if (!on(i + 1, j)) wall(n10, n11);
      if (!on(i, j + 1)) wall(n11, n01);
      if (!on(i - 1, j)) wall(n01, n00);
    }
  if (faces.empty()) throw Error("the guide's patch holds no bone", "guides", "raise guides.patch_radius_mm");
  Mesh m;
  m.vertices.resize(Eigen::Index(verts.size()), 3);
  for (std::size_t v = 0; v < verts.size(); ++v) m.vertices.row(Eigen::Index(v)) = verts[v].transpose();
  m.faces.resize(Eigen::Index(faces.size()), 3);
  for (std::size_t f = 0; f < faces.size(); ++f)
    for (int c = 0; c < 3; ++c) m.faces(Eigen::Index(f), c) = faces[f][std::size_t(c)];
  return m;
}

}  // namespace tantalus::guides::detail
