#include "gui/app/lattice_preview_view.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include "gui/app/scene_meshes.h"
#include "gui/app/vtk_view.h"
#include "gui/model/lattice_readout.h"
#include "gui/model/plan_readout.h"
#include "gui/app/niced_pool.h"

namespace tantalus::gui {

namespace {
QThreadPool& previewPool() {  // one niced thread: the UI keeps the cores
  static QThreadPool* pool = newNicedThread();
  return *pool;
}
}  // namespace

LatticePreviewView::LatticePreviewView(QWidget* parent) : QWidget(parent) {
  setObjectName("lattice preview");
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  view_ = new VtkView;
  view_->setObjectName("lattice preview view");
  QWidget* box = QWidget::createWindowContainer(view_, this);
  box->setObjectName("lattice preview container");
  box->setFixedSize(220, 170);
  v->addWidget(box, 0, Qt::AlignHCenter);
  caption_ = new QLabel(this);
  caption_->setObjectName("lattice preview caption");
  caption_->setAlignment(Qt::AlignHCenter);
  v->addWidget(caption_);
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->ScalarVisibilityOff();
  vtkNew<vtkActor> actor;
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(0.95, 0.55, 0.25);
  actor->GetProperty()->SetSpecular(0.3);
  view_->surface().renderer()->AddActor(actor);
  actor_ = actor;
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(350);
  connect(debounce_, &QTimer::timeout, this, &LatticePreviewView::build);
}

void LatticePreviewView::setParams(const LatticeParams& p) {
  wanted_ = p;
  if (haveShown_ && p == shown_) return;
  debounce_->start();
}

bool LatticePreviewView::pending() const { return debounce_->isActive(); }

void LatticePreviewView::build() {
  if (building_) return debounce_->start();  // after the one in flight
  building_ = true;
  const LatticeParams p = wanted_;
  QPointer<LatticePreviewView> self(this);
  caption_->setText("building the preview…");
  previewPool().start([self, p] {
    vtkSmartPointer<vtkPolyData> data;
    std::string text;
    std::size_t faces = 0;
    try {
      data = displayPolyData(latticePreview(p, kCubeMm), kPreviewFaces, true, &faces);
      const LatticeReadout r = latticeReadout(p);
      text = "a " + oneDecimal(kCubeMm) + " mm cube: cell edge " + oneDecimal(r.cellEdgeMm) + " mm, strut Ø " +
             std::to_string(int(r.strutMm * 1000 + 0.5)) + " µm";
    } catch (const std::exception& e) {
      text = std::string("no preview: ") + e.what();
    }
    QMetaObject::invokeMethod(qApp, [self, p, data, text, faces] {
      if (!self) return;
      self->building_ = false;
      self->shown_ = p;
      self->haveShown_ = true;
      self->shownFaces_ = data ? faces : 0;
      auto* mapper = vtkPolyDataMapper::SafeDownCast(self->actor_->GetMapper());
      mapper->SetInputData(data ? data.Get() : vtkNew<vtkPolyData>().Get());
      self->actor_->SetVisibility(bool(data));
      vtkRenderer* r = self->view_->surface().renderer();
      vtkCamera* cam = r->GetActiveCamera();
      cam->SetFocalPoint(kCubeMm / 2, kCubeMm / 2, kCubeMm / 2);
      cam->SetPosition(kCubeMm * 2.2, -kCubeMm * 1.6, kCubeMm * 2.0);  // from the front, right and above
      cam->SetViewUp(0, 0, 1);
      r->ResetCamera();
      self->view_->update();
      self->caption_->setText(QString::fromStdString(text));
      if (!(p == self->wanted_)) self->debounce_->start();
      emit self->built();
    }, Qt::QueuedConnection);
  });
}

}  // namespace tantalus::gui
