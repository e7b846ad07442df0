#include "gui/model/slice_geometry.h"

#include <algorithm>
#include <cmath>

namespace tantalus::gui {

const char* sliceAxisName(SliceAxis a) {
  switch (a) {
    case SliceAxis::axial: return "axial";
    case SliceAxis::coronal: return "coronal";
    case SliceAxis::sagittal: return "sagittal";
  }
  return "?";
}

OrientationLabels orientationLabels(SliceAxis a) {
  switch (a) {
    case SliceAxis::axial: return {"R", "L", "A", "P"};
    case SliceAxis::coronal: return {"R", "L", "S", "I"};
    case SliceAxis::sagittal: return {"A", "P", "S", "I"};
  }
  return {};
}

namespace {
// forward (into the screen) and up, LPS. right = forward × up: +x (patient's left)
// for axial and coronal, +y (posterior) for sagittal.
void axes(SliceAxis a, Eigen::Vector3d& forward, Eigen::Vector3d& up) {
  switch (a) {
    case SliceAxis::axial: forward = Eigen::Vector3d::UnitZ(); up = -Eigen::Vector3d::UnitY(); return;
    case SliceAxis::coronal: forward = Eigen::Vector3d::UnitY(); up = Eigen::Vector3d::UnitZ(); return;
    case SliceAxis::sagittal: forward = -Eigen::Vector3d::UnitX(); up = Eigen::Vector3d::UnitZ(); return;
  }
}

std::vector<Eigen::Vector3d> corners(const VolumeGeometry& g) {
  std::vector<Eigen::Vector3d> c;
  for (int k : {0, 1})
    for (int j : {0, 1})
      for (int i : {0, 1})
        c.push_back(g.indexToLps(Eigen::Vector3d((i ? g.size[0] : 0) - 0.5, (j ? g.size[1] : 0) - 0.5, (k ? g.size[2] : 0) - 0.5)));
  return c;
}
}  // namespace

Eigen::Vector3d volumeCentre(const VolumeGeometry& g) {
  return g.indexToLps(Eigen::Vector3d(0.5 * (g.size[0] - 1), 0.5 * (g.size[1] - 1), 0.5 * (g.size[2] - 1)));
}

render::OrthoView sliceView(SliceAxis axis, const VolumeGeometry& g, const Eigen::Vector3d& cursorLps, int width, int height) {
  Eigen::Vector3d forward, up;
  axes(axis, forward, up);
  render::OrthoView v = render::OrthoView::framing(corners(g), forward, up, 0.0, std::max(1, width), std::max(1, height));
  // Fill the widget (framing trims the picture to the volume's aspect), centred.
  v.width = std::max(1, width);
  v.height = std::max(1, height);
  v.centre += v.forward * (cursorLps - v.centre).dot(v.forward);
  return v;
}

Eigen::Vector3d stepSlice(SliceAxis axis, const VolumeGeometry& g, const Eigen::Vector3d& cursorLps, int steps) {
  Eigen::Vector3d forward, up;
  axes(axis, forward, up);
  // The spacing along the view's normal: the voxel axis most nearly parallel to it.
  int best = 0;
  for (int c = 1; c < 3; ++c)
    if (std::abs(g.direction.col(c).dot(forward)) > std::abs(g.direction.col(best).dot(forward))) best = c;
  Eigen::Vector3d p = cursorLps + forward * (steps * g.spacing[best]);
  // Kept inside the volume.
  const Eigen::Vector3d idx = g.lpsToIndex(p);
  Eigen::Vector3d clamped;
  for (int c = 0; c < 3; ++c) clamped[c] = std::clamp(idx[c], 0.0, double(g.size[c] - 1));
  return g.indexToLps(clamped);
}

std::vector<WindowPreset> windowPresets() {
  return {{"bone", 400, 1800}, {"soft tissue", 40, 400}, {"metal", 2000, 6000}};
}

}  // namespace tantalus::gui
