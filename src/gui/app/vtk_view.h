#pragma once
// The Qt half of the Qt6⇄VTK view: a QOpenGLWindow hosting a VtkSurface, embedded in
// the widgets with QWidget::createWindowContainer. Qt only (no VTK GL header). Call
// setDefaultSurfaceFormat() before the QApplication exists.
//
// A window, not a QOpenGLWidget: a QOpenGLWidget makes Qt composite the whole
// top-level window through OpenGL on every repaint (a progress bar's too), which under
// Mesa llvmpipe cost 40–75 ms per repaint of a 1600 × 1000 window and UI stalls of
// 150 ms; a native GL child window repaints alone.
#include <QOpenGLWindow>
#include <functional>
#include <memory>

#include "gui/app/vtk_surface.h"

namespace tantalus::gui {

void setDefaultSurfaceFormat();  // OpenGL 3.2 core, depth 24, stencil 8, no multisampling

class VtkView : public QOpenGLWindow {
  Q_OBJECT
public:
  VtkView();
  ~VtkView() override;
  VtkSurface& surface() { return *surface_; }
  // Sees each mouse press, move and release first (device pixels from the top-left);
  // true keeps it from the camera's interactor (a handle being dragged).
  enum class MouseEvent { press, move, release };
  using MouseFilter = std::function<bool(MouseEvent, Qt::MouseButton, int x, int y, Qt::KeyboardModifiers)>;
  void setMouseFilter(MouseFilter f) { filter_ = std::move(f); }
  // Frames painted since construction, and the last frame's time (for the fps benchmark).
  long frames() const { return frames_; }
  double lastFrameMs() const { return lastFrameMs_; }

protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;

private:
  bool filtered(MouseEvent kind, QMouseEvent* e);
  std::unique_ptr<VtkSurface> surface_;
  MouseFilter filter_;
  long frames_ = 0;
  double lastFrameMs_ = 0;
};

}  // namespace tantalus::gui
