// The two checks that need exact predicates: self-intersections and containment
// (CGAL, exact predicates / inexact constructions kernel: nothing is constructed here).
#include <CGAL/AABB_face_graph_triangle_primitive.h>
#include <CGAL/AABB_traits.h>
#include <CGAL/AABB_tree.h>
#include <CGAL/Exact_predicates_inexact_constructions_kernel.h>
#include <CGAL/Polygon_mesh_processing/self_intersections.h>
#include <CGAL/Side_of_triangle_mesh.h>
#include <CGAL/Surface_mesh.h>

#include <cmath>
#include <vector>

#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"

namespace tantalus::check {

namespace {
using Kernel = CGAL::Exact_predicates_inexact_constructions_kernel;
using Point = Kernel::Point_3;
using SurfaceMesh = CGAL::Surface_mesh<Point>;
namespace PMP = CGAL::Polygon_mesh_processing;

// Faces as they are (no repair: the check reports what the file holds); faces CGAL
// cannot add (a third face on an edge) are counted by the topology check instead.
SurfaceMesh toSurfaceMesh(const Mesh& m) {
  SurfaceMesh sm;
  std::vector<SurfaceMesh::Vertex_index> v;
  v.reserve(m.vertexCount());
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i)
    v.push_back(sm.add_vertex(Point(m.vertices(i, 0), m.vertices(i, 1), m.vertices(i, 2))));
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const auto a = m.faces(f, 0), b = m.faces(f, 1), c = m.faces(f, 2);
    if (a == b || b == c || a == c) continue;
    sm.add_face(v[std::size_t(a)], v[std::size_t(b)], v[std::size_t(c)]);
  }
  return sm;
}

struct CountingOutput {
  std::size_t* count;
  const Progress* progress;
  CountingOutput& operator*() { return *this; }
  CountingOutput& operator++() { return *this; }
  CountingOutput operator++(int) { return *this; }
  template <class T>
  CountingOutput& operator=(const T&) {
    if ((++*count & 1023u) == 0) progress->check();
    return *this;
  }
};
}  // namespace

std::size_t selfIntersectionPairs(const Mesh& welded, const Progress& progress) {
  const SurfaceMesh sm = toSurfaceMesh(welded);
  std::size_t count = 0;
  progress.check();
  PMP::self_intersections<CGAL::Parallel_if_available_tag>(sm, CountingOutput{&count, &progress});
  progress.check();
  return count;
}

using Primitive = CGAL::AABB_face_graph_triangle_primitive<SurfaceMesh>;
using Tree = CGAL::AABB_tree<CGAL::AABB_traits<Kernel, Primitive>>;

SurfaceMesh closedSurface(const Mesh& m, const std::string& name, bool weld = true) {
  SurfaceMesh sm = toSurfaceMesh(weld ? weldVertices(m) : m);
  if (!CGAL::is_closed(sm))
    throw Error(name + " is not a closed surface (it has holes or edges with more than two faces)", name,
                "close it in a mesh editor, or check it with tantalus check");
  return sm;
}

Containment containment(const Mesh& inner, const Mesh& outer, double tolMm, const Progress& progress) {
  const SurfaceMesh sm = closedSurface(outer, "the outer mesh of a containment check");
  Tree tree(faces(sm).first, faces(sm).second, sm);
  tree.accelerate_distance_queries();
  const CGAL::Side_of_triangle_mesh<SurfaceMesh, Kernel> side(tree);
  Containment c;
  for (Eigen::Index i = 0; i < inner.vertices.rows(); ++i) {
    if ((i & 4095) == 0) progress.check();
    const Point p(inner.vertices(i, 0), inner.vertices(i, 1), inner.vertices(i, 2));
    if (side(p) != CGAL::ON_UNBOUNDED_SIDE) continue;
    const double d = std::sqrt(CGAL::to_double(tree.squared_distance(p)));
    if (d <= tolMm) continue;
    ++c.verticesOutside;
    c.maxOutsideMm = std::max(c.maxOutsideMm, d);
  }
  return c;
}

std::vector<char> insideClosedMesh(const Mesh& closed, const std::vector<Eigen::Vector3d>& points, const std::string& name,
                                   bool weld) {
  const SurfaceMesh sm = closedSurface(closed, name, weld);
  Tree tree(faces(sm).first, faces(sm).second, sm);
  const CGAL::Side_of_triangle_mesh<SurfaceMesh, Kernel> side(tree);
  std::vector<char> inside(points.size());
  for (std::size_t i = 0; i < points.size(); ++i)
    inside[i] = side(Point(points[i].x(), points[i].y(), points[i].z())) != CGAL::ON_UNBOUNDED_SIDE;
  return inside;
}

std::vector<double> distancesToSurface(const Mesh& mesh, const std::vector<Eigen::Vector3d>& points) {
  const SurfaceMesh sm = toSurfaceMesh(weldVertices(mesh));
  Tree tree(faces(sm).first, faces(sm).second, sm);
  tree.accelerate_distance_queries();
  std::vector<double> d(points.size());
  for (std::size_t i = 0; i < points.size(); ++i)
    d[i] = std::sqrt(CGAL::to_double(tree.squared_distance(Point(points[i].x(), points[i].y(), points[i].z()))));
  return d;
}

}  // namespace tantalus::check
