// tantalus-gui: the planning workstation (docs/gui.md).
#include <QApplication>
#include <QTimer>
#include <cstdio>
#include <functional>

#include "gui/app/gui_options.h"
#include "gui/app/lattice_preview_view.h"
#include "gui/app/main_window.h"
#include "gui/app/scene_view.h"
#include "gui/app/screenshot.h"
#include "gui/app/vtk_view.h"

using namespace tantalus::gui;

namespace {
// `then` once the views have drawn what they were given: the 3D view's objects added and
// the lattice preview built (at most 30 s), and 300 ms more for the last frames.
void whenShown(MainWindow& w, std::function<void()> then, int triesLeft = 300) {
  const bool busy = !w.sceneView()->settled() || w.latticePreview()->building() || w.latticePreview()->pending();
  if (busy && triesLeft > 0) {
    QTimer::singleShot(100, &w, [&w, then, triesLeft] { whenShown(w, then, triesLeft - 1); });
    return;
  }
  QTimer::singleShot(300, &w, then);
}
}  // namespace

int main(int argc, char** argv) {
  setDefaultSurfaceFormat();  // before the QApplication (../shared/BUILD-NOTES.md)
  QApplication app(argc, argv);
  QApplication::setApplicationName("tantalus-gui");
  QApplication::setOrganizationName("tantalus");
  GuiOptions o;
  if (auto code = parseGuiOptions(argc, argv, o)) return *code;
  MainWindow w;
  w.resize(o.width, o.height);
  if (o.quit || !o.screenshot.empty()) {  // scripted: never a dialog, and the user's recovery files untouched
    w.setRecoveryPolicy(MainWindow::Policy::keep);
    w.setClosePolicy(MainWindow::Policy::keep);
  }
  if (!o.panel.empty()) w.showPanel(QString::fromStdString(o.panel));
  w.show();
  int exitCode = 0;
  // After opening (and the step asked for): the screenshot, then quit if asked.
  bool ranStep = o.run.empty();
  QObject::connect(&w, &MainWindow::jobFinished, &w, [&] {
    if (w.lastStatus() != JobResult::Status::done) {
      std::fprintf(stderr, "error: %s\n", qPrintable(w.lastError()));
      exitCode = 2;
      if (o.quit) app.exit(exitCode);
      return;
    }
    if (!ranStep) {
      ranStep = true;
      w.runStep(QString::fromStdString(o.run));
      return;
    }
    if (!o.section.empty())
      w.sceneView()->setSection(o.section == "axial" ? SceneView::Section::axial
                                : o.section == "coronal" ? SceneView::Section::coronal : SceneView::Section::sagittal);
    whenShown(w, [&] {
      if (!o.screenshot.empty() && !saveScreenshot(w, QString::fromStdString(o.view), QString::fromStdString(o.screenshot)))
        exitCode = 2;
      if (o.quit) app.exit(exitCode);
    });
  });
  if (!o.input.empty()) {
    if (!w.openPath(QString::fromStdString(o.input))) {
      std::fprintf(stderr, "error: %s\n", qPrintable(w.lastError()));
      if (o.quit) return 2;
    }
  } else if (o.quit) {
    QTimer::singleShot(300, &w, [&] {
      if (!o.screenshot.empty() && !saveScreenshot(w, QString::fromStdString(o.view), QString::fromStdString(o.screenshot))) exitCode = 2;
      app.exit(exitCode);
    });
  }
  const int r = app.exec();
  return exitCode ? exitCode : r;
}
