#include "tantalus/core/mesh.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <unordered_map>
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

Mesh weldVertices(const Mesh& m, double tolMm) {
  // Quantise to a grid of tolMm; vertices in the same cell merge.
  struct Key {
    std::int64_t x, y, z;
    bool operator==(const Key& o) const { return x == o.x && y == o.y && z == o.z; }
  };
  struct Hash {
    std::size_t operator()(const Key& k) const {
      return std::size_t(k.x * 73856093) ^ std::size_t(k.y * 19349663) ^ std::size_t(k.z * 83492791);
    }
  };
  std::unordered_map<Key, std::int32_t, Hash> ids;
  ids.reserve(std::size_t(m.vertices.rows()));
  std::vector<std::int32_t> remap(std::size_t(m.vertices.rows()));
  std::vector<Eigen::Vector3f> out;
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
    Key k{std::llround(m.vertices(i, 0) / tolMm), std::llround(m.vertices(i, 1) / tolMm),
          std::llround(m.vertices(i, 2) / tolMm)};
    auto [it, inserted] = ids.try_emplace(k, std::int32_t(out.size()));
    if (inserted) out.push_back(m.vertices.row(i).transpose());
    remap[std::size_t(i)] = it->second;
  }
  Mesh r;
  r.vertices.resize(Eigen::Index(out.size()), 3);
  for (std::size_t i = 0; i < out.size(); ++i) r.vertices.row(Eigen::Index(i)) = out[i].transpose();
  r.faces.resize(m.faces.rows(), 3);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    for (int c = 0; c < 3; ++c) r.faces(f, c) = remap[std::size_t(m.faces(f, c))];
  return r;
}

MeshTopology analyseTopology(const Mesh& m) {
  MeshTopology t;
  // Each undirected edge: count of uses, and net direction (+1 for a<b walk, -1 otherwise).
  struct EdgeUse { int uses = 0; int net = 0; };
  std::unordered_map<std::uint64_t, EdgeUse> edges;
  edges.reserve(std::size_t(m.faces.rows()) * 2);
  const auto nv = std::size_t(m.vertices.rows());
  std::vector<std::int32_t> parent(nv);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::int32_t x) {
    while (parent[std::size_t(x)] != x) x = parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
    return x;
  };
  std::vector<bool> used(nv, false);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const std::int32_t v[3] = {m.faces(f, 0), m.faces(f, 1), m.faces(f, 2)};
    if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2]) { ++t.degenerateFaces; continue; }
    for (int c = 0; c < 3; ++c) {
      const std::int32_t a = v[c], b = v[(c + 1) % 3];
      const std::uint64_t key = (std::uint64_t(std::uint32_t(std::min(a, b))) << 32) | std::uint32_t(std::max(a, b));
      auto& e = edges[key];
      ++e.uses;
      e.net += a < b ? 1 : -1;
      used[std::size_t(a)] = true;
      parent[std::size_t(find(a))] = find(b);
    }
  }
  for (const auto& [key, e] : edges) {
    if (e.uses == 1) ++t.boundaryEdges;
    else if (e.uses > 2) ++t.nonManifoldEdges;
    else if (e.net != 0) ++t.misorientedEdges;
  }
  for (std::size_t i = 0; i < nv; ++i)
    if (used[i] && find(std::int32_t(i)) == std::int32_t(i)) ++t.components;
  return t;
}

}  // namespace tantalus
