#include "gui/app/histogram_widget.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace tantalus::gui {

HistogramWidget::HistogramWidget(QWidget* parent) : QWidget(parent) {
  setObjectName("histogram");
  setMinimumHeight(90);
  setToolTip("HU histogram: drag the shaded range's edges to set the bone thresholds");
}

void HistogramWidget::setHistogram(std::shared_ptr<const HuHistogram> h) {
  h_ = std::move(h);
  update();
}

void HistogramWidget::setRange(int lo, int hi, int metalHu) {
  lo_ = lo;
  hi_ = hi;
  metal_ = metalHu;
  update();
}

int HistogramWidget::huAtX(double x) const {
  if (!h_ || h_->counts.empty()) return 0;
  const double f = std::clamp(x / std::max(1, width()), 0.0, 1.0);
  return int(std::lround(h_->loHu + f * double(h_->counts.size() * h_->binHu)));
}

double HistogramWidget::xAtHu(int hu) const {
  if (!h_ || h_->counts.empty()) return 0;
  return double(hu - h_->loHu) / double(h_->counts.size() * h_->binHu) * width();
}

void HistogramWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(30, 32, 38));
  if (!h_ || h_->counts.empty()) return;
  const double top = std::log10(1 + *std::max_element(h_->counts.begin(), h_->counts.end()));
  p.fillRect(QRectF(QPointF(xAtHu(lo_), 0), QPointF(xAtHu(hi_), height())), QColor(235, 200, 60, 60));
  const double bw = double(width()) / double(h_->counts.size());
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(170, 175, 190));
  for (std::size_t b = 0; b < h_->counts.size(); ++b) {
    const double v = std::log10(1 + h_->counts[b]) / std::max(top, 1e-9);
    p.drawRect(QRectF(b * bw, height() * (1 - v), std::max(bw, 1.0), height() * v));
  }
  p.setPen(QPen(QColor(235, 200, 60), 2));
  p.drawLine(QPointF(xAtHu(lo_), 0), QPointF(xAtHu(lo_), height()));
  p.drawLine(QPointF(xAtHu(hi_), 0), QPointF(xAtHu(hi_), height()));
  p.setPen(QPen(QColor(230, 40, 70), 2, Qt::DashLine));
  p.drawLine(QPointF(xAtHu(metal_), 0), QPointF(xAtHu(metal_), height()));
  p.setPen(Qt::white);
  p.drawText(rect().adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignLeft, QString("bone %1 … %2 HU").arg(lo_).arg(hi_));
  p.drawText(rect().adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignRight, QString("metal ≥ %1").arg(metal_));
}

void HistogramWidget::mousePressEvent(QMouseEvent* e) {
  if (!h_ || h_->counts.empty()) return;
  const double x = e->position().x(), toLo = std::abs(x - xAtHu(lo_)), toHi = std::abs(x - xAtHu(hi_));
  if (std::min(toLo, toHi) > 8) return;  // only an edge is dragged
  dragging_ = toLo <= toHi ? 1 : 2;
  startLo_ = lo_;
  startHi_ = hi_;
}

void HistogramWidget::mouseMoveEvent(QMouseEvent* e) {
  if (!dragging_) return;
  const int hu = huAtX(e->position().x());
  if (dragging_ == 1) lo_ = std::min(hu, hi_ - 1);
  else hi_ = std::max(hu, lo_ + 1);
  update();
  emit rangeEdited(lo_, hi_);
}

void HistogramWidget::mouseReleaseEvent(QMouseEvent*) {
  if (!dragging_) return;
  dragging_ = 0;
  if (lo_ != startLo_ || hi_ != startHi_) emit rangeCommitted(lo_, hi_);
}

}  // namespace tantalus::gui
