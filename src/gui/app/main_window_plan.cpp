// The window's plan edits from the slices and the plan panel: handles dragged (the
// cup's centre, the landmarks, the screw tips, measured live while they move) and the
// screw buttons. The edits themselves are gui/model/plan_handles.
#include <QLabel>

#include "gui/app/main_window.h"
#include "gui/app/plan_panel.h"
#include "gui/app/scene_view.h"
#include "gui/model/plan_handles.h"
#include "gui/model/plan_readout.h"

namespace tantalus::gui {

void MainWindow::connectPlanEdits() {
  for (SliceView* s : slices_) {
    connect(s, &SliceView::handleMoving, this, &MainWindow::previewPlanHandle);
    connect(s, &SliceView::handleDropped, this, [this](const QString& id, const Eigen::Vector3d& lps) {
      editPlan("move " + id.toStdString(), [&](CaseFile& c, const plan::HipPlan& p) { dropHandle(c, p, id.toStdString(), lps); });
    });
  }
  connect(scene_, &SceneView::handleMoving, this, &MainWindow::previewPlanHandle);
  connect(scene_, &SceneView::handleDropped, this, [this](const QString& id, const Eigen::Vector3d& lps) {
    editPlan("move " + id.toStdString(), [&](CaseFile& c, const plan::HipPlan& p) { dropHandle(c, p, id.toStdString(), lps); });
  });
  connect(planPanel_, &PlanPanel::addScrewRequested, this, [this] {
    const Eigen::Vector3d at = slices_[0]->cursor();
    editPlan("add screw", [&](CaseFile& c, const plan::HipPlan& p) { addScrew(c, p, at); });
  });
  // Without a current plan too when the case's own targets are edited (a target the plan
  // refused must be removable).
  connect(planPanel_, &PlanPanel::removeScrewRequested, this, [this](int i) {
    editPlan("remove screw", [&](CaseFile& c, const plan::HipPlan& p) { removeScrew(c, p, std::size_t(i)); },
             !doc_.caseFile().plan.screwTargets);
  });
  connect(planPanel_, &PlanPanel::proposeScrewsRequested, this,
          [this] { editPlan("propose screws", [](CaseFile& c, const plan::HipPlan&) { proposeScrews(c); }, false); });
}

std::vector<SliceHandle> MainWindow::planHandlesShown() const {
  std::vector<SliceHandle> out;
  if (!products_.planned || products_.stale("plan", doc_.caseFile())) return out;  // only a current plan's (the 3D view's: showProducts)
  for (const PlanHandle& h : planHandles(*products_.planned)) {
    const QColor colour = h.kind == PlanHandle::Kind::cup        ? QColor(70, 140, 255)
                          : h.kind == PlanHandle::Kind::landmark ? QColor(255, 150, 40)
                                                                 : QColor(235, 195, 40);
    out.push_back({h.id, QString::fromStdString(h.label), h.lps, colour});
  }
  return out;
}

void MainWindow::previewPlanHandle(const QString& id, const Eigen::Vector3d& lps) {
  if (!products_.planned) return;
  const plan::HipPlan& p = *products_.planned;
  std::string text;
  bool flagged = false;
  if (id.startsWith("screw ") && products_.segmented) {
    try {
      const plan::Screw s = screwPreview(p, products_.segmented->bone, lps);
      text = describeScrew(std::size_t(id.mid(6).toInt() - 1), s);
      flagged = !s.warnings.empty();
    } catch (const Error& e) {  // a target at the cup's centre: no direction
      text = e.what();
      flagged = true;
    }
  } else if (id == "cup axis" || id == "cup rim") {
    CaseFile c = doc_.caseFile();
    dropHandle(c, p, id.toStdString(), lps);
    text = id == "cup rim" ? "cup diameter " + std::to_string(int(c.plan.cupMm.value_or(0))) + " mm"
                           : "cup inclination " + oneDecimal(c.plan.inclinationDeg) + "°, anteversion " +
                                 oneDecimal(c.plan.anteversionDeg) + "°";
  } else if (id == "cup") {
    CaseFile c = doc_.caseFile();
    dropHandle(c, p, "cup", lps);
    text = "cup centre from the native one: " + oneDecimal(c.plan.cupShift.superiorMm) + " mm superior, " +
           oneDecimal(c.plan.cupShift.lateralMm) + " mm lateral, " + oneDecimal(c.plan.cupShift.anteriorMm) + " mm anterior";
    flagged = std::max({std::abs(c.plan.cupShift.superiorMm), std::abs(c.plan.cupShift.lateralMm), std::abs(c.plan.cupShift.anteriorMm)}) > 30;
  } else {
    text = id.toStdString() + " at (" + oneDecimal(lps.x()) + ", " + oneDecimal(lps.y()) + ", " + oneDecimal(lps.z()) + ") mm LPS";
  }
  message_->setText(QString::fromStdString(text));
  message_->setStyleSheet(flagged ? "color: #d03030" : "");
}

void MainWindow::editPlan(const std::string& label, const std::function<void(CaseFile&, const plan::HipPlan&)>& change,
                          bool needsCurrentPlan) {
  message_->setStyleSheet("");
  if (jobs_->busy()) {
    showProducts();  // the handle back where the plan has it
    return showError("a step is running: wait for it (or cancel it) before editing the plan");
  }
  if (needsCurrentPlan && (!products_.planned || products_.stale("plan", doc_.caseFile())))
    return showError("press Plan first: screws and handles edit the current plan");
  static const plan::HipPlan none;
  const std::shared_ptr<const plan::HipPlan> p =
      products_.planned ? products_.planned : std::shared_ptr<const plan::HipPlan>(std::shared_ptr<void>(), &none);
  try {
    doc_.edit(label, [&](CaseFile& c) { change(c, *p); });
  } catch (const Error& e) {
    showProducts();  // the handle back where the plan has it
    return showError(QString::fromStdString(e.what()));
  }
  runStep("plan");
}

}  // namespace tantalus::gui
