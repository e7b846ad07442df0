// The window driven as a user would (QTest, under Xvfb): open the phantom, set a
// threshold, segment, plan, move the cup, design, export; assert on the files and
// on the pixels of the views. And the real sample CT.
#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <fstream>

#include "gui/app/scene_view.h"
#include "gui/app/series_dialog.h"
#include "gui/model/autosave.h"
#include "gui/app/screenshot.h"
#include "gui/app/slice_view.h"
#include "gui/app/vtk_view.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/core/case_file.h"
#include "tantalus/io/phantom.h"
#include "window_support.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;
using tantalus::test::pixelStats;
using tantalus::test::waitForJob;

using tantalus::test::child;
using tantalus::test::click;
using tantalus::test::clickAndWait;
using tantalus::test::isolate;
using tantalus::test::showWindow;

TEST(WindowPhantom, APlanningSessionFromOpenToExportDrivenThroughTheWindow) {
  isolate("win-phantom");
  const fs::path ph = test::cachedPhantom("design-default", {});
  const io::PhantomTruth truth = io::phantomTruth({});
  MainWindow w;
  showWindow(w);
  ASSERT_TRUE(w.openPath(QString::fromStdString((ph / "dicom").string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  ASSERT_TRUE(w.products().imported);

  // A threshold, as a user types it: the case says custom 250 HU.
  auto* huMin = child<QSpinBox>(w, "hu min");
  huMin->setValue(250);
  EXPECT_EQ(w.document().caseFile().segmentation.preset, "custom");
  EXPECT_EQ(w.document().caseFile().segmentation.huMin, 250);
  const double segmentStall = clickAndWait(w, "run segment", 300000);
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  ASSERT_TRUE(w.products().segmented);
  EXPECT_EQ(w.products().segmented->huMin, 250);
  test::recordFigure("gui.ui_stall_segment_ms", segmentStall, "ms");
  EXPECT_LE(segmentStall, 100);

  click(w, "run plan");
  ASSERT_TRUE(waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  ASSERT_TRUE(w.products().planned);
  const auto cup0 = w.products().planned->cup;
  EXPECT_EQ(w.products().planned->side.side, plan::Side::left);  // the phantom's old cup is in the left hip
  // The slice views are at the cup: the axial one shows the CT, with the old implant
  // (left hip) on the screen's right: radiological, the patient's right on the left.
  QTest::qWait(200);
  const auto axial = pixelStats(grabView(w, "axial"));
  EXPECT_GT(axial.distinctColours, 50u);
  EXPECT_GT(axial.implantTint, 200u);
  EXPECT_GT(axial.implantMeanX, 0.55);
  const auto coronal = pixelStats(grabView(w, "coronal"));
  EXPECT_GT(coronal.implantMeanX, 0.55);

  // Move the cup 5 mm up (a spin box), plan again: the cup moved by exactly that.
  child<QDoubleSpinBox>(w, "shift superior")->setValue(5);
  EXPECT_EQ(w.document().caseFile().plan.cupShift.superiorMm, 5);
  click(w, "run plan");
  ASSERT_TRUE(waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  EXPECT_NEAR(w.products().planned->cup.fromNative.superiorMm, 5, 1e-6);
  EXPECT_NEAR((w.products().planned->cup.centreLps - cup0.centreLps).dot(truth.pelvicFrame.col(2)), 5, 0.5);
  // Undo and redo through the Edit menu round-trip the edit.
  const std::string edited = toCaseJson(w.document().caseFile());
  QAction* undo = nullptr;
  QAction* redo = nullptr;
  for (QAction* a : w.findChildren<QAction*>()) {
    if (a->text().startsWith("&Undo")) undo = a;
    if (a->text().startsWith("&Redo")) redo = a;
  }
  ASSERT_TRUE(undo && redo);
  undo->trigger();
  EXPECT_EQ(w.document().caseFile().plan.cupShift.superiorMm, 0);
  EXPECT_EQ(child<QDoubleSpinBox>(w, "shift superior")->value(), 0);
  redo->trigger();
  EXPECT_EQ(toCaseJson(w.document().caseFile()), edited);

  // Design (solid porous layer: exact bodies), then export.
  const double designStall = clickAndWait(w, "run design", 1200000);
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  test::recordFigure("gui.ui_stall_design_ms", designStall, "ms");
  EXPECT_LE(designStall, 100);
  ASSERT_TRUE(w.products().designed);
  const fs::path work = w.workDir();
  ASSERT_TRUE(fs::exists(work / "implant_print.stl"));

  const fs::path out = test::scratchDir("win-export") / "implant";
  w.exportTo(QString::fromStdString(out.string()));
  ASSERT_TRUE(waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  for (const char* f : {"implant_print.stl", "implant_machined.stl", "design.json", "case.tantalus.json"}) {
    ASSERT_TRUE(fs::exists(out / f)) << f;
    EXPECT_EQ(fs::file_size(out / f), fs::file_size(work / f)) << f;
  }
  // The exported case holds the moved cup.
  EXPECT_EQ(loadCaseFile(out / "case.tantalus.json").plan.cupShift.superiorMm, 5);

  // The 3D view: not uniform, the bone's colour and the print body's are there.
  QTest::qWait(300);
  const QImage view3d = grabView(w, "3d");
  const auto s3 = pixelStats(view3d);
  EXPECT_GT(s3.distinctColours, 500u);
  EXPECT_GT(s3.bone, s3.pixels / 50);
  // The print body, with the bone and the planned cup hidden (per-object visibility).
  w.sceneView()->setVisible("bone", false);
  w.sceneView()->setVisible("planned cup", false);
  QTest::qWait(200);
  const auto body = pixelStats(grabView(w, "3d"));
  EXPECT_GT(body.printBody, 500u);
  EXPECT_LT(body.bone, s3.bone / 4);
  if (const char* keep = std::getenv("TANTALUS_KEEP_TEST_OUTPUT"); keep && *keep) {
    view3d.save(QString::fromStdString((out / "view3d.png").string()));
    grabView(w, "all").save(QString::fromStdString((out / "window.png").string()));
  }
}

TEST(WindowRealSample, TheSampleCtOpensSegmentsAndPlansFromItsCase) {
  TANTALUS_REQUIRE_SHARED_DATA();
  isolate("win-sample");
  // The example case, beside a copy so the work folder is not in the checkout.
  CaseFile c = loadCaseFile(test::sourceDir() / "examples" / "totalsegmentator-example.tantalus.json");
  c.inputPath = (test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").string();
  const fs::path caseFile = test::scratchDir("win-sample-case") / "sample.tantalus.json";
  saveCaseFile(caseFile, c);
  MainWindow w;
  showWindow(w);
  ASSERT_TRUE(w.openPath(QString::fromStdString(caseFile.string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  const auto ct = pixelStats(grabView(w, "coronal"));
  EXPECT_GT(ct.distinctColours, 50u);
  click(w, "run plan");
  ASSERT_TRUE(waitForJob(w, 600000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  ASSERT_TRUE(w.products().segmented && w.products().planned);
  QTest::qWait(300);
  const auto s3 = pixelStats(grabView(w, "3d"));
  EXPECT_GT(s3.distinctColours, 500u);
  EXPECT_GT(s3.bone, s3.pixels / 50);
  // The plan's read-out is in the panel.
  EXPECT_NE(w.findChild<QLabel*>("plan summary")->text().indexOf(" mm cup"), -1);
}

// tantalus-gui's own command line: a bad input is one message with the fix, exit 2, and no
// screenshot written.
TEST(GuiCommandLine, BadInputsExitTwoWithTheFixAndWriteNothing) {
  isolate("gui-cli");
  const std::string gui = (test::cliPath().parent_path() / "tantalus-gui").string();
  const fs::path dir = test::scratchDir("gui-cli-files");
  const std::string shot = (dir / "shot.png").string();
  auto run = [&](const std::string& args) {
    auto r = test::runShell(gui + " " + args + " --screenshot " + shot + " --quit");
    r.out += r.err;
    return r;
  };
  auto missing = run((dir / "nothing.nii.gz").string());
  EXPECT_EQ(missing.exitCode, 2) << missing.out;
  EXPECT_NE(missing.out.find("no such file or folder"), std::string::npos) << missing.out;
  { std::ofstream(dir / "bad.tantalus.json") << "{\"schema\": "; }
  auto corrupt = run((dir / "bad.tantalus.json").string());
  EXPECT_EQ(corrupt.exitCode, 2) << corrupt.out;
  EXPECT_NE(corrupt.out.find("bad.tantalus.json"), std::string::npos) << corrupt.out;
  EXPECT_NE(corrupt.out.find("not valid JSON"), std::string::npos) << corrupt.out;
  auto view = run("--view 4d");
  EXPECT_EQ(view.exitCode, 2) << view.out;
  EXPECT_NE(view.out.find("--view"), std::string::npos) << view.out;
  EXPECT_FALSE(fs::exists(shot));
  // An unwritable screenshot is an error too (no window to look at is not "done").
  auto unwritable = test::runShell(gui + " --screenshot /proc/nope/shot.png --quit");
  unwritable.out += unwritable.err;
  EXPECT_EQ(unwritable.exitCode, 2) << unwritable.out;
  EXPECT_NE(unwritable.out.find("cannot write the screenshot"), std::string::npos) << unwritable.out;
}

TEST(WindowPhantom, CtrlClickOnASliceKeepsOnlyTheBonePieceThere) {
  isolate("win-pick");
  const fs::path ph = test::cachedPhantom("design-default", {});
  MainWindow w;
  showWindow(w);
  ASSERT_TRUE(w.openPath(QString::fromStdString((ph / "dicom").string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  clickAndWait(w, "run segment", 300000);
  ASSERT_TRUE(w.products().segmented);
  const auto all = w.products().segmented;
  const double allMl = w.products().boneMl;
  // A bone voxel on the axial slice, in the patient's right half (x < −40 mm, LPS).
  SliceView* axial = w.sliceView(0);
  const Mask& bone = all->bone;
  const auto& g = bone.geometry;
  const Eigen::Vector3d idx = g.lpsToIndex(axial->cursor());
  const int k = int(std::lround(idx.z()));
  std::optional<Eigen::Vector3d> pick;
  for (int j = 0; j < g.size[1] && !pick; j += 2)
    for (int i = 0; i < g.size[0] && !pick; i += 2) {
      const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
      // inside the bone by two voxels each way, so the click's rounding stays on it
      if (p.x() < -40 && bone(i, j, k) && bone(i + 2, j, k) && bone(i - 2, j, k) && bone(i, j + 2, k) && bone(i, j - 2, k)) pick = p;
    }
  ASSERT_TRUE(pick.has_value());
  QTest::qWait(300);
  const Eigen::Vector2d px = axial->currentView().project(*pick);
  test::StallMeter stall;
  QTest::mouseClick(axial, Qt::LeftButton, Qt::ControlModifier, QPoint(int(px.x()), int(px.y())));
  ASSERT_TRUE(w.busy());
  ASSERT_TRUE(waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  const auto& s = w.document().caseFile().segmentation;
  EXPECT_EQ(s.components, "seed");
  ASSERT_TRUE(s.seedLps.has_value());
  EXPECT_LT((Eigen::Vector3d(s.seedLps->at(0), s.seedLps->at(1), s.seedLps->at(2)) - *pick).norm(), 2.0);
  EXPECT_EQ(w.products().segmented->componentsKept, 1u);
  EXPECT_LT(w.products().boneMl, allMl - 10);  // the other pieces (the femora, the table, specks) are gone
  EXPECT_GT(w.products().boneMl, 5.0);
  const Eigen::Vector3d pi = g.lpsToIndex(*pick);
  EXPECT_TRUE(w.products().segmented->bone(int(std::lround(pi.x())), int(std::lround(pi.y())), int(std::lround(pi.z()))));
  // A distance: Shift+click 100 px apart across the axial slice is 100 pixels' worth of mm.
  const render::OrthoView v = axial->currentView();
  QTest::mouseClick(axial, Qt::LeftButton, Qt::ShiftModifier, QPoint(100, 120));
  QTest::mouseClick(axial, Qt::LeftButton, Qt::ShiftModifier, QPoint(200, 120));
  EXPECT_NEAR(w.measurement().distanceMm(), 100 * v.mmPerPixel, 1e-6);
  EXPECT_FALSE(w.busy());  // measuring runs nothing
  // Back to every piece from the panel.
  child<QComboBox>(w, "components")->setCurrentText("all");
  EXPECT_EQ(w.document().caseFile().segmentation.components, "all");
}

TEST(SeriesBrowser, ListsAFoldersSeriesWithTheAutomaticOnePreselectedAndReturnsTheOneChosen) {
  const fs::path root = test::scratchDir("series-browser");
  io::PhantomOptions ct = test::smallPhantomOptions(), mr = ct;
  mr.modality = "MR";
  io::writePhantom(root / "ct", ct);
  io::writePhantom(root / "mr", mr);
  SeriesDialog d(QString::fromStdString(root.string()));
  d.show();
  auto* table = child<QTableWidget>(d, "series table");
  ASSERT_TRUE(table);
  for (int i = 0; i < 500 && table->rowCount() == 0; ++i) QTest::qWait(20);
  ASSERT_EQ(table->rowCount(), 2);
  EXPECT_EQ(d.chosenUid(), "");  // the automatic choice, preselected
  int mrRow = table->item(0, 2)->text() == "MR" ? 0 : 1;
  EXPECT_NE(table->item(mrRow, 6)->text().indexOf("not a CT (MR)"), -1);
  EXPECT_EQ(table->item(1 - mrRow, 0)->text(), "auto");
  table->selectRow(mrRow);
  EXPECT_EQ(d.chosenUid(), table->item(mrRow, 0)->data(Qt::UserRole).toString().toStdString());
  EXPECT_FALSE(d.chosenUid().empty());
  // The CT's thumbnail: its middle slice, the body grey inside black air. The MR has
  // none: the scan keeps no slices of a series it cannot import.
  for (int i = 0; i < 500 && d.thumbnails() < 1; ++i) QTest::qWait(20);
  QTest::qWait(200);
  ASSERT_EQ(d.thumbnails(), 1);
  EXPECT_TRUE(table->item(mrRow, 0)->data(Qt::DecorationRole).isNull());
  const QImage thumb = table->item(1 - mrRow, 0)->data(Qt::DecorationRole).value<QPixmap>().toImage();
  ASSERT_EQ(std::max(thumb.width(), thumb.height()), 72);
  EXPECT_EQ(qGray(thumb.pixel(0, 0)), 0);
  EXPECT_GT(qGray(thumb.pixel(thumb.width() / 2, thumb.height() / 2)), 40);
}

TEST(WindowSession, OpeningAnotherCaseDuringAJobDropsTheOldResultAndUndoingToTheSavedStateDropsTheAutosave) {
  isolate("win-switch");
  const fs::path big = test::cachedPhantom("design-default", {}) / "dicom";
  const fs::path small = test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom";
  MainWindow w;
  showWindow(w);
  ASSERT_TRUE(w.openPath(QString::fromStdString(big.string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  w.runStep("segment");
  ASSERT_TRUE(w.busy());
  QTest::qWait(200);
  ASSERT_TRUE(w.openPath(QString::fromStdString(small.string())));  // the segmentation is cancelled, its result dropped
  ASSERT_TRUE(waitForJob(w, 120000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  QTest::qWait(500);  // the cancelled job's queued result, had it not been dropped, lands by now
  ASSERT_TRUE(w.products().imported);
  EXPECT_EQ(fs::path(w.products().imported->volume.source), small);
  EXPECT_FALSE(w.products().segmented);

  // A saved case: an edit is autosaved; undone back to the saved state, the autosave goes.
  const fs::path caseFile = test::scratchDir("win-switch-case") / "s.tantalus.json";
  w.document().saveAs(caseFile);
  w.document().edit("screws", [](CaseFile& c) { c.plan.screws = 4; });
  w.autosaveNow();
  EXPECT_TRUE(findRecovery(recoveryKeyForCase(caseFile)).has_value());
  w.document().undo();
  w.autosaveNow();
  EXPECT_FALSE(findRecovery(recoveryKeyForCase(caseFile)).has_value());
}
