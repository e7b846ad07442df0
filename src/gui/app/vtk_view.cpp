// Qt only: VTK's GL headers stay in vtk_surface.cpp.
#include "gui/app/vtk_view.h"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QWheelEvent>

namespace tantalus::gui {

void setDefaultSurfaceFormat() {
  QSurfaceFormat f;
  f.setRenderableType(QSurfaceFormat::OpenGL);
  f.setVersion(3, 2);
  f.setProfile(QSurfaceFormat::CoreProfile);
  f.setDepthBufferSize(24);
  f.setStencilBufferSize(8);
  f.setSamples(0);
  f.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  QSurfaceFormat::setDefaultFormat(f);
}

VtkView::VtkView() : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate) {
  // Answer VTK's "make current" with the context alone: the window's makeCurrent()
  // would rebind Qt's framebuffer and VTK would draw into it (a black view).
  surface_ = std::make_unique<VtkSurface>(VtkSurface::Context{
      [this] { context()->makeCurrent(context()->surface()); },
      [this] { return QOpenGLContext::currentContext() == context(); },
      [this] { update(); }});
}

VtkView::~VtkView() {
  makeCurrent();
  surface_.reset();
  doneCurrent();
}

void VtkView::initializeGL() { surface_->initialize(); }

void VtkView::resizeGL(int w, int h) {
  const double r = devicePixelRatio();
  surface_->resize(int(w * r), int(h * r));
}

void VtkView::paintGL() {
  QElapsedTimer t;
  t.start();
  surface_->paint(defaultFramebufferObject());
  ++frames_;
  lastFrameMs_ = double(t.nsecsElapsed()) / 1e6;
}

namespace {
VtkSurface::Button buttonOf(Qt::MouseButton b) {
  return b == Qt::RightButton ? VtkSurface::Button::right : b == Qt::MiddleButton ? VtkSurface::Button::middle : VtkSurface::Button::left;
}
}  // namespace

bool VtkView::filtered(MouseEvent kind, QMouseEvent* e) {
  const double r = devicePixelRatio();
  return filter_ && filter_(kind, e->button(), int(e->position().x() * r), int(e->position().y() * r), e->modifiers());
}

void VtkView::mouseMoveEvent(QMouseEvent* e) {
  if (filtered(MouseEvent::move, e)) return;
  const double r = devicePixelRatio();
  surface_->mouseMove(int(e->position().x() * r), int(e->position().y() * r), e->modifiers() & Qt::ControlModifier,
                      e->modifiers() & Qt::ShiftModifier);
}

void VtkView::mousePressEvent(QMouseEvent* e) {
  if (filtered(MouseEvent::press, e)) return;
  const double r = devicePixelRatio();
  surface_->mousePress(buttonOf(e->button()), int(e->position().x() * r), int(e->position().y() * r),
                       e->modifiers() & Qt::ControlModifier, e->modifiers() & Qt::ShiftModifier, false);
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* e) {
  const double r = devicePixelRatio();
  surface_->mousePress(buttonOf(e->button()), int(e->position().x() * r), int(e->position().y() * r),
                       e->modifiers() & Qt::ControlModifier, e->modifiers() & Qt::ShiftModifier, true);
}

void VtkView::mouseReleaseEvent(QMouseEvent* e) {
  if (filtered(MouseEvent::release, e)) return;
  const double r = devicePixelRatio();
  surface_->mouseRelease(buttonOf(e->button()), int(e->position().x() * r), int(e->position().y() * r),
                         e->modifiers() & Qt::ControlModifier, e->modifiers() & Qt::ShiftModifier);
}

void VtkView::wheelEvent(QWheelEvent* e) {
  const double r = devicePixelRatio();
  const int steps = e->angleDelta().y() / 120;
  if (steps) surface_->wheel(steps, int(e->position().x() * r), int(e->position().y() * r));
}

void VtkView::keyPressEvent(QKeyEvent* e) {
  const QString t = e->text();
  if (t.size() == 1 && t[0].toLatin1()) surface_->key(t[0].toLatin1(), width() / 2, height() / 2);
  QOpenGLWindow::keyPressEvent(e);
}

}  // namespace tantalus::gui
