// The plan edited by hand on the slices, as a user drags: the cup's centre, a
// landmark, a screw's tip (measured live while it moves); and a screw added at the
// cursor from the plan panel. Each drop is one undoable edit and the plan is run again;
// the new plan is where the handle was let go. In the 3D view: the cup's axis and rim.
#include <gtest/gtest.h>

#include <QLabel>
#include <QTest>

#include "gui/app/scene_view.h"
#include "gui/app/slice_view.h"
#include "gui/app/vtk_view.h"
#include "gui/model/plan_handles.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "window_support.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;
using namespace tantalus::test;

namespace {
QPoint pixelOf(SliceView* v, const Eigen::Vector3d& lps) {
  const Eigen::Vector2d p = v->currentView().project(lps);
  return QPoint(int(std::lround(p.x())), int(std::lround(p.y())));
}

// Drags in `v` from `lps` by `by` pixels; returns where the handle was let go (LPS),
// and in `live` the status line just before (what the drag measured).
Eigen::Vector3d drag(MainWindow& w, SliceView* v, const Eigen::Vector3d& lps, QPoint by, QString* live = nullptr) {
  for (int i = 0; i < 3; ++i) w.sliceView(i)->setCursor(lps);  // the handle's slice
  QTest::qWait(300);
  const QPoint from = pixelOf(v, lps), to = from + by;
  const render::OrthoView view = v->currentView();
  QTest::mousePress(v, Qt::LeftButton, {}, from);
  QTest::mouseMove(v, from + QPoint(by.x() / 2, by.y() / 2));
  QTest::mouseMove(v, to);
  if (live) *live = w.findChild<QLabel*>("status message")->text();
  QTest::mouseRelease(v, Qt::LeftButton, {}, to);
  return lps + (view.pointAt(to.x(), to.y()) - view.pointAt(from.x(), from.y()));
}

void replanned(MainWindow& w) {
  ASSERT_TRUE(w.busy()) << "no plan was started: " << w.lastError().toStdString();
  ASSERT_TRUE(waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  QTest::qWait(200);
}
}  // namespace

TEST(WindowPlan, DraggingTheCupALandmarkAndAScrewOnTheSlicesEditsThePlan) {
  isolate("win-handles");
  MainWindow w;
  showWindow(w);
  openPlannedPhantom(w);
  if (HasFatalFailure()) return;
  SliceView* axial = w.sliceView(0);
  SliceView* coronal = w.sliceView(1);

  // The cup's centre, dragged 18 px right and 12 px up in the coronal view.
  QString live;
  const Eigen::Vector3d cupTo = drag(w, coronal, w.products().planned->cup.centreLps, QPoint(18, -12), &live);
  EXPECT_TRUE(live.contains("mm superior")) << live.toStdString();
  replanned(w);
  EXPECT_LT((w.products().planned->cup.centreLps - cupTo).norm(), 0.1);
  EXPECT_GT(w.document().caseFile().plan.cupShift.superiorMm, 1.0);  // up on the screen is superior

  // The right ASIS, 10 px toward the screen's left in the axial view (the patient's right: −x).
  const Eigen::Vector3d asis0 = w.products().planned->anatomy.landmarks.asis[0];
  const Eigen::Vector3d asisTo = drag(w, axial, asis0, QPoint(-10, 0));
  EXPECT_LT(asisTo.x(), asis0.x() - 1);
  replanned(w);
  ASSERT_TRUE(w.document().caseFile().plan.landmarks);
  EXPECT_EQ(w.products().planned->anatomy.landmarks.source, "case file");
  EXPECT_LT((w.products().planned->anatomy.landmarks.asis[0] - asisTo).norm(), 0.1);

  // A screw added at the cursor: toward it, from the cup's outer sphere.
  const auto& p1 = *w.products().planned;
  ASSERT_FALSE(p1.screws.empty());
  const std::size_t n0 = p1.screws.size();
  const Eigen::Vector3d target = p1.cup.centreLps + 60 * (p1.screws[0].directionLps + 0.3 * p1.screws[0].directionLps.unitOrthogonal()).normalized();
  for (int i = 0; i < 3; ++i) w.sliceView(i)->setCursor(target);
  click(w, "add screw");
  replanned(w);
  const auto& p2 = *w.products().planned;
  ASSERT_EQ(p2.screws.size(), n0 + 1);
  ASSERT_EQ(w.document().caseFile().plan.screwTargets->size(), n0 + 1);
  EXPECT_LT((p2.screws.back().directionLps - (target - p2.cup.centreLps).normalized()).norm(), 1e-6);
  EXPECT_NEAR((p2.screws.back().entryLps - p2.cup.centreLps).norm(), p2.cup.outerDiameterMm / 2, 1e-6);

  // Its tip dragged in the axial view: measured live while it moves, aimed there after.
  const Eigen::Vector3d tipTo = drag(w, axial, p2.screws.back().tipLps, QPoint(0, 15), &live);
  EXPECT_TRUE(live.contains(QString("screw %1: ").arg(n0 + 1)) && live.contains("mm in bone")) << live.toStdString();
  replanned(w);
  const auto& p3 = *w.products().planned;
  EXPECT_LT((p3.screws.back().directionLps - (tipTo - p3.cup.centreLps).normalized()).norm(), 1e-6);
  EXPECT_EQ(std::fmod(p3.screws.back().lengthMm, 5.0), 0.0);  // a stock length

  // The 3D view's cup handles: the axis tip dragged sets the angles the replanned cup
  // opens along; the rim dragged out sets a larger size made.
  SceneView* scene = w.sceneView();
  const plan::CupPlan before = w.products().planned->cup;
  for (const char* id : {"cup axis", "cup rim"}) {
    SCOPED_TRACE(id);
    const auto at = scene->handleOnScreen(id);
    ASSERT_TRUE(at.has_value());
    const QPoint from(int(std::lround(at->x())), int(std::lround(at->y())));
    const QPoint to = from + (std::string(id) == "cup axis" ? QPoint(-25, -20) : QPoint(0, -12));
    QString moving;
    QTest::mousePress(scene->view(), Qt::LeftButton, {}, from);
    QTest::mouseMove(scene->view(), (from + to) / 2);
    QTest::mouseMove(scene->view(), to);
    moving = child<QLabel>(w, "status message")->text();
    QTest::mouseRelease(scene->view(), Qt::LeftButton, {}, to);
    EXPECT_TRUE(moving.contains(std::string(id) == "cup axis" ? "inclination" : "diameter")) << moving.toStdString();
    replanned(w);
  }
  const plan::CupPlan& after = w.products().planned->cup;
  const auto& cf = w.document().caseFile().plan;
  EXPECT_GT(std::acos(std::clamp(after.axisLps.dot(before.axisLps), -1.0, 1.0)) * 180 / M_PI, 3.0);  // the cup turned
  EXPECT_NEAR(after.app.inclinationDeg, cf.inclinationDeg, 1e-9);
  EXPECT_EQ(std::fmod(cf.inclinationDeg * 2, 1.0), 0.0);  // to 0.5°
  ASSERT_TRUE(cf.cupMm.has_value());
  EXPECT_GT(*cf.cupMm, before.outerDiameterMm);
  EXPECT_EQ(after.outerDiameterMm, *cf.cupMm);

  // Undo (rim, axis, tip) takes the tip back; the handles follow the case, not the screen.
  w.document().undo();
  w.document().undo();
  w.document().undo();
  const auto back = w.document().caseFile().plan.screwTargets->back();
  EXPECT_LT((Eigen::Vector3d(back[0], back[1], back[2]) - target).norm(), 1e-9);
}
