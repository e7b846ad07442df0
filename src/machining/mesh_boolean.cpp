// Exact Booleans by corefinement, on repaired inputs.
#include "tantalus/machining/mesh_boolean.h"

#include <CGAL/Polygon_mesh_processing/corefinement.h>

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

// The corefinement of two exact meshes (both are copied: CGAL corefines its inputs in place).
SurfaceMesh corefined(const SurfaceMesh& a, const std::string& nameA, BooleanOp op, const SurfaceMesh& b,
                      const std::string& nameB, const Progress& progress) {
  SurfaceMesh ca = a, cb = b, out;
  const std::string what = describe(op, nameA, nameB);
  bool ok = false;
  try {
    ok = corefine(ca, op, cb, out, progress);
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

void refuseEmpty(const SurfaceMesh& out, BooleanOp op, const std::string& nameA, const std::string& nameB) {
  if (out.number_of_faces() > 0) return;
  const std::string what = describe(op, nameA, nameB);
  if (op == BooleanOp::Difference)
    throw Error("the " + what + " is empty: " + nameB + " removes all of " + nameA, nameA + ", " + nameB,
                "check that the cutter is placed on the part, not around it");
  throw Error("the " + what + " is empty: the two volumes do not overlap", nameA + ", " + nameB,
              "check that both meshes are in the same coordinates (LPS mm)");
}
}  // namespace

struct ExactSolid::Impl {
  SurfaceMesh mesh;
};

ExactSolid::ExactSolid(const Mesh& mesh, const std::string& name, const Progress& progress)
    : impl_(std::make_unique<Impl>()), name_(name) {
  impl_->mesh = detail::repairedSurface(mesh, name, repair_, progress);
}
ExactSolid::ExactSolid(const ExactSolid& o) : impl_(std::make_unique<Impl>(*o.impl_)), name_(o.name_), repair_(o.repair_) {}
ExactSolid::ExactSolid(ExactSolid&&) noexcept = default;
ExactSolid& ExactSolid::operator=(ExactSolid&&) noexcept = default;
ExactSolid::~ExactSolid() = default;

void ExactSolid::apply(BooleanOp op, const ExactSolid& other, const Progress& progress) {
  SurfaceMesh out = corefined(impl_->mesh, name_, op, other.impl_->mesh, other.name_, progress);
  refuseEmpty(out, op, name_, other.name_);
  impl_->mesh = std::move(out);
  progress.report(1.0, "done");
}

void ExactSolid::apply(BooleanOp op, const Mesh& other, const std::string& otherName, const Progress& progress) {
  apply(op, ExactSolid(other, otherName, progress.sub(0.0, 0.2)), progress.sub(0.2, 1.0));
}

Mesh ExactSolid::mesh() const { return detail::fromSurfaceMesh(impl_->mesh); }

BooleanResult meshBoolean(const Mesh& a, const std::string& nameA, BooleanOp op, const Mesh& b,
                          const std::string& nameB, const Progress& progress) {
  ExactSolid sa(a, nameA, progress.sub(0.0, 0.15));
  const ExactSolid sb(b, nameB, progress.sub(0.15, 0.3));
  sa.apply(op, sb, progress.sub(0.3, 0.95));
  progress.report(0.95, "converting the result");
  BooleanResult r{sa.mesh(), sa.repair(), sb.repair()};
  if (r.mesh.empty()) refuseEmpty(SurfaceMesh(), op, nameA, nameB);  // every face collapsed in rounding
  progress.report(1.0, "done");
  return r;
}

}  // namespace tantalus::machining
