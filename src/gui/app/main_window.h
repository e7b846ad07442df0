#pragma once
// The workstation's window: the 3D view and the three slice views, the panels
// (segmentation, plan, design and lattice, export), warnings, a progress bar with
// Cancel. It owns the case document, runs the pipeline's steps as background jobs in
// the case's work folder, autosaves, and offers recovery (docs/gui.md).
#include <QMainWindow>
#include <QStringList>
#include <optional>

#include "gui/app/job_controller.h"
#include "gui/app/slice_view.h"
#include "gui/model/case_document.h"
#include "gui/model/measurement.h"
#include "gui/model/products.h"

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace tantalus::gui {

class DesignPanel;
class GuidesPanel;
class LatticePanel;
class LatticePreviewView;
class ExportPanel;
class PlanPanel;
class SceneView;
class SegmentationPanel;
class SliceView;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  // What to do with a recovery file found when a case is opened, and with unsaved
  // changes on close: ask (dialogs), or decide without asking (scripts, tests).
  // keep: neither restore nor delete a recovery file, nor save (a scripted run).
  enum class Policy { ask, yes, no, keep };
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a case file, a CT file or a DICOM folder; then runs the steps already
  // current in the work folder (target "latest") to show what they made.
  // `series`: a DICOM folder's series UID (the series browser's choice); empty: automatic.
  bool openPath(const QString& path, const std::string& series = {});
  void runStep(const QString& target);  // import | segment | plan | design
  void exportTo(const QString& folder);
  void showPanel(const QString& name);  // segment | plan | design | lattice | export
  // Keeps only the bone component at `lps` (segmentation.components = seed) and segments.
  void pickComponent(const Eigen::Vector3d& lps);
  bool busy() const { return jobs_->busy(); }
  void cancelJob() { jobs_->cancel(); }
  void setRecoveryPolicy(Policy p) { recoveryPolicy_ = p; }
  void setClosePolicy(Policy p) { closePolicy_ = p; }  // yes: save, no: discard
  void autosaveNow();

  CaseDocument& document() { return doc_; }
  const Products& products() const { return products_; }
  std::filesystem::path workDir() const;
  SceneView* sceneView() const { return scene_; }
  LatticePreviewView* latticePreview() const;
  SliceView* sliceView(int i) const { return slices_[i]; }
  QString lastError() const { return lastError_; }
  std::optional<JobResult::Status> lastStatus() const { return lastStatus_; }
  QString exportResult() const;
  const Measurement& measurement() const { return measurement_; }

signals:
  void jobFinished();

protected:
  void closeEvent(QCloseEvent* e) override;
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;

private:
  void buildMenus();
  void buildPanels();
  void startJob(const QString& title, const std::string& target, const std::filesystem::path& exportTo = {});
  void applyJob(const AppliedJob& job);
  void showProducts();
  void updateTitle();
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  bool offerRecovery(const std::string& key);
  bool maybeSave();
  void showError(const QString& message);
  void onThresholdEditing(int lo, int hi);
  // The plan's handles and screw buttons (main_window_plan.cpp): each edit needs a
  // current plan, is one undoable command, and the plan is run again after it.
  void connectPlanEdits();
  std::vector<SliceHandle> planHandlesShown() const;
  void previewPlanHandle(const QString& id, const Eigen::Vector3d& lps);
  void editPlan(const std::string& label, const std::function<void(CaseFile&, const plan::HipPlan&)>& change,
                bool needsCurrentPlan = true);
  void openDialog(bool dicomFolder);
  bool saveCase(bool as);

  CaseDocument doc_;
  Products products_;
  JobController* jobs_;
  SceneView* scene_;
  SliceView* slices_[3];
  SegmentationPanel* segPanel_;
  PlanPanel* planPanel_;
  DesignPanel* designPanel_;
  LatticePanel* latticePanel_;
  GuidesPanel* guidesPanel_;
  ExportPanel* exportPanel_;
  QTabWidget* tabs_;
  QListWidget* warnings_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QLabel* message_;
  QComboBox* windowPreset_;
  QAction *undo_ = nullptr, *redo_ = nullptr, *save_ = nullptr;
  QMenu* recentMenu_;
  QTimer* autosave_;
  std::uint64_t autosavedRevision_ = 0;
  Policy recoveryPolicy_ = Policy::ask, closePolicy_ = Policy::ask;
  QString lastError_;
  std::optional<JobResult::Status> lastStatus_;
  std::optional<pipeline::ExportResult> exported_;
  bool cursorOnCup_ = false;
  Measurement measurement_;
  std::uint64_t generation_ = 0;  // of the open document: a job's result for an earlier one is dropped
  std::string shownCtKey_;        // which CT the slice views show (the cursor stays while it is the same)
  Signal<>::Connection docChanged_, docState_;
};

}  // namespace tantalus::gui
