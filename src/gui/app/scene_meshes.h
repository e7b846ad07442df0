#pragma once
// What the 3D view shows, as VTK poly data built off the UI thread (a job's worker):
// the bone and the old implant from the segmentation, the planned cup and screws from
// the plan with the augment's envelope, the print body from the design's STL, a lattice preview cube. Meshes over
// `kDisplayFaces` triangles are decimated for display (quadric clustering), the lattice
// preview cube to `kPreviewFaces` (quadric edge collapse: clustering would merge its
// struts); the files exported are the exact ones.
#include <vtkSmartPointer.h>

#include <cstddef>
#include <filesystem>
#include <filesystem>
#include <string>
#include <vector>

#include "gui/model/products.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"

class vtkPolyData;

namespace tantalus::gui {

constexpr std::size_t kDisplayFaces = 80000;
constexpr std::size_t kPreviewFaces = 40000;

struct SceneObject {
  std::string name;                 // "bone", "old implant", "planned cup", "screws", "augment envelope", "print body", "lattice preview",
                                    // "resection", "guide N", "plane N"
  vtkSmartPointer<vtkPolyData> data;
  double colour[3] = {1, 1, 1};
  double opacity = 1;
  bool wireframe = false;           // drawn as its edges (an envelope: seen through, no translucency pass)
  bool vertexColours = false;       // coloured by its points' RGB scalars (the resection's margin map)
  std::size_t faces = 0, shownFaces = 0;  // of the exact mesh, and as displayed
};

struct SceneMeshes {
  std::vector<SceneObject> objects;
  std::vector<std::string> warnings;  // an object that could not be shown, and why
  const SceneObject* find(const std::string& name) const;
};

// Poly data of a mesh (LPS mm = the view's world), decimated over `maxFaces`.
vtkSmartPointer<vtkPolyData> displayPolyData(const Mesh& m, std::size_t maxFaces, bool edgeCollapse = false,
                                             std::size_t* shownFaces = nullptr);

// Everything the products hold; `latticePreviewMm` > 0 adds a lattice cube of the
// case's parameters that size, beside the planned cup (with a plan). With a plan and an
// augment, its envelope (violet edges): the case's STL (relative to `caseDir`), or the
// shell the reach allows beyond the cup's outer sphere below its rim plane.
SceneMeshes buildScene(const Products& p, const CaseFile& c, const std::filesystem::path& caseDir, double latticePreviewMm,
                       const Progress& progress);
// The guides step's files (scene_guides.cpp): the resection coloured by its margin to the
// lesion, the guides, the planes (red squares, edges).
void addGuideObjects(SceneMeshes& s, const Products& p, const CaseFile& c, const std::filesystem::path& caseDir,
                     const Progress& progress);

}  // namespace tantalus::gui
