#include "tantalus/core/mesh.h"

#include "tantalus/core/union_find.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

namespace tantalus {

double signedVolume(const Mesh& m) {
  double v = 0;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    v += corner(m, f, 0).dot(corner(m, f, 1).cross(corner(m, f, 2)));
  return v / 6.0;
}

double surfaceArea(const Mesh& m) {
  double s = 0;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const Eigen::Vector3d a = corner(m, f, 0);
    s += 0.5 * (corner(m, f, 1) - a).cross(corner(m, f, 2) - a).norm();
  }
  return s;
}

Eigen::AlignedBox3d bounds(const Mesh& m) {
  Eigen::AlignedBox3d box;
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i)
    box.extend(m.vertices.row(i).cast<double>().transpose());
  return box;
}

void flipOrientation(Mesh& m) { m.faces.col(1).swap(m.faces.col(2)); }

void canonicalOrder(Mesh& m) {
  const Eigen::Index nv = m.vertices.rows(), nf = m.faces.rows();
  std::vector<std::int32_t> order(static_cast<std::size_t>(nv));
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](std::int32_t i) {
    return std::array<float, 3>{m.vertices(i, 0), m.vertices(i, 1), m.vertices(i, 2)};
  };
  std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) { return key(a) < key(b); });
  std::vector<std::int32_t> rank(static_cast<std::size_t>(nv));
  Mesh out;
  out.vertices.resize(nv, 3);
  for (Eigen::Index i = 0; i < nv; ++i) {
    rank[std::size_t(order[std::size_t(i)])] = std::int32_t(i);
    out.vertices.row(i) = m.vertices.row(order[std::size_t(i)]);
  }
  std::vector<std::array<std::int32_t, 3>> faces(static_cast<std::size_t>(nf));
  for (Eigen::Index f = 0; f < nf; ++f) {
    std::array<std::int32_t, 3> c{rank[std::size_t(m.faces(f, 0))], rank[std::size_t(m.faces(f, 1))], rank[std::size_t(m.faces(f, 2))]};
    while (c[0] > c[1] || c[0] > c[2]) c = {c[1], c[2], c[0]};  // rotation keeps the orientation
    faces[std::size_t(f)] = c;
  }
  std::sort(faces.begin(), faces.end());
  out.faces.resize(nf, 3);
  for (Eigen::Index f = 0; f < nf; ++f) out.faces.row(f) << faces[std::size_t(f)][0], faces[std::size_t(f)][1], faces[std::size_t(f)][2];
  m = std::move(out);
}

namespace {
using CellKey = std::array<std::int64_t, 3>;
std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
std::uint64_t hashOf(const CellKey& k) {
  return mix(std::uint64_t(k[0]) ^ mix(std::uint64_t(k[1]) ^ mix(std::uint64_t(k[2]))));
}
}  // namespace

Mesh weldVertices(const Mesh& m, double tolMm) {
  // Quantise to a grid of tolMm; vertices in the same cell merge into the first one.
  // Open addressing over the kept vertices' indices (4 bytes a slot, the key recomputed
  // from the kept vertex): a 35-million-triangle soup welds in a few hundred MB, where a
  // node-based map took gigabytes.
  const Eigen::Index n = m.vertices.rows();
  auto keyOf = [tolMm](const float* p) {
    return CellKey{std::llround(p[0] / tolMm), std::llround(p[1] / tolMm), std::llround(p[2] / tolMm)};
  };
  std::vector<std::array<float, 3>> out;  // the kept vertices
  std::size_t cap = 1024;
  while (cap < std::size_t(n) / 2) cap <<= 1;
  std::vector<std::int32_t> slot(cap, -1);
  auto insert = [&](std::int32_t id, const CellKey& k) {
    std::size_t s = std::size_t(hashOf(k)) & (cap - 1);
    while (slot[s] >= 0) {
      if (keyOf(out[std::size_t(slot[s])].data()) == k) return slot[s];
      s = (s + 1) & (cap - 1);
    }
    slot[s] = id;
    return id;
  };
  std::vector<std::int32_t> remap(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    const CellKey k = keyOf(&m.vertices(i, 0));
    out.push_back({m.vertices(i, 0), m.vertices(i, 1), m.vertices(i, 2)});  // tentatively kept
    const auto fresh = std::int32_t(out.size() - 1);
    const std::int32_t id = insert(fresh, k);
    remap[std::size_t(i)] = id;
    if (id != fresh) {
      out.pop_back();
      continue;
    }
    if (out.size() * 2 > cap) {  // keep the table at most half full
      cap <<= 1;
      slot.assign(cap, -1);
      for (std::size_t j = 0; j < out.size(); ++j) insert(std::int32_t(j), keyOf(out[j].data()));
    }
  }
  Mesh r;
  r.vertices.resize(Eigen::Index(out.size()), 3);
  for (std::size_t j = 0; j < out.size(); ++j) r.vertices.row(Eigen::Index(j)) << out[j][0], out[j][1], out[j][2];
  std::vector<std::array<float, 3>>().swap(out);
  r.faces.resize(m.faces.rows(), 3);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    for (int c = 0; c < 3; ++c) r.faces(f, c) = remap[std::size_t(m.faces(f, c))];
  return r;
}

MeshTopology analyseTopology(const Mesh& m) {
  MeshTopology t;
  // Every use of an edge as one 64-bit word, sorted: (smaller index, larger index, the
  // direction walked). 8 bytes a use, where a hash map of edges took 50 (35 million
  // faces: 0.8 GB instead of 2.5).
  std::vector<std::uint64_t> uses;
  uses.reserve(std::size_t(m.faces.rows()) * 3);
  const auto nv = std::size_t(m.vertices.rows());
  UnionFind pieces(nv);
  std::vector<bool> used(nv, false);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const std::int32_t v[3] = {m.faces(f, 0), m.faces(f, 1), m.faces(f, 2)};
    if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2]) { ++t.degenerateFaces; continue; }
    for (int c = 0; c < 3; ++c) {
      const std::int32_t a = v[c], b = v[(c + 1) % 3];
      uses.push_back((std::uint64_t(std::uint32_t(std::min(a, b))) << 33) | (std::uint64_t(std::uint32_t(std::max(a, b))) << 1) |
                     (a < b ? 1u : 0u));
      used[std::size_t(a)] = true;
      pieces.unite(a, b);
    }
  }
  std::sort(uses.begin(), uses.end());
  for (std::size_t i = 0; i < uses.size();) {
    std::size_t j = i;
    int net = 0;
    for (; j < uses.size() && (uses[j] >> 1) == (uses[i] >> 1); ++j) net += (uses[j] & 1) ? 1 : -1;
    const std::size_t n = j - i;
    if (n == 1) ++t.boundaryEdges;
    else if (n > 2) ++t.nonManifoldEdges;
    else if (net != 0) ++t.misorientedEdges;
    i = j;
  }
  for (std::size_t i = 0; i < nv; ++i)
    if (used[i] && pieces.find(std::int32_t(i)) == std::int32_t(i)) ++t.components;
  return t;
}

}  // namespace tantalus
