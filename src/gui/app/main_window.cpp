#include "gui/app/main_window.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include "gui/app/design_panel.h"
#include "gui/app/export_panel.h"
#include "gui/app/guides_panel.h"
#include "gui/app/lattice_panel.h"
#include "gui/app/plan_panel.h"
#include "gui/app/scene_view.h"
#include "gui/app/segmentation_panel.h"
#include "gui/app/slice_view.h"
#include "gui/model/guide_planes.h"
#include "gui/model/slice_geometry.h"
#include "tantalus/segment/segment_pipeline.h"

namespace fs = std::filesystem;

namespace tantalus::gui {

namespace {
constexpr double kLatticePreviewMm = 4.0;  // the lattice preview cube's edge
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName("tantalus main window");
  setAcceptDrops(true);
  jobs_ = new JobController(this);
  connect(jobs_, &JobController::progress, this, [this](double f, const QString& m) {
    progress_->setValue(int(f * 1000));
    message_->setText(m);
  });
  connect(jobs_, &JobController::finished, this, &MainWindow::applyJob);

  // Views: 3D top-left, then axial, coronal, sagittal.
  auto* views = new QWidget(this);
  auto* grid = new QGridLayout(views);
  grid->setContentsMargins(2, 2, 2, 2);
  grid->setSpacing(2);
  scene_ = new SceneView(views);
  slices_[0] = new SliceView(SliceAxis::axial, views);
  slices_[1] = new SliceView(SliceAxis::coronal, views);
  slices_[2] = new SliceView(SliceAxis::sagittal, views);
  grid->addWidget(scene_, 0, 0);
  grid->addWidget(slices_[0], 0, 1);
  grid->addWidget(slices_[1], 1, 0);
  grid->addWidget(slices_[2], 1, 1);
  for (int i = 0; i < 2; ++i) {
    grid->setColumnStretch(i, 1);
    grid->setRowStretch(i, 1);
  }
  for (SliceView* s : slices_) {
    connect(s, &SliceView::cursorMoved, this, [this](const Eigen::Vector3d& p) {
      for (SliceView* v : slices_) v->setCursor(p);
    });
    if (s == slices_[0]) connect(s, &SliceView::cursorChanged, scene_, &SceneView::setSectionCentre);
    connect(s, &SliceView::componentPicked, this, &MainWindow::pickComponent);
    connect(s, &SliceView::measurePoint, this, [this](const Eigen::Vector3d& p) {
      measurement_.add(p);
      const QString t = QString::fromStdString(measurement_.text());
      for (SliceView* v : slices_) v->setMeasurement(measurement_.points(), t);
      message_->setText(t);
    });
  }
  setCentralWidget(views);
  buildPanels();
  buildMenus();
  connectPlanEdits();

  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(260);
  progress_->setVisible(false);
  cancel_ = new QPushButton("Cancel", this);
  cancel_->setObjectName("cancel job");
  cancel_->setVisible(false);
  connect(cancel_, &QPushButton::clicked, this, [this] { jobs_->cancel(); });
  message_ = new QLabel(this);
  message_->setObjectName("status message");
  statusBar()->addWidget(message_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);

  autosave_ = new QTimer(this);
  const QByteArray ms = qgetenv("TANTALUS_AUTOSAVE_MS");
  autosave_->setInterval(ms.isEmpty() ? 30000 : ms.toInt());
  connect(autosave_, &QTimer::timeout, this, &MainWindow::autosaveNow);
  autosave_->start();

