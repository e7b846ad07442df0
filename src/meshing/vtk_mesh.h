#pragma once
// A core Mesh as VTK poly data, for the modules that speak VTK (meshing, the GUI's 3D
// view). Internal: public headers use core types only.
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include "tantalus/core/mesh.h"

namespace tantalus::meshing {

// Points (float) and triangles, no normals.
vtkSmartPointer<vtkPolyData> toPolyData(const Mesh& m);

}  // namespace tantalus::meshing
