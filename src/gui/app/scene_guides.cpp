// The guides step's products in the 3D view: the piece removed, coloured by its distance
// to the lesion (the margin map: red inside the margin, yellow within 5 mm beyond it,
// green farther), each guide, and each plane as a red square about its point.
#include <vtkPolyData.h>
#include <vtkPoints.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>

#include <filesystem>

#include "gui/app/scene_meshes.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/guides/resection.h"
#include "tantalus/io/ct_import.h"

namespace fs = std::filesystem;

namespace tantalus::gui {

namespace {

constexpr double kPlaneHalfMm = 30;

SceneObject shown(const std::string& name, const Mesh& m, std::initializer_list<double> rgb) {
  SceneObject o;
  o.name = name;
  o.data = displayPolyData(m, kDisplayFaces, false, &o.shownFaces);
  o.faces = m.faceCount();
  auto it = rgb.begin();
  for (double& c : o.colour) c = *it++;
  return o;
}

// The display points' distance to the lesion as colours (the margin map).
void colourByMargin(SceneObject& o, const Mesh& lesion, double marginMm) {
  vtkPoints* pts = o.data->GetPoints();
  std::vector<Eigen::Vector3d> p(std::size_t(pts->GetNumberOfPoints()));
  for (vtkIdType i = 0; i < pts->GetNumberOfPoints(); ++i) pts->GetPoint(i, p[std::size_t(i)].data());
  const std::vector<double> d = check::distancesToSurface(lesion, p);
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetName("margin");
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(pts->GetNumberOfPoints());
  for (std::size_t i = 0; i < d.size(); ++i) {
    const unsigned char red[3] = {220, 40, 40}, yellow[3] = {235, 200, 40}, green[3] = {60, 180, 90};
    const unsigned char* c = d[i] < marginMm ? red : d[i] < marginMm + 5 ? yellow : green;
    rgb->SetTypedTuple(vtkIdType(i), c);
  }
  o.data->GetPointData()->SetScalars(rgb);
  o.vertexColours = true;
}

// A square of the plane about its point, as edges.
Mesh planeSquare(const GuidePlane& gp) {
  const guides::Plane p = guides::Plane::of(gp);
  const Eigen::Vector3d a = std::abs(p.normal.x()) < 0.9 ? Eigen::Vector3d::UnitX() : Eigen::Vector3d::UnitY();
  const Eigen::Vector3d u = p.normal.cross(a).normalized(), v = p.normal.cross(u);
  Mesh m;
  m.vertices.resize(4, 3);
  const double s[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
  for (int i = 0; i < 4; ++i)
    m.vertices.row(i) = (p.point + kPlaneHalfMm * (s[i][0] * u + s[i][1] * v)).cast<float>().transpose();
  m.faces.resize(2, 3);
  m.faces << 0, 1, 2, 0, 2, 3;
  return m;
}

}  // namespace

void addGuideObjects(SceneMeshes& s, const Products& p, const CaseFile& c, const fs::path& caseDir, const Progress& progress) {
  if (p.guides <= 0) return;
  // Display only: what cannot be shown is a warning, never a failed job.
  try {
    const fs::path piece = p.workDir / "resection.stl";
    if (fs::exists(piece)) {
      SceneObject o = shown("resection", readStl(piece), {0.85, 0.3, 0.28});
      if (!c.guides.lesion.empty() && p.imported) {
        const fs::path file = fs::path(c.guides.lesion).is_absolute() ? fs::path(c.guides.lesion) : caseDir / c.guides.lesion;
        colourByMargin(o, guides::lesionSurface(io::readMaskVolume(file), p.imported->volume.geometry, file.string()),
                       c.guides.marginMm);
      }
      s.objects.push_back(std::move(o));
    }
    progress.check();
    for (int i = 1; i <= p.guides; ++i)
      s.objects.push_back(shown("guide " + std::to_string(i), readStl(p.workDir / ("guide_" + std::to_string(i) + ".stl")), {0.3, 0.6, 0.95}));
  } catch (const Error& e) {
    s.warnings.push_back("the guides are not shown: " + std::string(e.what()));
  }
  for (std::size_t i = 0; i < c.guides.planes.size(); ++i) {
    SceneObject o = shown("plane " + std::to_string(i + 1), planeSquare(c.guides.planes[i]), {0.95, 0.2, 0.2});
    o.wireframe = true;
    s.objects.push_back(std::move(o));
  }
}

}  // namespace tantalus::gui
