#include "tantalus/core/mesh_pieces.h"

#include "tantalus/core/union_find.h"

#include <map>
#include <vector>

namespace tantalus {

namespace {
// Piece of every vertex used by a face (union-find over the face edges), as 0..n-1.
std::vector<std::int32_t> pieceOfVertex(const Mesh& m, std::size_t& count) {
  UnionFind uf(m.vertexCount());
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    for (int c = 0; c < 2; ++c) uf.unite(m.faces(f, c), m.faces(f, c + 1));
  std::vector<std::int32_t> id(m.vertexCount(), -1);
  count = 0;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const std::int32_t r = uf.find(m.faces(f, 0));
    if (id[std::size_t(r)] < 0) id[std::size_t(r)] = std::int32_t(count++);
  }
  for (std::size_t v = 0; v < id.size(); ++v) id[v] = id[std::size_t(uf.find(std::int32_t(v)))];
  return id;
}
// A closed piece whose faces point inward (negative volume about its own centre).
bool isCavity(const Mesh& m, const std::vector<Eigen::Index>& faces, const Eigen::Vector3d& centre) {
  std::map<std::pair<std::int32_t, std::int32_t>, int> uses;
  double volume = 0;
  for (const Eigen::Index f : faces) {
    const Eigen::Vector3d a = corner(m, f, 0) - centre, b = corner(m, f, 1) - centre, c = corner(m, f, 2) - centre;
    volume += a.dot(b.cross(c)) / 6.0;
    for (int k = 0; k < 3; ++k) {
      const std::int32_t u = m.faces(f, k), v = m.faces(f, (k + 1) % 3);
      ++uses[{std::min(u, v), std::max(u, v)}];
    }
  }
  for (const auto& [edge, n] : uses)
    if (n != 2) return false;  // open (or not manifold): not a cavity's wall
  return volume < 0;
}
}  // namespace

DebrisRemoval removeDebris(Mesh m, double maxSideMm, bool fillSmallCavities) {
  DebrisRemoval out;
  const std::vector<std::int32_t> piece = pieceOfVertex(m, out.pieces);
  std::vector<std::size_t> faces(out.pieces, 0);
  std::vector<Eigen::AlignedBox3d> box(out.pieces);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const auto p = std::size_t(piece[std::size_t(m.faces(f, 0))]);
    ++faces[p];
    for (int c = 0; c < 3; ++c) box[p].extend(corner(m, f, c));
  }
  std::size_t biggest = 0;
  for (std::size_t p = 1; p < out.pieces; ++p)
    if (box[p].diagonal().norm() > box[biggest].diagonal().norm()) biggest = p;
  std::vector<bool> drop(out.pieces, false);
  std::vector<std::vector<Eigen::Index>> small(out.pieces);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const auto p = std::size_t(piece[std::size_t(m.faces(f, 0))]);
    if (p != biggest && box[p].sizes().maxCoeff() < maxSideMm) small[p].push_back(f);
  }
  for (std::size_t p = 0; p < out.pieces; ++p) {
    if (small[p].empty()) continue;
    const bool cavity = isCavity(m, small[p], box[p].center());
    if (cavity && !fillSmallCavities) {
      ++out.smallVoids;
      continue;
    }
    drop[p] = true;
    (cavity ? out.filledFaces : out.droppedFaces) += faces[p];
    if (cavity) {
      ++out.filledCavities;
      out.largestFilledMm = std::max(out.largestFilledMm, box[p].sizes().maxCoeff());
    } else {
      ++out.droppedPieces;
      out.largestDroppedMm = std::max(out.largestDroppedMm, box[p].sizes().maxCoeff());
    }
  }
  if (!out.droppedPieces && !out.filledCavities) {
    out.kept = std::move(m);
    return out;
  }
  std::vector<std::int32_t> remap(m.vertexCount(), -1);
  std::int32_t nv = 0;
  for (std::size_t v = 0; v < m.vertexCount(); ++v)
    if (piece[v] >= 0 && !drop[std::size_t(piece[v])]) remap[v] = nv++;
  out.kept.vertices.resize(nv, 3);
  for (std::size_t v = 0; v < m.vertexCount(); ++v)
    if (remap[v] >= 0) out.kept.vertices.row(remap[v]) = m.vertices.row(Eigen::Index(v));
  out.kept.faces.resize(m.faces.rows() - Eigen::Index(out.droppedFaces + out.filledFaces), 3);
  Eigen::Index k = 0;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    if (!drop[std::size_t(piece[std::size_t(m.faces(f, 0))])])
      out.kept.faces.row(k++) << remap[std::size_t(m.faces(f, 0))], remap[std::size_t(m.faces(f, 1))], remap[std::size_t(m.faces(f, 2))];
  return out;
}

}  // namespace tantalus
