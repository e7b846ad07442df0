// Repair before corefinement: soup clean-up, orientation, holes, empty pieces,
// self-intersections, outward orientation. Exact kernel throughout.
#include "mesh_repair_internal.h"

#include <CGAL/Polygon_mesh_processing/border.h>
#include <CGAL/Polygon_mesh_processing/connected_components.h>
#include <CGAL/Polygon_mesh_processing/corefinement.h>
#include <CGAL/Polygon_mesh_processing/orient_polygon_soup.h>
#include <CGAL/Polygon_mesh_processing/orientation.h>
#include <CGAL/Polygon_mesh_processing/polygon_soup_to_polygon_mesh.h>
#include <CGAL/Polygon_mesh_processing/repair_polygon_soup.h>
#include <CGAL/Polygon_mesh_processing/self_intersections.h>
#include <CGAL/Polygon_mesh_processing/triangulate_hole.h>
#include <CGAL/boost/graph/helpers.h>

#include <cmath>
#include <vector>

#include "corefinement_progress.h"
#include "tantalus/core/error.h"

namespace tantalus::machining {

bool RepairReport::changed() const {
  return mergedVertices || droppedFaces || filledHoles || droppedComponents || resolvedSelfIntersections || reoriented;
}

std::string RepairReport::summary() const {
  if (!changed()) return "clean";
  std::string s;
  auto add = [&](std::size_t n, const char* what) {
    if (!n) return;
    if (!s.empty()) s += ", ";
    s += std::to_string(n) + " " + what;
  };
  add(mergedVertices, "coincident vertices welded");
  add(droppedFaces, "degenerate or duplicate faces dropped");
  add(filledHoles, "holes closed");
  add(droppedComponents, "pieces enclosing no volume dropped");
  if (resolvedSelfIntersections) s += std::string(s.empty() ? "" : ", ") + "self-intersections resolved";
  if (reoriented) s += std::string(s.empty() ? "" : ", ") + "faces turned outwards";
  return s;
}

namespace detail {
namespace PMP = CGAL::Polygon_mesh_processing;

namespace {

using Face = SurfaceMesh::Face_index;
using Halfedge = SurfaceMesh::Halfedge_index;

// A soup from the welded mesh; repaired (degenerate and duplicate polygons out) and
// oriented (non-manifold vertices and edges are split so each piece is a surface).
SurfaceMesh surfaceFromSoup(const Mesh& welded, RepairReport& r) {
  std::vector<Point> points;
  points.reserve(welded.vertexCount());
  for (Eigen::Index i = 0; i < welded.vertices.rows(); ++i)
    points.emplace_back(welded.vertices(i, 0), welded.vertices(i, 1), welded.vertices(i, 2));
  std::vector<std::vector<std::size_t>> polygons;
  polygons.reserve(welded.faceCount());
  for (Eigen::Index f = 0; f < welded.faces.rows(); ++f)
    polygons.push_back({std::size_t(welded.faces(f, 0)), std::size_t(welded.faces(f, 1)), std::size_t(welded.faces(f, 2))});
  const std::size_t before = polygons.size();
  PMP::repair_polygon_soup(points, polygons);
  r.droppedFaces = before - polygons.size();
  PMP::orient_polygon_soup(points, polygons);
  SurfaceMesh sm;
  PMP::polygon_soup_to_polygon_mesh(points, polygons, sm);
  return sm;
}

void fillHoles(SurfaceMesh& sm, RepairReport& r, const Progress& progress) {
  std::vector<Halfedge> borders;
  PMP::extract_boundary_cycles(sm, std::back_inserter(borders));
  for (Halfedge h : borders) {
    progress.check();
    std::vector<Face> added;
    PMP::triangulate_hole(sm, h, std::back_inserter(added));
    if (!added.empty()) ++r.filledHoles;
  }
}

double signedVolumeOf(const SurfaceMesh& sm, const std::vector<Face>& faces) {
  double v = 0;
  for (Face f : faces) {
    const Halfedge h = sm.halfedge(f);
    const auto a = sm.point(sm.target(h)), b = sm.point(sm.target(sm.next(h))), c = sm.point(sm.source(h));
    const Eigen::Vector3d pa(CGAL::to_double(a.x()), CGAL::to_double(a.y()), CGAL::to_double(a.z()));
    const Eigen::Vector3d pb(CGAL::to_double(b.x()), CGAL::to_double(b.y()), CGAL::to_double(b.z()));
    const Eigen::Vector3d pc(CGAL::to_double(c.x()), CGAL::to_double(c.y()), CGAL::to_double(c.z()));
    v += pc.dot(pa.cross(pb)) / 6.0;
  }
  return v;
}

// Pieces that enclose no volume (a flap closed onto itself, a sliver) would make
// corefinement fail; they carry no material, so they go.
void dropEmptyPieces(SurfaceMesh& sm, const std::string& name, RepairReport& r) {
  auto fcc = sm.add_property_map<Face, std::size_t>("f:tantalus_cc", 0).first;
  const std::size_t n = PMP::connected_components(sm, fcc);
  std::vector<std::vector<Face>> pieces(n);
  for (Face f : sm.faces()) pieces[fcc[f]].push_back(f);
  // "No volume" relative to the piece's own size (its box's diagonal cubed), not to
  // where it lies in the scanner.
  auto diagonal = [&](const std::vector<Face>& faces) {
    Eigen::AlignedBox3d box;
    for (Face f : faces)
      for (auto v : CGAL::vertices_around_face(sm.halfedge(f), sm)) {
        const Point& p = sm.point(v);
        box.extend(Eigen::Vector3d(CGAL::to_double(p.x()), CGAL::to_double(p.y()), CGAL::to_double(p.z())));
      }
    return box.diagonal().norm();
  };
  std::vector<std::size_t> drop;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = diagonal(pieces[i]);
    if (std::abs(signedVolumeOf(sm, pieces[i])) <= 1e-9 * d * d * d) drop.push_back(i);
  }
  if (drop.size() == n) {
    sm.remove_property_map(fcc);
    throw Error(name + " encloses no volume (a flat or folded surface)", name,
                "give a closed triangle mesh with a non-zero volume");
  }
  if (!drop.empty()) {
    PMP::remove_connected_components(sm, drop, fcc);
    sm.collect_garbage();
    r.droppedComponents = drop.size();
  }
  sm.remove_property_map(fcc);
}

}  // namespace

SurfaceMesh repairOrThrow(const Mesh& mesh, const std::string& name, RepairReport& r, const Progress& progress);

SurfaceMesh repairedSurface(const Mesh& mesh, const std::string& name, RepairReport& r, const Progress& progress) {
  try {
    return repairOrThrow(mesh, name, r, progress);
  } catch (const Error&) {
    throw;
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    // CGAL's own failures (a triple intersection it does not handle, a precondition).
    throw Error(name + " could not be repaired into a volume (" + e.what() + ")", name,
                "re-export the mesh as one closed surface, or remesh it (e.g. a volumetric remesh) first");
  }
}

SurfaceMesh repairOrThrow(const Mesh& mesh, const std::string& name, RepairReport& r, const Progress& progress) {
  if (mesh.empty())
    throw Error(name + " has no faces", name, "give a closed triangle mesh (binary or ASCII STL)");
  const Mesh welded = weldVertices(mesh, 1e-5);
  r.mergedVertices = mesh.vertexCount() - welded.vertexCount();
  // An STL repeats each vertex per face: welding that is reading, not repairing.
  if (mesh.vertexCount() == 3 * mesh.faceCount()) r.mergedVertices = 0;
  r.reoriented = analyseTopology(welded).misorientedEdges > 0;
  SurfaceMesh sm = surfaceFromSoup(welded, r);
  progress.check();
  if (sm.number_of_faces() == 0)
    throw Error(name + " has only degenerate faces", name, "give a closed triangle mesh with a non-zero volume");
  if (!CGAL::is_closed(sm)) fillHoles(sm, r, progress);
  dropEmptyPieces(sm, name, r);
  progress.report(0.3, "checking for self-intersections");
  if (PMP::does_self_intersect(sm)) {
    // The outer surface of overlapping parts holds at least the largest part's volume and at
    // most their sum; anything else is CGAL losing the mesh (seen: a few crossing faces in a
    // large mesh left a sliver), refused rather than passed on as a part.
    const double sum = signedVolumeOf(sm, {sm.faces().begin(), sm.faces().end()});
    CorefinementProgress<SurfaceMesh> visitor(progress.sub(0.3, 0.9));
    const bool ok = PMP::experimental::autorefine_and_remove_self_intersections(sm, CGAL::parameters::visitor(visitor));
    r.resolvedSelfIntersections = true;
    if (!ok || PMP::does_self_intersect(sm))
      throw Error(name + " intersects itself in a way that cannot be resolved (the outer surface would not be manifold)",
                  name, "re-export the mesh as one closed surface, or remesh it (e.g. a volumetric remesh) first");
    const double kept = std::abs(signedVolumeOf(sm, {sm.faces().begin(), sm.faces().end()}));
    if (!(kept > 0.5 * std::abs(sum)) && !(std::abs(sum) < 1e-9))
      throw Error(name + " intersects itself and resolving it would keep only " + std::to_string(int(100 * kept / std::abs(sum))) +
                      " % of its volume",
                  name, "re-export the mesh as one closed surface, or remesh it (e.g. a volumetric remesh) first");
  }
  if (!CGAL::is_closed(sm))
    throw Error(name + " has holes that could not be closed", name, "close the mesh in a mesh editor and try again");
  const double before = signedVolumeOf(sm, {sm.faces().begin(), sm.faces().end()});
  PMP::orient_to_bound_a_volume(sm);
  const double after = signedVolumeOf(sm, {sm.faces().begin(), sm.faces().end()});
  r.reoriented = r.reoriented || (before < 0) != (after < 0);
  if (!PMP::does_bound_a_volume(sm) || !(after > 0))
    throw Error(name + " does not bound a volume after repair", name,
                "give a closed mesh enclosing a non-zero volume");
  progress.report(1.0, "repaired");
  return sm;
}

}  // namespace detail

Mesh repairToVolume(const Mesh& mesh, const std::string& name, RepairReport* report, const Progress& progress) {
  RepairReport r;
  const detail::SurfaceMesh sm = detail::repairedSurface(mesh, name, r, progress);
  if (report) *report = r;
  return detail::fromSurfaceMesh(sm);
}

}  // namespace tantalus::machining
