#include "gui/app/plan_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace tantalus::gui {

PlanPanel::PlanPanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  side_ = new QComboBox(this);
  side_->setObjectName("side");
  side_->addItems({"auto", "left", "right"});
  connect(side_, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { edit("side", [&](CaseFile& c) { c.plan.side = t.toStdString(); }); });
  form->addRow("Revised hip", side_);
  cup_ = bind(doubleBox(this, 40, 68, 2, 0, " mm", "cup mm"), "cup size",
              [](const CaseFile& c) { return c.plan.cupMm.value_or(40); },
              [](CaseFile& c, double v) { c.plan.cupMm = v < 41 ? std::nullopt : std::optional<double>(v); });
  cup_->setSpecialValueText("auto (sized to the anatomy)");
  form->addRow("Cup diameter", cup_);
  incl_ = bind(doubleBox(this, 20, 70, 1, 1, "°", "inclination"), "cup inclination",
               [](const CaseFile& c) { return c.plan.inclinationDeg; }, [](CaseFile& c, double v) { c.plan.inclinationDeg = v; });
  form->addRow("Inclination", incl_);
  ante_ = bind(doubleBox(this, -10, 45, 1, 1, "°", "anteversion"), "cup anteversion",
               [](const CaseFile& c) { return c.plan.anteversionDeg; }, [](CaseFile& c, double v) { c.plan.anteversionDeg = v; });
  form->addRow("Anteversion", ante_);
  v->addLayout(form);
  auto* shiftBox = new QGroupBox("Cup centre from the native one", this);
  auto* sf = new QFormLayout(shiftBox);
  sup_ = bind(doubleBox(this, -30, 30, 1, 1, " mm", "shift superior"), "cup shift superior",
              [](const CaseFile& c) { return c.plan.cupShift.superiorMm; }, [](CaseFile& c, double v) { c.plan.cupShift.superiorMm = v; });
  lat_ = bind(doubleBox(this, -30, 30, 1, 1, " mm", "shift lateral"), "cup shift lateral",
              [](const CaseFile& c) { return c.plan.cupShift.lateralMm; }, [](CaseFile& c, double v) { c.plan.cupShift.lateralMm = v; });
  antShift_ = bind(doubleBox(this, -30, 30, 1, 1, " mm", "shift anterior"), "cup shift anterior",
                   [](const CaseFile& c) { return c.plan.cupShift.anteriorMm; }, [](CaseFile& c, double v) { c.plan.cupShift.anteriorMm = v; });
  sf->addRow("Superior", sup_);
  sf->addRow("Lateral", lat_);
  sf->addRow("Anterior", antShift_);
  v->addWidget(shiftBox);
  auto* f2 = new QFormLayout;
  screws_ = bind(intBox(this, 0, 12, 1, "", "screws"), "screws", [](const CaseFile& c) { return c.plan.screws; },
                 [](CaseFile& c, int n) { c.plan.screws = n; });
  f2->addRow("Screws, at most", screws_);
  v->addLayout(f2);
  auto* run = new QPushButton("Plan", this);
  run->setObjectName("run plan");
  connect(run, &QPushButton::clicked, this, [this] { emit runRequested("plan"); });
  v->addWidget(run);
  summary_ = new QLabel(this);
  summary_->setObjectName("plan summary");
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(summary_);
  lewinnek_ = new QLabel(this);
  lewinnek_->setObjectName("lewinnek");
  v->addWidget(lewinnek_);
  screwList_ = new QListWidget(this);
  screwList_->setObjectName("screw list");
  screwList_->setMaximumHeight(120);
  v->addWidget(screwList_);
  auto* screwRow = new QHBoxLayout;
  auto* add = new QPushButton("Add screw at cursor", this);
  add->setObjectName("add screw");
  add->setToolTip("a screw from the cup toward the crosshair's point; drag its tip (a gold square) on the slices");
  connect(add, &QPushButton::clicked, this, &PlanPanel::addScrewRequested);
  removeScrew_ = new QPushButton("Remove", this);
  removeScrew_->setObjectName("remove screw");
  connect(removeScrew_, &QPushButton::clicked, this, [this] {
    if (screwList_->currentRow() >= 0) emit removeScrewRequested(screwList_->currentRow());
  });
  propose_ = new QPushButton("Propose", this);
  propose_->setObjectName("propose screws");
  propose_->setToolTip("forget the screws chosen by hand: the planner proposes them again");
  connect(propose_, &QPushButton::clicked, this, &PlanPanel::proposeScrewsRequested);
  screwRow->addWidget(add);
  screwRow->addWidget(removeScrew_);
  screwRow->addWidget(propose_);
  v->addLayout(screwRow);
  auto* hint = new QLabel("Drag the cup's centre, the landmarks and the screw tips (squares) on the slices.", this);
  hint->setWordWrap(true);
  hint->setStyleSheet("color: gray");
  v->addWidget(hint);
  v->addStretch(1);
}

void PlanPanel::refresh() {
  refreshBound();
  const QSignalBlocker b(side_);
  const PlanParams& p = doc_.caseFile().plan;
  side_->setCurrentText(QString::fromStdString(p.side));
  screws_->setEnabled(!p.screwTargets);
  screws_->setToolTip(p.screwTargets ? "the screws are chosen by hand: press Propose to have them proposed again" : "");
  propose_->setEnabled(bool(p.screwTargets));
}

void PlanPanel::showPlan(const plan::HipPlan* p, bool stale) {
  screwList_->clear();
  if (!p) {
    summary_->setText("No plan yet: press Plan.");
    lewinnek_->clear();
    return;
  }
  const PlanReadout r = planReadout(*p);
  summary_->setText(QString::fromStdString((stale ? std::string("(changed since: press Plan)\n") : std::string()) + r.side + "\n" +
                                           r.cup + "\n" + r.angles + "\n" + r.corOffset + "\n" + r.native + "\n" + r.symmetry));
  lewinnek_->setText(QString::fromStdString(r.lewinnek));
  lewinnek_->setStyleSheet(r.inLewinnekZone ? "color: #2e9e4f; font-weight: bold" : "color: #d03030; font-weight: bold");
  for (std::size_t n = 0; n < r.screws.size(); ++n) {  // numbered as their handles on the slices
    const ScrewReadout& s = r.screws[n];
    auto* item = new QListWidgetItem(
        QString::fromStdString(std::to_string(n + 1) + ". " + s.text + (s.warning.empty() ? "" : " — " + s.warning)), screwList_);
    if (s.flagged) item->setForeground(QColor(208, 48, 48));
  }
}

}  // namespace tantalus::gui
