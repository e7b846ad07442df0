#include "gui/app/scene_view.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkAppendPolyData.h>
#include <vtkCornerAnnotation.h>
#include <vtkCutter.h>
#include <vtkLineSource.h>
#include <vtkPlane.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataNormals.h>
#include <vtkSphereSource.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <QHBoxLayout>
#include <QMenu>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <array>

#include "gui/app/vtk_view.h"

namespace tantalus::gui {

SceneView::SceneView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  view_ = new VtkView;
  view_->setObjectName("view3d");
  container_ = QWidget::createWindowContainer(view_, this);
  container_->setObjectName("view3d container");
  container_->setMinimumSize(200, 150);
  container_->setFocusPolicy(Qt::StrongFocus);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 2, 4, 2);
  objects_ = new QToolButton(this);
  objects_->setObjectName("objects");
  objects_->setText("Objects ▾");
  objects_->setPopupMode(QToolButton::InstantPopup);
  objects_->setMenu(new QMenu(objects_));
  bar->addWidget(objects_);
  auto* section = new QToolButton(this);
  section->setObjectName("section");
  section->setText("Section ▾");
  section->setPopupMode(QToolButton::InstantPopup);
  buildSectionMenu(section);
  bar->addWidget(section);
  auto* reset = new QToolButton(this);
  reset->setText("Reset view");
  connect(reset, &QToolButton::clicked, this, [this] { resetCamera(); });
  bar->addWidget(reset);
  bar->addStretch(1);
  layout->addLayout(bar);
  layout->addWidget(container_, 1);
  adder_ = new QTimer(this);
  adder_->setSingleShot(true);
  adder_->setInterval(0);
  connect(adder_, &QTimer::timeout, this, &SceneView::addPending);
  connect(view_, &VtkView::frameSwapped, this, [this] {
    if (!pending_.empty()) adder_->start();
  });
  warmUp();
  auto labels = vtkSmartPointer<vtkCornerAnnotation>::New();
  // The orientation of the anterior view: the patient's right on the screen's left.
  labels->SetText(vtkCornerAnnotation::LeftEdge, "R");
  labels->SetText(vtkCornerAnnotation::RightEdge, "L");
  labels->SetText(vtkCornerAnnotation::UpperEdge, "S");
  labels->SetText(vtkCornerAnnotation::LowerEdge, "I");
  labels->GetTextProperty()->SetColor(1.0, 0.85, 0.3);
  labels->SetMaximumFontSize(18);
  view_->surface().renderer()->AddViewProp(labels);
  labels_ = labels;
  view_->setMouseFilter([this](VtkView::MouseEvent kind, Qt::MouseButton b, int x, int y, Qt::KeyboardModifiers m) {
    if (kind == VtkView::MouseEvent::press && (b != Qt::LeftButton || m != Qt::NoModifier)) return false;
    return onMouse(int(kind), x, y);
  });
}

SceneView::~SceneView() = default;

void SceneView::buildSectionMenu(QToolButton* b) {
  auto* m = new QMenu(b);
  const std::pair<const char*, Section> items[] = {
      {"Off", Section::off}, {"Axial, through the cursor", Section::axial}, {"Coronal, through the cursor", Section::coronal},
      {"Sagittal, through the cursor", Section::sagittal}};
  for (const auto& [text, s] : items) m->addAction(text, this, [this, s = s] { setSection(s, flipped_); });
  m->addSeparator();
  m->addAction("Flip the side kept", this, [this] { setSection(section_, !flipped_); });
  b->setMenu(m);
  plane_ = vtkSmartPointer<vtkPlane>::New();
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->ScalarVisibilityOff();
  vtkNew<vtkActor> outline;
  outline->SetMapper(mapper);
  outline->GetProperty()->SetColor(0.95, 0.1, 0.1);
  outline->GetProperty()->SetLineWidth(3);
  outline->GetProperty()->LightingOff();
  outline->SetVisibility(false);
  view_->surface().renderer()->AddActor(outline);
  outline_ = outline;
}

void SceneView::setSection(Section s, bool flipped) {
  section_ = s;
  flipped_ = flipped;
  applySection();
}

void SceneView::setSectionCentre(const Eigen::Vector3d& lps) {
  sectionCentre_ = lps;
  if (section_ != Section::off) applySection();
}