  docChanged_ = doc_.changed.connect([this] { showProducts(); });
  docState_ = doc_.stateChanged.connect([this] { updateTitle(); });
  updateTitle();
  resize(1600, 1000);
}

MainWindow::~MainWindow() { jobs_->shutdown(); }

void MainWindow::buildPanels() {
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName("panels");
  segPanel_ = new SegmentationPanel(doc_, tabs_);
  planPanel_ = new PlanPanel(doc_, tabs_);
  designPanel_ = new DesignPanel(doc_, tabs_);
  latticePanel_ = new LatticePanel(doc_, tabs_);
  guidesPanel_ = new GuidesPanel(doc_, tabs_);
  exportPanel_ = new ExportPanel(tabs_);
  const auto scrolled = [this](QWidget* panel) {  // a panel taller than the window scrolls
    auto* s = new QScrollArea(tabs_);
    s->setWidget(panel);
    s->setWidgetResizable(true);
    s->setFrameShape(QFrame::NoFrame);
    return s;
  };
  tabs_->addTab(scrolled(segPanel_), "1 Segment");
  tabs_->addTab(scrolled(planPanel_), "2 Plan");
  tabs_->addTab(scrolled(designPanel_), "3 Design");
  tabs_->addTab(scrolled(latticePanel_), "4 Lattice");
  tabs_->addTab(scrolled(guidesPanel_), "5 Guides");
  tabs_->addTab(scrolled(exportPanel_), "6 Export");
  for (Panel* p : std::initializer_list<Panel*>{segPanel_, planPanel_, designPanel_, latticePanel_, guidesPanel_}) {
    connect(p, &Panel::runRequested, this, &MainWindow::runStep);
    connect(p, &Panel::problem, this, &MainWindow::showError);
  }
  connect(exportPanel_, &ExportPanel::exportRequested, this, &MainWindow::exportTo);
  connect(guidesPanel_, &GuidesPanel::addPlaneRequested, this, [this](const QString& direction) {
    const Eigen::Vector3d at = slices_[0]->cursor();
    try {
      doc_.edit("add plane", [&](CaseFile& c) { addGuidePlane(c, at, direction.toStdString()); });
    } catch (const Error& e) {
      showError(QString::fromStdString(e.what()));
    }
  });
  connect(segPanel_, &SegmentationPanel::thresholdEditing, this, &MainWindow::onThresholdEditing);
  connect(segPanel_, &SegmentationPanel::thresholdEditDone, this, &MainWindow::showProducts);
  auto* dock = new QDockWidget("Steps", this);
  dock->setObjectName("steps dock");
  dock->setWidget(tabs_);
  dock->setFeatures(QDockWidget::DockWidgetMovable);
  dock->setMinimumWidth(360);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  warnings_ = new QListWidget(this);
  warnings_->setObjectName("warnings");
  warnings_->setWordWrap(true);
  auto* wdock = new QDockWidget("Warnings", this);
  wdock->setObjectName("warnings dock");
  wdock->setWidget(warnings_);
  wdock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::BottomDockWidgetArea, wdock);
  resizeDocks({wdock}, {110}, Qt::Vertical);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu("&File");
  file->addAction("&Open case or CT file…", QKeySequence::Open, this, [this] { openDialog(false); });
  file->addAction("Open &DICOM folder…", this, [this] { openDialog(true); });
  recentMenu_ = file->addMenu("Open &recent");
  rebuildRecentMenu();
  save_ = file->addAction("&Save case", QKeySequence::Save, this, [this] { saveCase(false); });
  file->addAction("Save case &as…", QKeySequence::SaveAs, this, [this] { saveCase(true); });
  file->addSeparator();
  file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);
  QMenu* edit = menuBar()->addMenu("&Edit");
  undo_ = edit->addAction("&Undo", QKeySequence::Undo, this, [this] { doc_.undo(); });
  redo_ = edit->addAction("&Redo", QKeySequence::Redo, this, [this] { doc_.redo(); });
  QToolBar* tb = addToolBar("View");
  tb->setObjectName("view toolbar");
  tb->addWidget(new QLabel(" Window: ", tb));
  windowPreset_ = new QComboBox(tb);
  windowPreset_->setObjectName("window preset");
  for (const auto& w : windowPresets()) windowPreset_->addItem(QString::fromStdString(w.name));
  connect(windowPreset_, &QComboBox::currentIndexChanged, this, [this](int i) {
    const WindowPreset w = windowPresets()[std::size_t(std::max(0, i))];
    for (SliceView* s : slices_) s->setWindow({w.level, w.width});
  });
}

