#pragma once
// One slice view (axial, coronal or sagittal) of the CT through the shared cursor,
// radiological convention (gui/model/slice_geometry.h), with the bone and the old
// implant's removed region tinted, a live threshold overlay while the segmentation's
// range is edited, the planned cup's outline, the crosshair and L/R/A/P/S/I labels.
// A click moves the cursor, Ctrl+click picks the bone component there, Shift+click adds
// a measurement point; a handle near the slice is dragged in its plane (handleMoving
// while it moves, handleDropped where it is let go); the wheel steps through slices. The slice is resliced on a
// pool thread (the latest request wins), so the UI thread only draws finished pictures.
#include <QColor>
#include <QImage>
#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>

#include "gui/model/slice_geometry.h"
#include "tantalus/core/volume.h"
#include "tantalus/render/slice.h"

class QPainter;

namespace tantalus::gui {

// A point the user can drag in the slice's plane (a plan handle): drawn where it lies
// within a few millimetres of the slice.
struct SliceHandle {
  std::string id;
  QString label;
  Eigen::Vector3d lps;
  QColor colour;
};

struct SliceContent {
  std::shared_ptr<const CtVolume> ct;  // shared: a render in flight keeps them alive
  std::shared_ptr<const Mask> bone, implant;
  std::optional<std::pair<int, int>> thresholdHu;  // shown in green: the range being edited
  std::optional<std::pair<Eigen::Vector3d, double>> cup;  // centre, outer radius
  std::optional<Eigen::Vector3d> nativeCentre;            // the mirrored native COR (a green cross)
  std::optional<std::pair<Eigen::Vector3d, Eigen::Vector3d>> symmetryPlane;  // point, normal (a dashed line)
  std::vector<SliceHandle> handles;
};

class SliceView : public QWidget {
  Q_OBJECT
public:
  SliceView(SliceAxis axis, QWidget* parent = nullptr);
  void setContent(const SliceContent& c);
  void setCursor(const Eigen::Vector3d& lps);
  const Eigen::Vector3d& cursor() const { return cursor_; }
  // The measurement's points (drawn where they lie within a slice of this plane) and text.
  void setMeasurement(std::vector<Eigen::Vector3d> points, const QString& text) {
    measure_ = std::move(points);
    measureText_ = text;
    update();
  }
  void setThresholdPreview(std::optional<std::pair<int, int>> hu) {
    content_.thresholdHu = hu;
    requestRender();
  }
  void setWindow(const render::Window& w);
  SliceAxis axis() const { return axis_; }
  const QImage& image() const { return image_; }  // the last slice drawn (CT and tints)
  bool rendering() const { return inFlight_; }
  render::OrthoView currentView() const;

signals:
  void cursorMoved(const Eigen::Vector3d& lps);    // the user moved it (a click, the wheel)
  void cursorChanged(const Eigen::Vector3d& lps);  // setCursor: wherever it is now
  void componentPicked(const Eigen::Vector3d& lps);  // Ctrl+click: keep the bone there
  void measurePoint(const Eigen::Vector3d& lps);     // Shift+click: a measurement's point
  void handleMoving(const QString& id, const Eigen::Vector3d& lps);
  void handleDropped(const QString& id, const Eigen::Vector3d& lps);

protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void resizeEvent(QResizeEvent*) override;

private:
  void requestRender();
  void rendered(std::uint64_t generation, QImage image, const render::OrthoView& view);
  bool nearSlice(const render::OrthoView& v, const Eigen::Vector3d& p) const;
  void drawHandles(QPainter& p, const render::OrthoView& v);
  SliceAxis axis_;
  SliceContent content_;
  Eigen::Vector3d cursor_ = Eigen::Vector3d::Zero();
  render::Window window_;
  QImage image_;
  render::OrthoView imageView_;     // the view `image_` was made for
  std::uint64_t generation_ = 0;    // of the latest request
  bool inFlight_ = false, again_ = false;
  std::vector<Eigen::Vector3d> measure_;
  int dragging_ = -1;               // the handle being dragged
  Eigen::Vector3d dragFrom_, pressedAt_;
  bool dragMoved_ = false;
  QString measureText_;
};

}  // namespace tantalus::gui
