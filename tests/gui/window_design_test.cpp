// The design panel and the 3D view's tools, driven through the window on the planned
// phantom: the augment envelope shown (the reach's shell, sized by the reach), the
// machine chosen, the live lattice preview (rebuilt when the porosity changes, its
// pixels on screen), and the cross-section (red outlines in the plane, none when off).
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <vtkPolyData.h>

#include "gui/app/lattice_preview_view.h"
#include "gui/app/scene_view.h"
#include "gui/app/screenshot.h"
#include "gui/app/vtk_view.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "window_support.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;
using namespace tantalus::test;

namespace {
std::size_t count(const QImage& img, const std::function<bool(QColor)>& f) {
  std::size_t n = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) n += f(img.pixelColor(x, y));
  return n;
}
bool red(QColor c) { return c.red() > 200 && c.green() < 70 && c.blue() < 70; }
bool orange(QColor c) { return c.red() > 120 && c.red() > c.green() + 40 && c.green() > c.blue() + 20; }

// The largest distance of the object's points from `centre`.
double reachOf(const SceneObject& o, const Eigen::Vector3d& centre) {
  double r = 0;
  for (vtkIdType i = 0; i < o.data->GetNumberOfPoints(); ++i) {
    double p[3];
    o.data->GetPoint(i, p);
    r = std::max(r, (Eigen::Vector3d(p[0], p[1], p[2]) - centre).norm());
  }
  return r;
}
}  // namespace

TEST(WindowDesign, EnvelopeMachineLatticePreviewAndCrossSection) {
  isolate("win-design");
  MainWindow w;
  showWindow(w);
  openPlannedPhantom(w);
  if (HasFatalFailure()) return;
  const auto& cup = w.products().planned->cup;

  // The envelope: the reach's shell, out to the cup's radius plus the reach.
  const SceneObject* env = w.sceneView()->scene()->find("augment envelope");
  ASSERT_NE(env, nullptr);
  EXPECT_NEAR(reachOf(*env, cup.centreLps), cup.outerDiameterMm / 2 + 25, 0.5);
  child<QDoubleSpinBox>(w, "augment reach")->setValue(12);
  EXPECT_EQ(w.document().caseFile().design.augmentReachMm, 12);
  clickAndWait(w, "run plan", 300000);  // a job rebuilds the scene
  env = w.sceneView()->scene()->find("augment envelope");
  ASSERT_NE(env, nullptr);
  EXPECT_NEAR(reachOf(*env, cup.centreLps), cup.outerDiameterMm / 2 + 12, 0.5);

  // The machine, from resources/machines: the readout names it.
  w.showPanel("lattice");
  auto* machine = child<QComboBox>(w, "machine");
  ASSERT_GE(machine->count(), 2);
  machine->setCurrentText("lpbf-ti6al4v");
  EXPECT_EQ(w.document().caseFile().lattice.machine, "lpbf-ti6al4v");
  EXPECT_TRUE(child<QLabel>(w, "cell readout")->text().contains("L-PBF")) << child<QLabel>(w, "cell readout")->text().toStdString();

  // The live preview: built off the UI thread, drawn, rebuilt for a new porosity.
  LatticePreviewView* preview = w.latticePreview();
  QSignalSpy built(preview, &LatticePreviewView::built);
  for (int i = 0; i < 600 && (preview->building() || preview->shownFaces() == 0); ++i) QTest::qWait(50);
  ASSERT_GT(preview->shownFaces(), 1000u);
  const std::size_t faces80 = preview->shownFaces();
  child<QDoubleSpinBox>(w, "porosity")->setValue(65);
  ASSERT_TRUE(built.wait(30000));
  for (int i = 0; i < 600 && preview->building(); ++i) QTest::qWait(50);
  EXPECT_NE(preview->shownFaces(), faces80);  // thicker struts: another mesh
  QTest::qWait(300);
  const QImage cube = preview->view()->grabFramebuffer();
  EXPECT_GT(count(cube, orange), std::size_t(cube.width() * cube.height() / 20));
  EXPECT_TRUE(child<QLabel>(w, "lattice preview caption")->text().contains("cell edge"));

  // The cross-section: coronal through the cup's centre, red outlines on screen.
  for (int i = 0; i < 3; ++i) w.sliceView(i)->setCursor(cup.centreLps);
  QTest::qWait(200);
  EXPECT_EQ(count(grabView(w, "3d"), red), 0u);
  w.sceneView()->setSection(SceneView::Section::coronal);
  QTest::qWait(300);
  EXPECT_GT(w.sceneView()->sectionOutlinePoints(), 500u);
  EXPECT_GT(count(grabView(w, "3d"), red), 300u);
  w.sceneView()->setSection(SceneView::Section::off);
  QTest::qWait(300);
  EXPECT_EQ(count(grabView(w, "3d"), red), 0u);
}
