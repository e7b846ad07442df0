#pragma once
// Internal to src/machining: the CGAL kernel and mesh type, and the conversion back to
// core Meshes. Only this module's translation units include it.
#include <CGAL/Exact_predicates_exact_constructions_kernel.h>
#include <CGAL/Surface_mesh.h>

#include "tantalus/core/mesh.h"

namespace tantalus::machining::detail {

using Kernel = CGAL::Exact_predicates_exact_constructions_kernel;
using Point = Kernel::Point_3;
using SurfaceMesh = CGAL::Surface_mesh<Point>;

// Rounded to float, then welded: exact points that round to one float become one vertex
// and the faces that collapse with them are dropped.
Mesh fromSurfaceMesh(const SurfaceMesh& sm);

}  // namespace tantalus::machining::detail