fs::path MainWindow::workDir() const {
  if (!doc_.path().empty()) {
    std::string stem = doc_.path().filename().string();
    for (const std::string ext : {".tantalus.json", ".json"})
      if (stem.size() > ext.size() && stem.ends_with(ext)) {
        stem.resize(stem.size() - ext.size());
        break;
      }
    return doc_.path().parent_path() / (stem + ".work");
  }
  const QByteArray xdg = qgetenv("XDG_CACHE_HOME");
  const fs::path cache = xdg.isEmpty() ? fs::path(qgetenv("HOME").toStdString()) / ".cache" : fs::path(xdg.toStdString());
  const std::string ct = fs::weakly_canonical(fs::absolute(doc_.caseDir() / doc_.caseFile().inputPath)).string();
  return cache / "tantalus" / "work" / std::to_string(std::hash<std::string>{}(ct));
}

void MainWindow::runStep(const QString& target) {
  const QString title = target == "segment" ? "Segmentation" : target == "plan" ? "Plan" : target == "design" ? "Design"
                        : target == "guides"  ? "Guides"
                                              : "Import";
  startJob(title, target.toStdString());
}

void MainWindow::exportTo(const QString& folder) {
  if (folder.isEmpty()) return showError("choose an export folder first");
  startJob("Export", "design", fs::absolute(folder.toStdString()));
}

void MainWindow::startJob(const QString& title, const std::string& target, const fs::path& exportTo) {
  if (!doc_.loaded()) return showError("open a CT or a case file first");
  JobRequest r;
  r.title = title.toStdString();
  r.tag = generation_;
  r.caseFile = doc_.caseFile();
  r.caseDir = doc_.caseDir();
  r.workDir = workDir();
  r.target = target;
  r.exportTo = exportTo;
  r.previous = products_;
  if (!jobs_->start(std::move(r), kLatticePreviewMm)) return showError("a job is running: wait for it or cancel it");
  lastStatus_.reset();
  doc_.closeMerge();  // an edit after this run is a command of its own
  progress_->setValue(0);
  progress_->setVisible(true);
  cancel_->setVisible(true);
  message_->setText(title + "…");
}

void MainWindow::applyJob(const AppliedJob& job) {
  const JobResult& r = job.result;
  progress_->setVisible(false);
  cancel_->setVisible(false);
  if (r.tag != generation_) return;  // for a case since closed
  lastStatus_ = r.status;
  if (r.status == JobResult::Status::cancelled) {
    message_->setText(QString::fromStdString(r.title) + " cancelled");
  } else if (r.status == JobResult::Status::failed) {
    showError(QString::fromStdString(r.title + ": " + r.error + (r.hint.empty() ? "" : " — " + r.hint)));
    showProducts();
  } else {
    products_ = r.products;
    doc_.setChoices(r.choices);
    warnings_->clear();
    for (const auto& w : r.warnings) {
      auto* item = new QListWidgetItem(QString::fromStdString(pipeline::describe(w)), warnings_);
      if (w.severity == pipeline::Severity::warning) item->setForeground(QColor(200, 120, 0));
    }
    if (job.scene) {
      scene_->setScene(job.scene);
      for (const auto& w : job.scene->warnings) new QListWidgetItem(QString::fromStdString("view: " + w), warnings_);
    }
    exported_ = r.exported;
    if (r.exported)
      exportPanel_->setResult(QString("%1 files (%2 MB) in %3")
                                  .arg(r.exported->files.size())
                                  .arg(double(r.exported->bytes) / 1e6, 0, 'f', 1)
                                  .arg(QString::fromStdString(r.exported->dir.string())));
    message_->setText(QString("%1 done in %2 s").arg(QString::fromStdString(r.title)).arg(r.seconds, 0, 'f', 1));
    showProducts();
  }
  emit jobFinished();
}

void MainWindow::pickComponent(const Eigen::Vector3d& lps) {
  if (!doc_.loaded()) return;
  try {
    doc_.edit("pick bone component", [&](CaseFile& c) {
      c.segmentation.components = "seed";
      c.segmentation.seedLps = std::array<double, 3>{lps.x(), lps.y(), lps.z()};
    });
  } catch (const Error& e) {
    return showError(QString::fromStdString(e.what()));
  }
  for (SliceView* v : slices_) v->setCursor(lps);
  runStep("segment");
}

LatticePreviewView* MainWindow::latticePreview() const { return latticePanel_->preview(); }

void MainWindow::showPanel(const QString& name) {
  const QStringList names{"segment", "plan", "design", "lattice", "guides", "export"};
  if (names.contains(name)) tabs_->setCurrentIndex(int(names.indexOf(name)));
}

