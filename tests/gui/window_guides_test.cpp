// The guides panel driven through the window on the segmented phantom: a plane added at
// the cursor (its normal toward the chosen side), a lesion map, Make guides; the guide,
// the piece removed and the plane in the 3D view (the guide's blue on screen), the margin
// map on the piece (no red with a 10 mm margin, red once the margin exceeds the bone
// around the lesion), the status line, and undo.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>

#include "gui/app/scene_view.h"
#include "gui/app/screenshot.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"
#include "window_support.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;
using namespace tantalus::test;

namespace {
// Points of the piece coloured red (inside the margin) by the margin map.
std::size_t redPoints(const SceneObject& o) {
  auto* rgb = vtkUnsignedCharArray::SafeDownCast(o.data->GetPointData()->GetScalars());
  if (!rgb) return 0;
  std::size_t n = 0;
  for (vtkIdType i = 0; i < rgb->GetNumberOfTuples(); ++i) n += rgb->GetValue(3 * i) > 200 && rgb->GetValue(3 * i + 1) < 100;
  return n;
}
bool guideBlue(QColor c) { return c.blue() > 120 && c.blue() > c.red() + 50 && c.green() > c.red() + 20; }
}  // namespace

TEST(WindowGuides, APlaneAtTheCursorMakesAGuideShownWithItsMarginMap) {
  isolate("win-guides");
  MainWindow w;
  showWindow(w);
  const fs::path ph = cachedPhantom("design-default", {});
  ASSERT_TRUE(w.openPath(QString::fromStdString((ph / "dicom").string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  clickAndWait(w, "run segment", 300000);
  ASSERT_TRUE(w.products().segmented);

  // A lesion in the right iliac wing, and a plane under it on the wing's lateral face.
  const fs::path dir = scratchDir("win-guides-lesion");
  io::writeMaskVolume(dir / "lesion.nii.gz", io::phantomLesionMask(io::PhantomOptions{}, Eigen::Vector3d(-80, 15, 90), 8));
  w.document().edit("lesion", [&](CaseFile& c) { c.guides.lesion = (dir / "lesion.nii.gz").string(); });
  const Eigen::Vector3d at(-109.5, 15, 60);
  for (int i = 0; i < 3; ++i) w.sliceView(i)->setCursor(at);
  child<QComboBox>(w, "plane direction")->setCurrentText("superior");
  QTest::mouseClick(child<QPushButton>(w, "add plane"), Qt::LeftButton);
  const auto& planes = w.document().caseFile().guides.planes;
  ASSERT_EQ(planes.size(), 1u);
  EXPECT_NEAR(planes[0].point[0], at.x(), 1e-9);
  EXPECT_NEAR(planes[0].point[2], at.z(), 1e-9);
  EXPECT_DOUBLE_EQ(planes[0].normal[2], 1.0);
  EXPECT_EQ(child<QListWidget>(w, "guide planes")->count(), 1);
  EXPECT_TRUE(child<QListWidget>(w, "guide planes")->item(0)->text().contains("toward superior"));

  clickAndWait(w, "run guides", 300000);
  ASSERT_EQ(w.products().guides, 1) << w.lastError().toStdString();
  EXPECT_TRUE(fs::exists(w.products().workDir / "guide_1.stl"));
  EXPECT_TRUE(child<QLabel>(w, "guides status")->text().contains("1 guide(s) for 1 plane(s)"));
  const SceneMeshes* scene = w.sceneView()->scene();
  ASSERT_NE(scene, nullptr);
  ASSERT_NE(scene->find("guide 1"), nullptr);
  ASSERT_NE(scene->find("plane 1"), nullptr);
  const SceneObject* piece = scene->find("resection");
  ASSERT_NE(piece, nullptr);
  EXPECT_TRUE(piece->vertexColours);
  EXPECT_EQ(redPoints(*piece), 0u);  // the bone around the lesion is thicker than 10 mm everywhere
  QTest::qWait(300);
  const QImage img = grabView(w, "3d");
  std::size_t blue = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) blue += guideBlue(img.pixelColor(x, y));
  EXPECT_GT(blue, 100u);

  // A 25 mm margin: the wing's faces lie closer than that to the lesion: red on the piece.
  w.document().edit("margin", [](CaseFile& c) { c.guides.marginMm = 25; });
  EXPECT_TRUE(child<QLabel>(w, "guides status")->text().contains("Changed since"));
  clickAndWait(w, "run guides", 300000);
  const SceneObject* again = w.sceneView()->scene()->find("resection");
  ASSERT_NE(again, nullptr);
  EXPECT_GT(redPoints(*again), 50u);

  // Undo takes the margin back, then the lesion, then the plane.
  w.document().undo();
  EXPECT_DOUBLE_EQ(w.document().caseFile().guides.marginMm, 10);
  w.document().undo();
  w.document().undo();
  EXPECT_TRUE(w.document().caseFile().guides.planes.empty());
  EXPECT_EQ(child<QListWidget>(w, "guide planes")->count(), 0);
}
