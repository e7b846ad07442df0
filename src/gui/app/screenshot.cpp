#include "gui/app/screenshot.h"

#include <QCoreApplication>
#include <QImageWriter>
#include <QPainter>
#include <cstdio>

#include "gui/app/lattice_preview_view.h"
#include "gui/app/main_window.h"
#include "gui/app/scene_view.h"
#include "gui/app/slice_view.h"
#include "gui/app/vtk_view.h"

namespace tantalus::gui {

QImage grabView(MainWindow& w, const QString& view) {
  QCoreApplication::processEvents();
  if (view == "3d") return w.sceneView()->view()->grabFramebuffer();
  if (view == "axial") return w.sliceView(0)->grab().toImage();
  if (view == "coronal") return w.sliceView(1)->grab().toImage();
  if (view == "sagittal") return w.sliceView(2)->grab().toImage();
  // The window as drawn, with each 3D view's own framebuffer put where its container
  // sits (a native GL child window is not in the widgets' picture): the scene's, and the
  // lattice preview's when its panel shows it.
  QImage all = w.grab().toImage();
  QPainter p(&all);
  const std::pair<const char*, VtkView*> views[] = {{"view3d container", w.sceneView()->view()},
                                                     {"lattice preview container", w.latticePreview()->view()}};
  for (const auto& [name, gl] : views) {
    QWidget* box = w.findChild<QWidget*>(name);
    if (!box || !box->isVisible() || box->visibleRegion().isEmpty()) continue;
    const double r = all.devicePixelRatio();
    const QRect shown = box->visibleRegion().boundingRect();
    const QRect target(box->mapTo(&w, shown.topLeft()) * r, shown.size() * r);
    p.drawImage(target, gl->grabFramebuffer(), QRect(shown.topLeft() * r, shown.size() * r));
  }
  p.end();
  return all;
}

bool saveScreenshot(MainWindow& w, const QString& view, const QString& file) {
  const QImage img = grabView(w, view);
  QImageWriter out(file, "png");
  if (img.isNull() || !out.write(img)) {
    std::fprintf(stderr, "error: cannot write the screenshot %s: %s — choose a folder you can write to\n", qPrintable(file),
                 qPrintable(out.errorString()));
    return false;
  }
  return true;
}

}  // namespace tantalus::gui
