// Shells of a closed mesh: connected through shared vertices, each with its enclosed
// volume. Negative shells are cavities.
#include <vector>

#include "tantalus/check/mesh_check.h"
#include "tantalus/core/union_find.h"

namespace tantalus::check {

Shells shellsOf(const Mesh& m) {
  UnionFind uf(m.vertexCount());
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    uf.unite(m.faces(f, 0), m.faces(f, 1));
    uf.unite(m.faces(f, 0), m.faces(f, 2));
  }
  std::vector<double> volume(m.vertexCount(), 0.0);
  std::vector<char> used(m.vertexCount(), 0);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const std::int32_t root = uf.find(m.faces(f, 0));
    volume[std::size_t(root)] += corner(m, f, 0).dot(corner(m, f, 1).cross(corner(m, f, 2))) / 6.0;
    used[std::size_t(root)] = 1;
  }
  Shells s;
  for (std::size_t v = 0; v < m.vertexCount(); ++v)
    if (used[v] && uf.find(std::int32_t(v)) == std::int32_t(v))
      (volume[v] < 0 ? s.voidVolumesMm3 : s.bodyVolumesMm3).push_back(volume[v] < 0 ? -volume[v] : volume[v]);
  return s;
}

}  // namespace tantalus::check
