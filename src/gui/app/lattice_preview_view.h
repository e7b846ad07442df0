#pragma once
// The lattice panel's live preview: a small 3D view of a cube of the case's lattice,
// rebuilt by the lattice engine on a niced pool thread a moment after the pore size,
// porosity or definition changed (the latest request wins), shown with its cell edge.
#include <QWidget>
#include <cstdint>

#include "tantalus/core/case_file.h"

class QLabel;
class vtkActor;

namespace tantalus::gui {

class VtkView;

class LatticePreviewView : public QWidget {
  Q_OBJECT
public:
  static constexpr double kCubeMm = 4.0;
  explicit LatticePreviewView(QWidget* parent = nullptr);
  // Schedules a rebuild when the parameters differ from the ones shown.
  void setParams(const LatticeParams& p);
  bool building() const { return building_; }
  bool pending() const;  // a rebuild is scheduled
  std::size_t shownFaces() const { return shownFaces_; }  // 0: nothing shown (no cell meets the parameters)
  VtkView* view() const { return view_; }

signals:
  void built();  // a preview (or its failure) is on screen

private:
  void build();
  VtkView* view_;
  QLabel* caption_;
  vtkActor* actor_ = nullptr;  // owned by the renderer
  LatticeParams wanted_, shown_;
  bool haveShown_ = false, building_ = false;
  std::size_t shownFaces_ = 0;
  class QTimer* debounce_;
};

}  // namespace tantalus::gui
