// The guides step's products in the 3D view: the piece removed, its cut faces (subdivided)
// coloured by their distance to the lesion (the margin map: red inside the margin, yellow within 5 mm
// beyond it, green farther), each guide, and each plane as a red square about its point.
#include <vtkAdaptiveSubdivisionFilter.h>
#include <vtkAppendPolyData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkPoints.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>

#include <filesystem>

#include "gui/app/scene_meshes.h"
#include "meshing/vtk_mesh.h"
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

// The faces of `m` on a plane (within 0.01 mm: the cut faces), and the others.
std::pair<Mesh, Mesh> splitCut(const Mesh& m, const std::vector<GuidePlane>& planes) {
  std::vector<Eigen::Index> cut, rest;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    bool on = false;
    for (const auto& gp : planes) {
      const guides::Plane p = guides::Plane::of(gp);
      on = on || (std::abs(p.signedDistance(corner(m, f, 0))) < 0.01 && std::abs(p.signedDistance(corner(m, f, 1))) < 0.01 &&
                  std::abs(p.signedDistance(corner(m, f, 2))) < 0.01);
    }
    (on ? cut : rest).push_back(f);
  }
  auto subset = [&](const std::vector<Eigen::Index>& fs) {
    Mesh s;
    s.vertices = m.vertices;
    s.faces.resize(Eigen::Index(fs.size()), 3);
    for (std::size_t i = 0; i < fs.size(); ++i) s.faces.row(Eigen::Index(i)) = m.faces.row(fs[i]);
    return s;
  };
  return {subset(cut), subset(rest)};
}

// The margin map: the piece's bone surface (decimated) grey, its cut faces subdivided to
// 1.5 mm edges (a cut face is a few long triangles: its vertices lie on its rim) and
// coloured by their distance to the lesion.
SceneObject marginMap(const Mesh& piece, const std::vector<GuidePlane>& planes, const Mesh& lesion, double marginMm) {
  const auto [cut, rest] = splitCut(piece, planes);
  SceneObject o;
  o.name = "resection";
  o.faces = piece.faceCount();
  vtkNew<vtkAppendPolyData> all;
  vtkSmartPointer<vtkPolyData> surface = displayPolyData(rest, kDisplayFaces);
  all->AddInputData(surface);
  vtkNew<vtkAdaptiveSubdivisionFilter> fine;
  fine->SetInputData(meshing::toPolyData(cut));
  fine->SetMaximumEdgeLength(1.5);
  fine->Update();
  all->AddInputData(fine->GetOutput());
  all->Update();
  vtkNew<vtkPolyDataNormals> normals;
  normals->SetInputData(all->GetOutput());
  normals->SplittingOff();
  normals->Update();
  o.data = normals->GetOutput();
  o.shownFaces = std::size_t(o.data->GetNumberOfPolys());
  vtkPoints* pts = o.data->GetPoints();
  const vtkIdType first = surface->GetNumberOfPoints();  // the cut's points follow the surface's
  std::vector<Eigen::Vector3d> p(std::size_t(pts->GetNumberOfPoints() - first));
  for (vtkIdType i = first; i < pts->GetNumberOfPoints(); ++i) pts->GetPoint(i, p[std::size_t(i - first)].data());
  const std::vector<double> d = check::distancesToSurface(lesion, p);
  vtkNew<vtkUnsignedCharArray> rgb;
  rgb->SetName("margin");
  rgb->SetNumberOfComponents(3);
  rgb->SetNumberOfTuples(pts->GetNumberOfPoints());
  const unsigned char red[3] = {220, 40, 40}, yellow[3] = {235, 200, 40}, green[3] = {60, 180, 90}, grey[3] = {205, 195, 190};
  for (vtkIdType i = 0; i < pts->GetNumberOfPoints(); ++i) {
    const double di = i < first ? 1e9 : d[std::size_t(i - first)];
    rgb->SetTypedTuple(i, i < first ? grey : di < marginMm ? red : di < marginMm + 5 ? yellow : green);
  }
  o.data->GetPointData()->SetScalars(rgb);
  o.vertexColours = true;
  return o;
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
      const Mesh pieceMesh = readStl(piece);
      SceneObject o = shown("resection", pieceMesh, {0.85, 0.3, 0.28});
      const GuideParams& g = c.guides;
      if (p.imported && (!g.lesion.empty() || g.lesionHu)) {
        const CtVolume& ct = p.imported->volume;
        const fs::path file = fs::path(g.lesion).is_absolute() ? fs::path(g.lesion) : caseDir / g.lesion;
        const Mask lesion = g.lesionHu ? guides::lesionFromThreshold(ct, (*g.lesionHu)[0], (*g.lesionHu)[1],
                                                                     Eigen::Vector3d((*g.lesionSeed)[0], (*g.lesionSeed)[1], (*g.lesionSeed)[2]))
                                       : io::readMaskVolume(file);
        o = marginMap(weldVertices(pieceMesh), g.planes, guides::lesionSurface(lesion, ct.geometry, file.string()), g.marginMm);
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
