#include "gui/app/scene_meshes.h"

#include <vtkAppendPolyData.h>
#include <vtkLineSource.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkQuadricClustering.h>
#include <vtkQuadricDecimation.h>
#include <vtkTubeFilter.h>

#include <filesystem>

#include "gui/model/lattice_readout.h"
#include "meshing/vtk_mesh.h"
#include "tantalus/core/error.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/lattice_zone.h"

namespace tantalus::gui {

const SceneObject* SceneMeshes::find(const std::string& name) const {
  for (const auto& o : objects)
    if (o.name == name) return &o;
  return nullptr;
}

namespace {
vtkSmartPointer<vtkPolyData> withNormals(vtkPolyData* in) {
  vtkNew<vtkPolyDataNormals> n;
  n->SetInputData(in);
  n->SetFeatureAngle(60);
  n->SplittingOff();
  n->ConsistencyOff();
  n->Update();
  return n->GetOutput();
}

SceneObject object(const std::string& name, vtkSmartPointer<vtkPolyData> data, std::initializer_list<double> rgb, double opacity,
                   std::size_t faces, std::size_t shown) {
  SceneObject o;
  o.name = name;
  o.data = std::move(data);
  auto it = rgb.begin();
  for (double& c : o.colour) c = *it++;
  o.opacity = opacity;
  o.faces = faces;
  o.shownFaces = shown;
  return o;
}

void addMesh(SceneMeshes& s, const std::string& name, const Mesh& m, std::initializer_list<double> rgb, double opacity,
             std::size_t maxFaces = kDisplayFaces, bool edgeCollapse = false) {
  if (m.empty()) return;
  std::size_t shown = 0;
  auto pd = displayPolyData(m, maxFaces, edgeCollapse, &shown);
  s.objects.push_back(object(name, pd, rgb, opacity, m.faceCount(), shown));
}

// A hemispherical shell on the planned cup, its dome into the bone (opposite the
// opening): the cup itself, or the augment's envelope beyond it.
Mesh onCup(const plan::CupPlan& c, double outerRadiusMm, double thicknessMm, int segments = 64) {
  Mesh m = lattice::hemisphericalShell(outerRadiusMm, thicknessMm, segments);
  const Eigen::Vector3d dome = -c.axisLps.normalized();
  const Eigen::Matrix3d r = Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitZ(), dome).toRotationMatrix();
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
    const Eigen::Vector3d p = r * m.vertices.row(i).transpose().cast<double>() + c.centreLps;
    m.vertices.row(i) = p.transpose().cast<float>();
  }
  return m;
}

// The augment's envelope, violet edges: the case's STL, or the reach's shell.
void addEnvelope(SceneMeshes& s, const CaseFile& c, const std::filesystem::path& caseDir, const plan::CupPlan& cup) {
  const DesignParams& d = c.design;
  if (d.augmentReachMm <= 0) return;
  try {
    const Mesh m = d.augmentEnvelope.empty() ? onCup(cup, cup.outerDiameterMm / 2 + d.augmentReachMm, std::max(0.1, d.augmentReachMm - 0.5), 24)
                                             : readStl(caseDir / d.augmentEnvelope);
    // Coarse edges, not a translucent surface: translucency costs VTK's order-independent
    // pass, a third of the frame rate under llvmpipe (25 → 17 fps on the phantom), and
    // the edges of a 64-segment shell a sixth.
    addMesh(s, "augment envelope", m, {0.62, 0.45, 0.85}, 1.0);
    s.objects.back().wireframe = true;
  } catch (const Error& e) {
    s.warnings.push_back("the augment envelope is not shown: " + std::string(e.what()));
  }
}

vtkSmartPointer<vtkPolyData> screwTubes(const std::vector<plan::Screw>& screws) {
  vtkNew<vtkAppendPolyData> all;
  for (const auto& s : screws) {
    vtkNew<vtkLineSource> line;
    line->SetPoint1(s.entryLps.data());
    line->SetPoint2(s.tipLps.data());
    vtkNew<vtkTubeFilter> tube;
    tube->SetInputConnection(line->GetOutputPort());
    tube->SetRadius(s.diameterMm / 2);
    tube->SetNumberOfSides(16);
    tube->CappingOn();
    tube->Update();
    all->AddInputData(tube->GetOutput());
  }
  all->Update();
  return all->GetOutput();
}
}  // namespace

