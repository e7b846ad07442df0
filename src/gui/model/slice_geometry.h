#pragma once
// The three slice views' geometry, in the radiological convention of 3D Slicer,
// ITK-SNAP and the scanners' consoles: axial seen from the feet and coronal seen from
// the front, so the patient's right is on the screen's left; sagittal seen from the
// patient's left, anterior on the screen's left. Every view shows the whole volume.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tantalus/core/volume.h"
#include "tantalus/render/ortho_view.h"

namespace tantalus::gui {

enum class SliceAxis { axial, coronal, sagittal };
const char* sliceAxisName(SliceAxis a);

struct OrientationLabels {
  std::string left, right, top, bottom;  // the patient's side at each screen edge: "R", "L", "A", ...
};
OrientationLabels orientationLabels(SliceAxis a);

// The view of `axis` through `cursorLps`, the volume's extent fitted into width × height.
render::OrthoView sliceView(SliceAxis axis, const VolumeGeometry& g, const Eigen::Vector3d& cursorLps, int width, int height);

// The cursor moved by `steps` slices along the view's normal (one voxel spacing each).
Eigen::Vector3d stepSlice(SliceAxis axis, const VolumeGeometry& g, const Eigen::Vector3d& cursorLps, int steps);

// The volume's centre (the cursor when a CT is opened).
Eigen::Vector3d volumeCentre(const VolumeGeometry& g);

struct WindowPreset {
  std::string name;
  double level, width;  // HU
};
std::vector<WindowPreset> windowPresets();  // bone, soft tissue, metal

}  // namespace tantalus::gui
