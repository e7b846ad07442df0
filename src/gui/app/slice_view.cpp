#include "gui/app/slice_view.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPointer>
#include <QThreadPool>
#include <QPainter>
#include <QWheelEvent>
#include <cmath>

#include "gui/app/niced_pool.h"

namespace tantalus::gui {

SliceView::SliceView(SliceAxis axis, QWidget* parent) : QWidget(parent), axis_(axis) {
  setObjectName(QString("slice ") + sliceAxisName(axis));
  setMinimumSize(160, 120);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void SliceView::setContent(const SliceContent& c) {
  content_ = c;
  dragging_ = -1;  // the handles may be others now
  requestRender();
}

void SliceView::setCursor(const Eigen::Vector3d& lps) {
  cursor_ = lps;
  requestRender();
  emit cursorChanged(lps);
}

void SliceView::setWindow(const render::Window& w) {
  window_ = w;
  requestRender();
}

void SliceView::resizeEvent(QResizeEvent*) { requestRender(); }

render::OrthoView SliceView::currentView() const {
  if (!content_.ct) return render::OrthoView::looking(cursor_, Eigen::Vector3d::UnitZ(), -Eigen::Vector3d::UnitY(), 1, std::max(1, width()), std::max(1, height()));
  return sliceView(axis_, content_.ct->geometry, cursor_, std::max(1, width()), std::max(1, height()));
}

namespace {
QImage renderImage(const SliceContent& c, const render::OrthoView& v, const render::Window& window) {
  std::vector<render::MaskTint> tints;
  if (c.bone && !c.thresholdHu) tints.push_back({c.bone.get(), {235, 200, 60}, 0.35});
  if (c.implant) tints.push_back({c.implant.get(), {230, 40, 70}, 0.55});
  render::RgbImage img = render::sliceImage(*c.ct, v, window, tints);
  if (c.thresholdHu) {  // the range being edited, live: every pixel whose HU is in it
    const auto [lo, hi] = *c.thresholdHu;
    for (int y = 0; y < img.height; ++y)
      for (int x = 0; x < img.width; ++x) {
        const double hu = render::sampleHu(*c.ct, v.pointAt(x + 0.5, y + 0.5));
        if (hu < lo || hu > hi) continue;
        const render::Rgb p = img.at(x, y);
        img.set(x, y, {std::uint8_t(p.r * 0.6), std::uint8_t(p.g * 0.6 + 255 * 0.4), std::uint8_t(p.b * 0.6 + 80 * 0.4)});
      }
  }
  return QImage(img.pixels.data(), img.width, img.height, 3 * img.width, QImage::Format_RGB888).copy();
}
}  // namespace

// One niced thread renders every view's slices in turn: they never compete with the UI
// thread for the cores (on two cores, two slice threads at the UI's priority added
// 35–60 ms to the stall of a repaint).
static QThreadPool& slicePool() {
  static QThreadPool* pool = newNicedThread();
  return *pool;
}

void SliceView::requestRender() {
  ++generation_;
  update();
  if (!content_.ct) {
    image_ = QImage();
    return;
  }
  if (inFlight_) {  // one render at a time; the latest request follows it
    again_ = true;
    return;
  }
  inFlight_ = true;
  again_ = false;
  const SliceContent c = content_;
  const render::OrthoView v = currentView();
  const render::Window w = window_;
  const std::uint64_t gen = generation_;
  QPointer<SliceView> self(this);
  slicePool().start([self, c, v, w, gen] {
    QImage img = renderImage(c, v, w);
    QMetaObject::invokeMethod(qApp, [self, gen, img = std::move(img), v] {
      if (self) self->rendered(gen, img, v);
    }, Qt::QueuedConnection);
  });
}

void SliceView::rendered(std::uint64_t generation, QImage image, const render::OrthoView& view) {
  inFlight_ = false;
  image_ = std::move(image);
  imageView_ = view;
  update();
  if (again_ || generation != generation_) requestRender();
}

void SliceView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (image_.isNull()) {
    p.setPen(Qt::gray);
    p.drawText(rect(), Qt::AlignCenter, QString("%1: open a CT").arg(sliceAxisName(axis_)));
    return;
  }
  p.drawImage(0, 0, image_);
  const render::OrthoView v = imageView_;  // the overlay matches the picture drawn
  // The crosshair (the other two views' planes).
  const Eigen::Vector2d c = v.project(cursor_);
  p.setPen(QPen(QColor(80, 200, 255, 160), 1));
  p.drawLine(QPointF(c.x(), 0), QPointF(c.x(), height()));
  p.drawLine(QPointF(0, c.y()), QPointF(width(), c.y()));
  // The planned cup where the sphere meets this plane.
  if (content_.cup) {
    const auto& [centre, r] = *content_.cup;
    const double d = v.depth(centre);
    if (std::abs(d) < r) {
      const double rr = std::sqrt(r * r - d * d) / v.mmPerPixel;
      const Eigen::Vector2d cc = v.project(centre);
      p.setPen(QPen(QColor(70, 140, 255), 2));
      p.drawEllipse(QPointF(cc.x(), cc.y()), rr, rr);
    }
  }
  // The measurement: its points near this plane, the lines between them, its text.
  if (!measure_.empty()) {
    p.setPen(QPen(QColor(255, 120, 220), 2));
    const double near = 2.0 * content_.ct->geometry.spacing.maxCoeff();
    std::vector<QPointF> on;
    for (const auto& m : measure_) {
      const Eigen::Vector2d q = v.project(m);
      on.emplace_back(q.x(), q.y());
      if (std::abs(v.depth(m)) <= near) p.drawEllipse(on.back(), 4, 4);
    }
    for (std::size_t i = 1; i < on.size(); ++i) p.drawLine(on[i - 1], on[i]);
    p.drawText(rect().adjusted(6, 0, 0, -24), Qt::AlignLeft | Qt::AlignBottom, measureText_);
  }
  if (content_.nativeCentre && std::abs(v.depth(*content_.nativeCentre)) < 3 * content_.ct->geometry.spacing.maxCoeff()) {
    const Eigen::Vector2d q = v.project(*content_.nativeCentre);
    p.setPen(QPen(QColor(60, 220, 90), 2));
    p.drawLine(QPointF(q.x() - 7, q.y()), QPointF(q.x() + 7, q.y()));
    p.drawLine(QPointF(q.x(), q.y() - 7), QPointF(q.x(), q.y() + 7));
  }
  if (content_.symmetryPlane) {  // where the plane meets this slice: c + u·(right·n) + w·(up·n) = 0
    const auto& [point, n] = *content_.symmetryPlane;
    const double c = (v.centre - point).dot(n), rn = v.right.dot(n), un = v.up.dot(n);
    const double hw = 0.5 * width() * v.mmPerPixel, hh = 0.5 * height() * v.mmPerPixel;
    std::optional<QLineF> line;
    if (std::abs(rn) >= std::abs(un) && std::abs(rn) > 1e-9)
      line = QLineF((-(c + hh * un) / rn + hw) / v.mmPerPixel, 0, (-(c - hh * un) / rn + hw) / v.mmPerPixel, height());
    else if (std::abs(un) > 1e-9)
      line = QLineF(0, (hh + (c - hw * rn) / un) / v.mmPerPixel, width(), (hh + (c + hw * rn) / un) / v.mmPerPixel);
    if (line) {
      p.setPen(QPen(QColor(60, 220, 90, 170), 1, Qt::DashLine));
      p.drawLine(*line);
    }
  }
  drawHandles(p, v);
  const OrientationLabels l = orientationLabels(axis_);
  p.setPen(QColor(255, 215, 80));
  QFont f = p.font();
  f.setBold(true);
  f.setPointSize(12);
  p.setFont(f);
  const int m = 6;
  p.drawText(rect().adjusted(m, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(l.left));
  p.drawText(rect().adjusted(0, 0, -m, 0), Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(l.right));
  p.drawText(rect().adjusted(0, m, 0, 0), Qt::AlignHCenter | Qt::AlignTop, QString::fromStdString(l.top));
  p.drawText(rect().adjusted(0, 0, 0, -m), Qt::AlignHCenter | Qt::AlignBottom, QString::fromStdString(l.bottom));
  f.setBold(false);
  f.setPointSize(9);
  p.setFont(f);
  p.setPen(Qt::lightGray);
  const char* axisCoord[] = {"z", "y", "x"};
  const double coord = axis_ == SliceAxis::axial ? cursor_.z() : axis_ == SliceAxis::coronal ? cursor_.y() : cursor_.x();
  p.drawText(rect().adjusted(m, m, 0, 0), Qt::AlignLeft | Qt::AlignTop,
             QString("%1  %2 = %3 mm").arg(sliceAxisName(axis_)).arg(axisCoord[int(axis_)]).arg(coord, 0, 'f', 1));
}

bool SliceView::nearSlice(const render::OrthoView& v, const Eigen::Vector3d& p) const {
  return std::abs(v.depth(p)) <= 3 * content_.ct->geometry.spacing.maxCoeff();
}

void SliceView::drawHandles(QPainter& p, const render::OrthoView& v) {
  for (const SliceHandle& h : content_.handles) {
    if (!nearSlice(v, h.lps)) continue;
    const Eigen::Vector2d q = v.project(h.lps);
    p.setPen(QPen(Qt::black, 1));
    p.setBrush(h.colour);
    p.drawRect(QRectF(q.x() - 4.5, q.y() - 4.5, 9, 9));
    p.setPen(h.colour);
    p.drawText(QPointF(q.x() + 7, q.y() - 6), h.label);
  }
  p.setBrush(Qt::NoBrush);
}

void SliceView::mousePressEvent(QMouseEvent* e) {
  if (!content_.ct) return;
  const render::OrthoView v = currentView();
  const Eigen::Vector3d p = v.pointAt(e->position().x(), e->position().y());
  if (e->modifiers() & Qt::ControlModifier) return emit componentPicked(p);
  if (e->modifiers() & Qt::ShiftModifier) return emit measurePoint(p);
  dragging_ = -1;
  double best = 8;  // px
  for (std::size_t i = 0; i < content_.handles.size(); ++i) {
    const Eigen::Vector3d& h = content_.handles[i].lps;
    const double d = (v.project(h) - Eigen::Vector2d(e->position().x(), e->position().y())).norm();
    if (nearSlice(v, h) && d <= best) best = d, dragging_ = int(i);
  }
  if (dragging_ < 0) return emit cursorMoved(p);
  dragFrom_ = content_.handles[std::size_t(dragging_)].lps;
  pressedAt_ = p;
  dragMoved_ = false;
}

void SliceView::mouseMoveEvent(QMouseEvent* e) {
  if (dragging_ < 0 || !content_.ct) return;
  SliceHandle& h = content_.handles[std::size_t(dragging_)];
  h.lps = dragFrom_ + (currentView().pointAt(e->position().x(), e->position().y()) - pressedAt_);  // in the slice's plane
  dragMoved_ = true;
  update();
  emit handleMoving(QString::fromStdString(h.id), h.lps);
}

void SliceView::mouseReleaseEvent(QMouseEvent*) {
  if (dragging_ < 0) return;
  const SliceHandle h = content_.handles[std::size_t(dragging_)];
  dragging_ = -1;
  if (dragMoved_) emit handleDropped(QString::fromStdString(h.id), h.lps);
}

void SliceView::wheelEvent(QWheelEvent* e) {
  if (!content_.ct) return;
  const int steps = e->angleDelta().y() / 120;
  if (steps) emit cursorMoved(stepSlice(axis_, content_.ct->geometry, cursor_, steps));
}

}  // namespace tantalus::gui
