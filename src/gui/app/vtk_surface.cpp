// VTK only (vtk_glew.h): no Qt OpenGL header may be included here.
#include "gui/app/vtk_surface.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtk_glew.h>

namespace tantalus::gui {

struct VtkSurface::Impl {
  Context ctx;
  vtkNew<vtkGenericOpenGLRenderWindow> window;
  vtkNew<vtkGenericRenderWindowInteractor> interactor;
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkCallbackCommand> makeCurrent, isCurrent, renderRequest;
  int width = 1, height = 1;
  bool initialized = false;

  static void onMakeCurrent(vtkObject*, unsigned long, void* self, void*) { static_cast<Impl*>(self)->ctx.makeCurrent(); }
  static void onIsCurrent(vtkObject*, unsigned long, void* self, void* callData) {
    *static_cast<bool*>(callData) = static_cast<Impl*>(self)->ctx.isCurrent();
  }
  static void onRender(vtkObject*, unsigned long, void* self, void*) { static_cast<Impl*>(self)->ctx.update(); }
};

VtkSurface::VtkSurface(Context context) : d_(std::make_unique<Impl>()) {
  d_->ctx = std::move(context);
  auto& w = *d_->window;
  w.SetMultiSamples(0);  // MSAA costs ~6× under llvmpipe
  w.SetOwnContext(false);
  w.SetIsDirect(true);
  w.SetSupportsOpenGL(true);
  w.SetFrameBlitModeToNoBlit();
  w.SetReadyForRendering(false);
  w.AddRenderer(d_->renderer);
  d_->makeCurrent->SetCallback(&Impl::onMakeCurrent);
  d_->makeCurrent->SetClientData(d_.get());
  d_->isCurrent->SetCallback(&Impl::onIsCurrent);
  d_->isCurrent->SetClientData(d_.get());
  d_->renderRequest->SetCallback(&Impl::onRender);
  d_->renderRequest->SetClientData(d_.get());
  w.AddObserver(vtkCommand::WindowMakeCurrentEvent, d_->makeCurrent);
  w.AddObserver(vtkCommand::WindowIsCurrentEvent, d_->isCurrent);
  d_->interactor->SetRenderWindow(&w);
  d_->interactor->SetInteractorStyle(d_->style);
  d_->interactor->EnableRenderOff();  // the widget repaints; VTK asks through RenderEvent
  d_->interactor->AddObserver(vtkCommand::RenderEvent, d_->renderRequest);
  d_->renderer->SetBackground(0.12, 0.13, 0.16);
  d_->renderer->SetBackground2(0.30, 0.32, 0.38);
  d_->renderer->GradientBackgroundOn();
}

VtkSurface::~VtkSurface() {
  if (d_->initialized) {
    d_->ctx.makeCurrent();
    d_->window->Finalize();
  }
}

void VtkSurface::initialize() {
  d_->window->InitializeFromCurrentContext();
  d_->interactor->Initialize();
  d_->initialized = true;
}

void VtkSurface::resize(int w, int h) {
  d_->width = std::max(1, w);
  d_->height = std::max(1, h);
  d_->window->SetSize(d_->width, d_->height);
  d_->interactor->UpdateSize(d_->width, d_->height);
}

void VtkSurface::paint(unsigned targetFbo) {
  auto& w = *d_->window;
  vtkOpenGLState* st = w.GetState();
  st->Reset();  // Qt changed the GL state behind VTK's cache
  st->Push();
  w.SetReadyForRendering(true);
  w.Render();
  w.SetReadyForRendering(false);
  st->PushFramebufferBindings();
  w.GetDisplayFramebuffer()->Bind(GL_READ_FRAMEBUFFER);
  w.GetDisplayFramebuffer()->ActivateReadBuffer(0);
  st->vtkglBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
  st->vtkglDrawBuffer(targetFbo ? GL_COLOR_ATTACHMENT0 : GL_BACK);
  st->vtkglDisable(GL_SCISSOR_TEST);
  st->vtkglViewport(0, 0, d_->width, d_->height);
  glBlitFramebuffer(0, 0, d_->width, d_->height, 0, 0, d_->width, d_->height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  // Alpha 1 everywhere: a translucent widget composites badly.
  st->vtkglColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  st->vtkglClearColor(0, 0, 0, 1);
  st->vtkglClear(GL_COLOR_BUFFER_BIT);
  st->vtkglColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  st->PopFramebufferBindings();
  st->Pop();
}

namespace {
void setPosition(vtkGenericRenderWindowInteractor& i, int x, int y, int height, bool ctrl, bool shift, bool repeat = false) {
  i.SetEventInformation(x, height - 1 - y, ctrl, shift, 0, repeat);
}
}  // namespace

void VtkSurface::mouseMove(int x, int y, bool ctrl, bool shift) {
  setPosition(*d_->interactor, x, y, d_->height, ctrl, shift);
  d_->interactor->MouseMoveEvent();
}

void VtkSurface::mousePress(Button b, int x, int y, bool ctrl, bool shift, bool doubleClick) {
  setPosition(*d_->interactor, x, y, d_->height, ctrl, shift, doubleClick);
  switch (b) {
    case Button::left: d_->interactor->LeftButtonPressEvent(); break;
    case Button::middle: d_->interactor->MiddleButtonPressEvent(); break;
    case Button::right: d_->interactor->RightButtonPressEvent(); break;
  }
}

void VtkSurface::mouseRelease(Button b, int x, int y, bool ctrl, bool shift) {
  setPosition(*d_->interactor, x, y, d_->height, ctrl, shift);
  switch (b) {
    case Button::left: d_->interactor->LeftButtonReleaseEvent(); break;
    case Button::middle: d_->interactor->MiddleButtonReleaseEvent(); break;
    case Button::right: d_->interactor->RightButtonReleaseEvent(); break;
  }
}

void VtkSurface::wheel(int steps, int x, int y) {
  setPosition(*d_->interactor, x, y, d_->height, false, false);
  for (int s = 0; s < std::abs(steps); ++s)
    steps > 0 ? d_->interactor->MouseWheelForwardEvent() : d_->interactor->MouseWheelBackwardEvent();
}

void VtkSurface::key(char c, int x, int y) {
  setPosition(*d_->interactor, x, y, d_->height, false, false);
  d_->interactor->SetKeyCode(c);
  d_->interactor->CharEvent();
}

vtkRenderer* VtkSurface::renderer() const { return d_->renderer; }
vtkRenderWindow* VtkSurface::renderWindow() const { return d_->window; }

}  // namespace tantalus::gui