QString MainWindow::exportResult() const {
  return exported_ ? QString::fromStdString(exported_->dir.string()) : QString();
}

void MainWindow::showProducts() {
  const CaseFile& c = doc_.caseFile();
  SliceContent content;
  if (products_.imported) content.ct = std::shared_ptr<const CtVolume>(products_.imported, &products_.imported->volume);
  if (const auto& seg = products_.segmented) {
    content.bone = std::shared_ptr<const Mask>(seg, &seg->bone);
    content.implant = std::shared_ptr<const Mask>(seg, &seg->implant);
    if (products_.stale("segment", c)) {
      SegmentationParams s = c.segmentation;
      try {
        segment::resolveThresholds(s);
        content.thresholdHu = std::make_pair(s.huMin, s.huMax);
      } catch (const Error&) {
      }
    }
  }
  if (const auto& pl = products_.planned) {
    content.cup = std::make_pair(pl->cup.centreLps, pl->cup.outerDiameterMm / 2);
    content.nativeCentre = pl->native.mirroredLps;
    content.symmetryPlane = std::make_pair(pl->anatomy.symmetry.point, pl->anatomy.symmetry.normal);
    content.handles = planHandlesShown();
  }
  for (SliceView* s : slices_) s->setContent(content);
  const bool planCurrent = products_.planned && !products_.stale("plan", c);
  scene_->setHandles(planCurrent ? cupHandles(*products_.planned) : std::vector<PlanHandle>{});
  // A new CT: the cursor at its centre, or the cup's once there is a plan.
  // The same CT read again by a later job keeps the cursor where the user left it.
  const std::string ctKey = content.ct ? content.ct->source + "|" + std::to_string(content.ct->geometry.voxelCount()) : "";
  const bool newCt = content.ct && ctKey != shownCtKey_;
  shownCtKey_ = ctKey;
  if (newCt || (products_.planned && !cursorOnCup_)) {
    cursorOnCup_ = bool(products_.planned);
    const Eigen::Vector3d at = products_.planned ? products_.planned->cup.centreLps : volumeCentre(content.ct->geometry);
    for (SliceView* s : slices_) s->setCursor(at);
  }
  segPanel_->setHistogram(products_.histogram);
  segPanel_->setStatus(!products_.segmented ? "Not segmented yet: press Segment."
                       : products_.stale("segment", c) ? "Changed since the segmentation: press Segment."
                                                        : QString("Segmented: host bone %1 mL, old implant %2 mL.")
                                                              .arg(products_.boneMl, 0, 'f', 1)
                                                              .arg(products_.implantMl, 0, 'f', 1));
  planPanel_->showPlan(products_.planned.get(), products_.stale("plan", c));
  const bool designedHere = products_.designed && products_.workDir == workDir();
  designPanel_->setStatus(!designedHere ? "Not designed yet (in this case's work folder): press Design."
                          : products_.stale("design", c) ? "Changed since the design: press Design."
                                                          : "Designed: " + QString::fromStdString((products_.workDir / "implant_print.stl").string()));
  const bool guidedHere = products_.guides > 0 && products_.workDir == workDir();
  guidesPanel_->setStatus(c.guides.planes.empty() ? "No planes yet: put the crosshair on the bone where the saw enters, and Add at cursor."
                          : !guidedHere          ? "No guides yet: press Make guides."
                          : products_.stale("guides", c) ? "Changed since the guides were made: press Make guides."
                                                          : QString::fromStdString(products_.guidesSummary));
  undo_->setEnabled(doc_.canUndo());
  redo_->setEnabled(doc_.canRedo());
}

void MainWindow::onThresholdEditing(int lo, int hi) {
  for (SliceView* s : slices_) s->setThresholdPreview(std::make_pair(lo, hi));
}

void MainWindow::showError(const QString& message) {
  lastError_ = message;
  message_->setText(message);
  auto* item = new QListWidgetItem("error: " + message, warnings_);
  item->setForeground(QColor(208, 48, 48));
  warnings_->scrollToItem(item);
  if (recoveryPolicy_ == Policy::ask) {  // interactive: a message box that does not block the event loop
    auto* box = new QMessageBox(QMessageBox::Warning, "Tantalus", message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  }
}

}  // namespace tantalus::gui
