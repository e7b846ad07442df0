#include "cgal_types.h"

#include <CGAL/boost/graph/Euler_operations.h>

#include <array>
#include <algorithm>
#include <map>
#include <vector>

namespace tantalus::machining::detail {

namespace {
// Edges shorter than this (mm) are collapsed before rounding: float coordinates cannot
// keep them apart (1e-4 mm is 0.1 µm, far below any printer or mill).
constexpr double kShortestEdgeMm = 1e-4;

std::size_t collapseShortEdges(SurfaceMesh& sm) {
  const double min2 = kShortestEdgeMm * kShortestEdgeMm;
  auto shortEdge = [&](SurfaceMesh::Edge_index e) {
    const auto h = sm.halfedge(e);
    return CGAL::to_double(CGAL::squared_distance(sm.point(sm.source(h)), sm.point(sm.target(h)))) < min2;
  };
  // In an order and a direction set by the geometry alone (CGAL's element order varies
  // between runs): edges by their smaller endpoint, each collapsed onto that endpoint.
  auto key = [&](SurfaceMesh::Vertex_index v) {
    const Point& p = sm.point(v);
    return std::array<double, 3>{CGAL::to_double(p.x()), CGAL::to_double(p.y()), CGAL::to_double(p.z())};
  };
  std::size_t collapsed = 0;
  for (int round = 0; round < 4; ++round) {
    std::vector<std::pair<std::array<double, 3>, SurfaceMesh::Halfedge_index>> candidates;
    for (auto e : sm.edges())
      if (shortEdge(e)) {
        auto h = sm.halfedge(e);
        if (key(sm.source(h)) < key(sm.target(h))) h = sm.opposite(h);  // keep the target: the smaller point
        candidates.emplace_back(key(sm.target(h)), h);
      }
    std::sort(candidates.begin(), candidates.end());
    const std::size_t before = collapsed;
    for (const auto& [k, h] : candidates) {
      const auto e = sm.edge(h);
      if (sm.is_removed(e) || sm.is_removed(h) || !shortEdge(e) || !CGAL::Euler::does_satisfy_link_condition(e, sm)) continue;
      const Point keep = sm.point(sm.target(h));
      const auto v = CGAL::Euler::collapse_edge(e, sm);
      sm.point(v) = keep;
      ++collapsed;
    }
    if (collapsed == before) break;
  }
  if (collapsed) sm.collect_garbage();
  return collapsed;
}
}  // namespace

Mesh fromSurfaceMesh(const SurfaceMesh& exact) {
  SurfaceMesh sm = exact;
  collapseShortEdges(sm);
  // Exact points that round to the same float triple become one vertex.
  std::map<std::array<float, 3>, std::int32_t> ids;
  std::vector<std::int32_t> index(sm.num_vertices(), -1);
  std::vector<std::array<float, 3>> points;
  for (auto v : sm.vertices()) {
    const Point& p = sm.point(v);
    const std::array<float, 3> q{float(CGAL::to_double(p.x())), float(CGAL::to_double(p.y())),
                                 float(CGAL::to_double(p.z()))};
    auto [it, inserted] = ids.try_emplace(q, std::int32_t(points.size()));
    if (inserted) points.push_back(q);
    index[std::size_t(v)] = it->second;
  }
  Mesh out;
  out.vertices.resize(Eigen::Index(points.size()), 3);
  for (std::size_t i = 0; i < points.size(); ++i)
    out.vertices.row(Eigen::Index(i)) << points[i][0], points[i][1], points[i][2];
  out.faces.resize(Eigen::Index(sm.number_of_faces()), 3);
  Eigen::Index k = 0;
  for (auto face : sm.faces()) {
    std::array<std::int32_t, 3> c{};
    int n = 0;
    for (auto v : CGAL::vertices_around_face(sm.halfedge(face), sm))
      if (n < 3) c[std::size_t(n++)] = index[std::size_t(v)];
    // Faces that collapsed when their corners rounded together are dropped.
    if (n != 3 || c[0] == c[1] || c[1] == c[2] || c[0] == c[2]) continue;
    out.faces.row(k++) << c[0], c[1], c[2];
  }
  out.faces.conservativeResize(k, 3);
  // CGAL's output order varies from run to run; the geometry does not.
  canonicalOrder(out);
  return out;
}

}  // namespace tantalus::machining::detail
