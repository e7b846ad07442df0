// Exact Booleans by corefinement, on repaired inputs.
#include "tantalus/machining/mesh_boolean.h"

#include <CGAL/Polygon_mesh_processing/corefinement.h>
#include <CGAL/Polygon_mesh_processing/measure.h>

#include "corefinement_progress.h"
#include "mesh_repair_internal.h"
#include "tantalus/core/error.h"

namespace tantalus::machining {

namespace {
namespace PMP = CGAL::Polygon_mesh_processing;
using detail::SurfaceMesh;

const char* verb(BooleanOp op) {
  switch (op) {
    case BooleanOp::Union: return "union";
    case BooleanOp::Intersection: return "intersection";
    case BooleanOp::Difference: return "difference";
  }
  return "?";
}

std::string describe(BooleanOp op, const std::string& a, const std::string& b) {
  return std::string(verb(op)) + " of " + a + " and " + b;
}

bool corefine(SurfaceMesh& a, BooleanOp op, SurfaceMesh& b, SurfaceMesh& out, const Progress& progress) {
  detail::CorefinementProgress<SurfaceMesh> visitor(progress);
  const auto np = CGAL::parameters::visitor(visitor);
  switch (op) {
    case BooleanOp::Union: return PMP::corefine_and_compute_union(a, b, out, np);
    case BooleanOp::Intersection: return PMP::corefine_and_compute_intersection(a, b, out, np);
    case BooleanOp::Difference: return PMP::corefine_and_compute_difference(a, b, out, np);
  }
  return false;
}

// The corefined result on CGAL's mesh, possibly empty.
SurfaceMesh booleanSurface(const Mesh& a, const std::string& nameA, BooleanOp op, const Mesh& b,
                           const std::string& nameB, BooleanResult& r, const Progress& progress) {
  SurfaceMesh ca = detail::repairedSurface(a, nameA, r.repairA, progress.sub(0.0, 0.15));
  SurfaceMesh cb = detail::repairedSurface(b, nameB, r.repairB, progress.sub(0.15, 0.3));
  SurfaceMesh out;
  const std::string what = describe(op, nameA, nameB);
  bool ok = false;
  try {
    ok = corefine(ca, op, cb, out, progress.sub(0.3, 0.95));
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    throw Error("the " + what + " failed inside CGAL (" + e.what() + ")", nameA + ", " + nameB,
                "move one part by a fraction of a millimetre and try again");
  }
  if (!ok)
    throw Error("the " + what + " would not be manifold (the two surfaces touch along an edge or at a point)",
                nameA + ", " + nameB, "move one part by a fraction of a millimetre so they overlap or stay apart");
  return out;
}
}  // namespace

BooleanResult meshBoolean(const Mesh& a, const std::string& nameA, BooleanOp op, const Mesh& b,
                          const std::string& nameB, const Progress& progress) {
  BooleanResult r;
  const SurfaceMesh out = booleanSurface(a, nameA, op, b, nameB, r, progress);
  progress.report(0.95, "converting the result");
  r.mesh = detail::fromSurfaceMesh(out);
  const std::string what = describe(op, nameA, nameB);
  if (r.mesh.empty()) {
    if (op == BooleanOp::Difference)
      throw Error("the " + what + " is empty: " + nameB + " removes all of " + nameA, nameA + ", " + nameB,
                  "check that the cutter is placed on the part, not around it");
    throw Error("the " + what + " is empty: the two volumes do not overlap", nameA + ", " + nameB,
                "check that both meshes are in the same coordinates (LPS mm)");
  }
  progress.report(1.0, "done");
  return r;
}

double volumeOutside(const Mesh& a, const std::string& nameA, const Mesh& b, const std::string& nameB,
                     const Progress& progress) {
  BooleanResult r;
  const SurfaceMesh out = booleanSurface(a, nameA, BooleanOp::Difference, b, nameB, r, progress);
  if (out.number_of_faces() == 0) return 0.0;
  return CGAL::to_double(PMP::volume(out));
}

}  // namespace tantalus::machining