void SceneView::applySection() {
  // The half toward the anterior camera goes (coronal); the upper half (axial); the left (sagittal).
  const Eigen::Vector3d n = section_ == Section::axial     ? Eigen::Vector3d(0, 0, -1)
                            : section_ == Section::coronal ? Eigen::Vector3d(0, 1, 0)
                                                           : Eigen::Vector3d(-1, 0, 0);
  const Eigen::Vector3d kept = flipped_ ? -n : n;
  plane_->SetOrigin(sectionCentre_.data());
  plane_->SetNormal(kept.data());
  vtkNew<vtkAppendPolyData> outlines;
  int cut = 0;
  for (auto& [name, actor] : actors_) {
    auto* mapper = vtkPolyDataMapper::SafeDownCast(actor->GetMapper());
    mapper->RemoveAllClippingPlanes();
    // The inside of a cut object darker; none without a cut (a back-face property costs
    // every frame's shading under llvmpipe).
    if (section_ == Section::off) {
      actor->SetBackfaceProperty(nullptr);
      continue;
    }
    vtkNew<vtkProperty> inside;
    const double* c = actor->GetProperty()->GetColor();
    inside->SetColor(c[0] * 0.45, c[1] * 0.45, c[2] * 0.45);
    actor->SetBackfaceProperty(inside);
    mapper->AddClippingPlane(plane_);
    if (!actor->GetVisibility()) continue;
    vtkNew<vtkCutter> cutter;
    cutter->SetInputData(mapper->GetInput());
    cutter->SetCutFunction(plane_);
    cutter->Update();
    outlines->AddInputData(cutter->GetOutput());
    ++cut;
  }
  outlinePoints_ = 0;
  if (cut) {
    outlines->Update();
    vtkPolyDataMapper::SafeDownCast(outline_->GetMapper())->SetInputData(outlines->GetOutput());
    outlinePoints_ = std::size_t(outlines->GetOutput()->GetNumberOfPoints());
  }
  outline_->SetVisibility(cut > 0);
  view_->update();
}

// The first frame compiles the shaders (about 50 ms under llvmpipe each): compile them
// while the window opens, with an opaque and a translucent actor drawn once, so a job's
// first frame with the bone only uploads it.
void SceneView::warmUp() {
  vtkRenderer* r = view_->surface().renderer();
  std::vector<vtkActor*> tmp;
  for (double opacity : {1.0, 0.85}) {
    vtkNew<vtkSphereSource> sphere;
    sphere->SetRadius(1e-3);
    vtkNew<vtkPolyDataNormals> normals;
    normals->SetInputConnection(sphere->GetOutputPort());
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(normals->GetOutputPort());
    mapper->ScalarVisibilityOff();
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetSpecular(0.2);
    actor->GetProperty()->SetSpecularPower(20);
    actor->GetProperty()->SetOpacity(opacity);
    r->AddActor(actor);
    tmp.push_back(actor);
  }
  auto once = std::make_shared<QMetaObject::Connection>();
  *once = connect(view_, &VtkView::frameSwapped, this, [this, tmp, once] {
    for (vtkActor* a : tmp) view_->surface().renderer()->RemoveActor(a);
    disconnect(*once);
    view_->update();
  });
}

namespace {
// Same mesh, same fingerprint: sizes and a sample of its points.
std::string fingerprint(const SceneObject& o) {
  std::string f = std::to_string(o.data->GetNumberOfPoints()) + "/" + std::to_string(o.data->GetNumberOfCells());
  const vtkIdType n = o.data->GetNumberOfPoints();
  for (vtkIdType i = 0; i < n; i += std::max<vtkIdType>(1, n / 16)) {
    double p[3];
    o.data->GetPoint(i, p);
    f += "/" + std::to_string(p[0]) + "," + std::to_string(p[1]) + "," + std::to_string(p[2]);
  }
  return f;
}
}  // namespace

void SceneView::setScene(std::shared_ptr<const SceneMeshes> scene) {
  vtkRenderer* r = view_->surface().renderer();
  // A new anatomy (none shown before): frame it.
  const bool wasEmpty = !actors_.count("bone");
  std::map<std::string, std::string> prints;
  if (scene)
    for (const auto& o : scene->objects) prints[o.name] = fingerprint(o);
  for (auto it = actors_.begin(); it != actors_.end();) {
    const auto p = prints.find(it->first);
    if (p != prints.end() && p->second == shownFingerprint_[it->first]) {
      ++it;  // unchanged: kept
      continue;
    }
    r->RemoveActor(it->second);
    shownFingerprint_.erase(it->first);
    it = actors_.erase(it);
  }
  scene_ = std::move(scene);
  pending_.clear();
  if (scene_)
    for (const auto& o : scene_->objects)
      if (!actors_.count(o.name)) pending_.push_back(&o);
  // The bone first, and the camera framed on it.
  std::stable_partition(pending_.begin(), pending_.end(), [](const SceneObject* o) { return o->name == "bone"; });
  if (!pending_.empty()) addPending();
  if (wasEmpty && actors_.count("bone")) resetCamera();
  if (section_ != Section::off) applySection();
  rebuildControls();
  view_->update();
}