vtkSmartPointer<vtkPolyData> displayPolyData(const Mesh& m, std::size_t maxFaces, bool edgeCollapse, std::size_t* shownFaces) {
  vtkSmartPointer<vtkPolyData> pd = meshing::toPolyData(m);
  if (m.faceCount() > maxFaces && edgeCollapse) {
    // Edge collapses by quadric error to the budget: keeps thin struts and sharp rims.
    vtkNew<vtkQuadricDecimation> q;
    q->SetInputData(pd);
    q->SetTargetReduction(1.0 - double(maxFaces) / double(m.faceCount()));
    q->VolumePreservationOn();
    q->Update();
    pd = q->GetOutput();
  } else if (m.faceCount() > maxFaces) {
    // A surface (bone, a body): clustering, bins sized so about maxFaces triangles remain
    // (faces ~ 2 × bins on a surface); a second for millions of triangles.
    vtkNew<vtkQuadricClustering> q;
    q->SetInputData(pd);
    q->AutoAdjustNumberOfDivisionsOn();
    const int div = std::max(32, int(std::sqrt(double(maxFaces) / 2.0) * 1.2));
    q->SetNumberOfDivisions(div, div, div);
    q->Update();
    pd = q->GetOutput();
  }
  if (shownFaces) *shownFaces = std::size_t(pd->GetNumberOfPolys());
  return withNormals(pd);
}

SceneMeshes buildScene(const Products& p, const CaseFile& c, const std::filesystem::path& caseDir, double latticePreviewMm,
                       const Progress& progress) {
  SceneMeshes s;
  if (p.segmented) {
    addMesh(s, "bone", p.segmented->boneMesh, {0.89, 0.85, 0.72}, 1.0);
    progress.report(0.4, "bone for display");
    addMesh(s, "old implant", p.segmented->implantMesh, {0.55, 0.57, 0.62}, 1.0);
  }
  progress.check();
  if (p.planned) {
    const plan::CupPlan& cup = p.planned->cup;
    addMesh(s, "planned cup", onCup(cup, cup.outerDiameterMm / 2, 3.0), {0.25, 0.52, 0.92}, 1.0);
    addEnvelope(s, c, caseDir, cup);
    if (!p.planned->screws.empty()) {
      auto tubes = screwTubes(p.planned->screws);
      const auto cells = std::size_t(tubes->GetNumberOfCells());  // triangle strips
      s.objects.push_back(object("screws", tubes, {0.93, 0.75, 0.2}, 1.0, cells, cells));
    }
  }
  progress.check();
  // Display only: an object that cannot be shown is a warning, never a failed job.
  if (p.designed && std::filesystem::exists(p.workDir / "implant_print.stl")) try {
      addMesh(s, "print body", readStl(p.workDir / "implant_print.stl"), {0.35, 0.72, 0.74}, 1.0);
      progress.report(0.8, "print body for display");
    } catch (const Error& e) {
      s.warnings.push_back("the print body is not shown: " + std::string(e.what()));
    }
  addGuideObjects(s, p, c, caseDir, progress);
  if (latticePreviewMm > 0 && p.planned && latticeReadout(c.lattice).solved) try {
    Mesh cube = latticePreview(c.lattice, latticePreviewMm, progress);
    // Beside the cup (or the bone's corner): lateral of it, at its height.
    const double out = (p.planned->side.side == plan::Side::left ? 1 : -1) * (p.planned->cup.outerDiameterMm / 2 + 25);
    const Eigen::Vector3d at = p.planned->cup.centreLps + Eigen::Vector3d(out, 0, 0);
    for (Eigen::Index i = 0; i < cube.vertices.rows(); ++i)
      cube.vertices.row(i) += (at - Eigen::Vector3d::Constant(latticePreviewMm / 2)).transpose().cast<float>();
    addMesh(s, "lattice preview", cube, {0.95, 0.55, 0.25}, 1.0, kPreviewFaces, true);
  } catch (const Error& e) {
    s.warnings.push_back("the lattice preview is not shown: " + std::string(e.what()));
  }
  progress.report(1.0, "scene ready");
  return s;
}

}  // namespace tantalus::gui
