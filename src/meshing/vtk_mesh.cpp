#include "meshing/vtk_mesh.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>

namespace tantalus::meshing {

vtkSmartPointer<vtkPolyData> toPolyData(const Mesh& m) {
  vtkNew<vtkPoints> pts;
  pts->SetNumberOfPoints(m.vertices.rows());
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) pts->SetPoint(i, m.vertices(i, 0), m.vertices(i, 1), m.vertices(i, 2));
  vtkNew<vtkCellArray> polys;
  polys->AllocateExact(m.faces.rows(), m.faces.rows() * 3);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const vtkIdType ids[3] = {m.faces(f, 0), m.faces(f, 1), m.faces(f, 2)};
    polys->InsertNextCell(3, ids);
  }
  auto pd = vtkSmartPointer<vtkPolyData>::New();
  pd->SetPoints(pts);
  pd->SetPolys(polys);
  return pd;
}

}  // namespace tantalus::meshing