void SceneView::addPending() {
  if (pending_.empty()) return;
  const SceneObject& o = *pending_.front();
  pending_.erase(pending_.begin());
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(o.data);
  mapper->ScalarVisibilityOff();
  if (o.vertexColours) {
    mapper->ScalarVisibilityOn();
    mapper->SetScalarModeToUsePointData();
    mapper->SetColorModeToDirectScalars();
  }
  vtkNew<vtkActor> actor;
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(o.colour[0], o.colour[1], o.colour[2]);
  actor->GetProperty()->SetSpecular(0.2);
  actor->GetProperty()->SetSpecularPower(20);
  if (o.wireframe) actor->GetProperty()->SetRepresentationToWireframe();
  const auto st = userState_.find(o.name);
  actor->GetProperty()->SetOpacity(st != userState_.end() ? st->second.second : o.opacity);
  actor->SetVisibility(st != userState_.end() ? st->second.first : true);
  view_->surface().renderer()->AddActor(actor);
  actors_[o.name] = actor;
  shownFingerprint_[o.name] = fingerprint(o);
  if (section_ != Section::off) applySection();
  view_->surface().renderer()->ResetCameraClippingRange();
  view_->update();
}

void SceneView::resetCamera() {
  vtkRenderer* r = view_->surface().renderer();
  vtkCamera* cam = r->GetActiveCamera();
  cam->SetFocalPoint(0, 0, 0);
  cam->SetPosition(0, -1, 0);  // anterior (LPS: −y), looking posterior
  cam->SetViewUp(0, 0, 1);
  r->ResetCamera();
  r->ResetCameraClippingRange();
  view_->update();
}

void SceneView::setVisible(const std::string& object, bool visible) {
  if (auto it = actors_.find(object); it != actors_.end()) {
    it->second->SetVisibility(visible);
    userState_[object] = {visible, it->second->GetProperty()->GetOpacity()};
    if (section_ != Section::off) applySection();
    view_->update();
  }
}

void SceneView::setOpacity(const std::string& object, double opacity) {
  if (auto it = actors_.find(object); it != actors_.end()) {
    it->second->GetProperty()->SetOpacity(opacity);
    userState_[object] = {bool(it->second->GetVisibility()), opacity};
    view_->update();
  }
}

void SceneView::rebuildControls() {
  // A new menu each time: clear() would keep the old submenus alive.
  QMenu* old = objects_->menu();
  QMenu* m = new QMenu(objects_);
  objects_->setMenu(m);
  if (old) old->deleteLater();
  if (!scene_) return;
  for (const auto& o : scene_->objects) {
    const std::string name = o.name;
    const auto st = userState_.find(name);
    QAction* show = m->addAction(QString::fromStdString(name));
    show->setObjectName(QString::fromStdString("show " + name));
    show->setCheckable(true);
    show->setChecked(st == userState_.end() || st->second.first);
    show->setToolTip(QString("%1 triangles shown of %2").arg(o.shownFaces).arg(o.faces));
    connect(show, &QAction::toggled, this, [this, name](bool on) { setVisible(name, on); });
    QMenu* op = m->addMenu(QString::fromStdString("   opacity of " + name));
    for (int pct : {100, 75, 50, 25})
      op->addAction(QString("%1 %").arg(pct), this, [this, name, pct] { setOpacity(name, pct / 100.0); });
  }
}

