// The slice views' geometry: radiological convention on any volume orientation, and
// the lattice panel's read-outs against the cell solver and a built preview cube.
#include <gtest/gtest.h>

#include "gui/model/lattice_readout.h"
#include "gui/model/measurement.h"
#include "gui/model/slice_geometry.h"
#include "tantalus/core/mesh.h"
#include "tantalus/lattice/cell_solver.h"

using namespace tantalus;
using namespace tantalus::gui;

namespace {
VolumeGeometry geometry(bool flipped) {
  VolumeGeometry g;
  g.size = {120, 100, 80};
  g.spacing = Eigen::Vector3d(0.8, 0.8, 2.0);
  g.origin = Eigen::Vector3d(-48, -40, -80);
  if (flipped) {  // stored right-to-left and bottom-up: the view must not care
    g.direction = Eigen::Vector3d(-1, 1, -1).asDiagonal();
    g.origin = Eigen::Vector3d(48, -40, 80);
  }
  return g;
}
}  // namespace

TEST(SliceGeometry, ThePatientsRightIsOnTheScreensLeftInAxialAndCoronalViews) {
  for (bool flipped : {false, true}) {
    SCOPED_TRACE(flipped ? "flipped storage" : "LPS storage");
    const VolumeGeometry g = geometry(flipped);
    const Eigen::Vector3d c = volumeCentre(g);
    const Eigen::Vector3d left(30, 0, 0), posterior(0, 30, 0), superior(0, 0, 30);  // LPS: +x is the patient's left
    for (SliceAxis a : {SliceAxis::axial, SliceAxis::coronal}) {
      const render::OrthoView v = sliceView(a, g, c, 400, 300);
      EXPECT_GT(v.project(c + left).x(), v.project(c - left).x()) << sliceAxisName(a);  // left on the right
      EXPECT_EQ(orientationLabels(a).left, "R");
      EXPECT_NEAR(v.depth(c), 0, 1e-9);
    }
    const render::OrthoView ax = sliceView(SliceAxis::axial, g, c, 400, 300);
    EXPECT_LT(ax.project(c - posterior).y(), ax.project(c + posterior).y());  // anterior at the top
    const render::OrthoView co = sliceView(SliceAxis::coronal, g, c, 400, 300);
    EXPECT_LT(co.project(c + superior).y(), co.project(c - superior).y());  // superior at the top
    const render::OrthoView sa = sliceView(SliceAxis::sagittal, g, c, 400, 300);
    EXPECT_LT(sa.project(c - posterior).x(), sa.project(c + posterior).x());  // anterior on the left
    EXPECT_EQ(orientationLabels(SliceAxis::sagittal).left, "A");
    // The whole volume fits: its 240 mm height (80 × 2 mm) in 300 px.
    EXPECT_NEAR(co.mmPerPixel, 160.0 / 300, 1e-6);
    // Stepping moves one slice (2 mm along z) and stops at the volume's edge.
    EXPECT_NEAR((stepSlice(SliceAxis::axial, g, c, 1) - c).norm(), 2.0, 1e-9);
    EXPECT_NEAR(stepSlice(SliceAxis::axial, g, c, 1000).z(), flipped ? 80 : 78, 1e-9);
  }
}

TEST(LatticeReadout, TheCellMatchesTheSolverAndThePreviewCubeHasThePorosity) {
  LatticeParams p;  // 600 µm window, 80 %
  const LatticeReadout r = latticeReadout(p);
  ASSERT_TRUE(r.solved);
  const auto c = lattice::solveCell(0.6, 0.8, lattice::PoreDefinition::Window);
  EXPECT_DOUBLE_EQ(r.cellEdgeMm, c.cellMm);
  EXPECT_DOUBLE_EQ(r.strutMm, c.strutMm);
  EXPECT_NEAR(r.windowMm, 0.6, 1e-6);
  EXPECT_TRUE(r.printable);
  const Mesh m = latticePreview(p, 6.0);
  const double porosity = 1 - signedVolume(m) / 216.0;
  EXPECT_NEAR(porosity, 0.80, 0.03);
  p.porosity = 0.97;  // struts too thin to print
  const LatticeReadout thin = latticeReadout(p);
  EXPECT_FALSE(thin.printable && thin.solved);
  EXPECT_FALSE(thin.problems.empty());
}

TEST(Measurement, DistanceThenAngleAtTheMiddlePointThenAgain) {
  Measurement m;
  EXPECT_EQ(m.text(), "");
  m.add({0, 0, 0});
  m.add({30, 40, 0});
  EXPECT_DOUBLE_EQ(m.distanceMm(), 50);
  EXPECT_EQ(m.text(), "A–B 50.0 mm");
  m.add({30, 40, 25});  // B–C along z: a right angle at B
  EXPECT_NEAR(m.angleDeg(), 90, 1e-9);
  EXPECT_EQ(m.text(), "angle A–B–C 90.0° (A–B 50.0 mm, B–C 25.0 mm)");
  m.add({1, 2, 3});
  EXPECT_EQ(m.points().size(), 1u);
  m.add({1, 2, 3});
  EXPECT_EQ(m.distanceMm(), 0);
  m.add({1, 2, 3});
  EXPECT_EQ(m.angleDeg(), 0);  // degenerate: no angle, no NaN
}
