#pragma once
// The CT's HU histogram (log counts) with the bone range shaded and the metal
// threshold marked; the range's edges are dragged with the mouse.
#include <QWidget>
#include <memory>

#include "gui/model/products.h"

namespace tantalus::gui {

class HistogramWidget : public QWidget {
  Q_OBJECT
public:
  explicit HistogramWidget(QWidget* parent = nullptr);
  void setHistogram(std::shared_ptr<const HuHistogram> h);
  void setRange(int lo, int hi, int metalHu);
  int huAtX(double x) const;
  double xAtHu(int hu) const;

signals:
  void rangeEdited(int lo, int hi);     // while dragging (the live overlay)
  void rangeCommitted(int lo, int hi);  // on release (one edit)

protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;

private:
  std::shared_ptr<const HuHistogram> h_;
  int lo_ = 226, hi_ = 3071, metal_ = 2500;
  int dragging_ = 0;  // 0 none, 1 low edge, 2 high edge
  int startLo_ = 0, startHi_ = 0;
};

}  // namespace tantalus::gui