void SceneView::setHandles(const std::vector<PlanHandle>& handles) {
  if (!handleLayer_) {  // the handles drawn over the objects, with the same camera: never hidden
    vtkRenderer* main = view_->surface().renderer();
    handleLayer_ = vtkSmartPointer<vtkRenderer>::New();
    handleLayer_->SetLayer(1);
    handleLayer_->InteractiveOff();
    handleLayer_->SetActiveCamera(main->GetActiveCamera());
    main->GetRenderWindow()->SetNumberOfLayers(2);
    main->GetRenderWindow()->AddRenderer(handleLayer_);
  }
  vtkRenderer* r = handleLayer_;
  for (vtkActor* a : handleActors_) r->RemoveActor(a);
  handleActors_.clear();
  if (axisLine_) r->RemoveActor(axisLine_), axisLine_ = nullptr;
  handles_ = handles;
  dragging_ = -1;
  for (const PlanHandle& h : handles_) {
    vtkNew<vtkSphereSource> ball;
    ball->SetRadius(h.kind == PlanHandle::Kind::cup ? 5.0 : 4.0);
    ball->SetThetaResolution(16);
    ball->SetPhiResolution(12);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(ball->GetOutputPort());
    vtkNew<vtkActor> a;
    a->SetMapper(mapper);
    a->SetPosition(h.lps.x(), h.lps.y(), h.lps.z());
    const std::array<double, 3> rgb = h.kind == PlanHandle::Kind::cupAxis  ? std::array<double, 3>{0.2, 0.9, 0.9}
                                      : h.kind == PlanHandle::Kind::cupRim ? std::array<double, 3>{0.95, 0.35, 0.85}
                                                                           : std::array<double, 3>{0.3, 0.6, 1.0};
    a->GetProperty()->SetColor(rgb[0], rgb[1], rgb[2]);
    r->AddActor(a);
    handleActors_.push_back(a);
  }
  if (handles_.size() >= 2) {  // the axis, from the centre to its handle
    vtkNew<vtkLineSource> line;
    line->SetPoint1(handles_[0].lps.data());
    line->SetPoint2(handles_[1].lps.data());
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputConnection(line->GetOutputPort());
    vtkNew<vtkActor> a;
    a->SetMapper(mapper);
    a->GetProperty()->SetColor(0.2, 0.9, 0.9);
    a->GetProperty()->SetLineWidth(2);
    a->GetProperty()->LightingOff();
    r->AddActor(a);
    axisLine_ = a;
  }
  view_->update();
}

Eigen::Vector3d SceneView::worldAt(int x, int y, double displayZ) const {
  vtkRenderer* r = view_->surface().renderer();
  const int h = r->GetRenderWindow()->GetSize()[1];
  r->SetDisplayPoint(x, h - 1 - y, displayZ);
  r->DisplayToWorld();
  const double* w = r->GetWorldPoint();
  return Eigen::Vector3d(w[0], w[1], w[2]) / (w[3] != 0 ? w[3] : 1.0);
}

std::optional<Eigen::Vector2d> SceneView::handleOnScreen(const std::string& id) const {
  vtkRenderer* r = view_->surface().renderer();
  const int h = r->GetRenderWindow()->GetSize()[1];
  for (const PlanHandle& p : handles_)
    if (p.id == id) {
      r->SetWorldPoint(p.lps.x(), p.lps.y(), p.lps.z(), 1);
      r->WorldToDisplay();
      const double* d = r->GetDisplayPoint();
      return Eigen::Vector2d(d[0], h - 1 - d[1]);
    }
  return std::nullopt;
}

bool SceneView::onMouse(int kind, int x, int y) {
  vtkRenderer* r = view_->surface().renderer();
  const auto event = VtkView::MouseEvent(kind);
  if (event == VtkView::MouseEvent::press) {
    // The nearest handle within 10 px of the press, by projection (no render pass: the
    // view draws into Qt's framebuffer, where a picking render would not be read back).
    dragging_ = -1;
    double best = 10;
    for (std::size_t i = 0; i < handles_.size(); ++i)
      if (const auto q = handleOnScreen(handles_[i].id); q && (*q - Eigen::Vector2d(x, y)).norm() <= best)
        best = (*q - Eigen::Vector2d(x, y)).norm(), dragging_ = int(i);
    if (dragging_ < 0) return false;
    dragMoved_ = false;
    dragAt_ = handles_[std::size_t(dragging_)].lps;
    r->SetWorldPoint(dragAt_.x(), dragAt_.y(), dragAt_.z(), 1);
    r->WorldToDisplay();
    dragDepth_ = r->GetDisplayPoint()[2];
    return true;
  }
  if (dragging_ < 0) return false;
  const QString id = QString::fromStdString(handles_[std::size_t(dragging_)].id);
  dragAt_ = worldAt(x, y, dragDepth_);
  handleActors_[std::size_t(dragging_)]->SetPosition(dragAt_.data());
  view_->update();
  if (event == VtkView::MouseEvent::move) {
    dragMoved_ = true;
    emit handleMoving(id, dragAt_);
  } else {
    dragging_ = -1;
    if (dragMoved_) emit handleDropped(id, dragAt_);
  }
  return true;
}

}  // namespace tantalus::gui
