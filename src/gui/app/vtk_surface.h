#pragma once
// The VTK half of the Qt6⇄VTK view: a render window drawing into a GL context it does
// not own (Qt's), and an interactor fed with the widget's events. Speaks neither Qt
// nor GL types, so Qt's and VTK's GL headers never meet (../shared/BUILD-NOTES.md).
#include <functional>
#include <memory>

class vtkRenderer;
class vtkRenderWindow;

namespace tantalus::gui {

class VtkSurface {
public:
  struct Context {
    std::function<void()> makeCurrent;  // the widget's context, without rebinding Qt's framebuffer
    std::function<bool()> isCurrent;
    std::function<void()> update;       // schedule a repaint (the interactor moved the camera)
  };
  explicit VtkSurface(Context context);
  ~VtkSurface();

  void initialize();                    // in initializeGL, the context current
  void resize(int widthPx, int heightPx);
  // Renders and blits into `targetFbo` (Qt's default framebuffer), alpha forced to 1.
  void paint(unsigned targetFbo);

  enum class Button { left, middle, right };
  void mouseMove(int x, int y, bool ctrl, bool shift);  // device pixels from the top-left
  void mousePress(Button b, int x, int y, bool ctrl, bool shift, bool doubleClick);
  void mouseRelease(Button b, int x, int y, bool ctrl, bool shift);
  void wheel(int steps, int x, int y);                  // > 0: forward (zoom in)
  void key(char c, int x, int y);

  vtkRenderer* renderer() const;
  vtkRenderWindow* renderWindow() const;

private:
  struct Impl;
  std::unique_ptr<Impl> d_;
};

}  // namespace tantalus::gui
