#pragma once
// Internal to src/machining: the repair that every Boolean input goes through, on
// CGAL's mesh type (the public repairToVolume converts back to a core Mesh).
#include <string>

#include "cgal_types.h"
#include "tantalus/core/progress.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::machining::detail {

SurfaceMesh repairedSurface(const Mesh& mesh, const std::string& name, RepairReport& report, const Progress& progress);

}  // namespace tantalus::machining::detail
