#include "gui/app/design_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>


namespace tantalus::gui {

DesignPanel::DesignPanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  auto* fill = bindChoice(choiceBox(this, {"solid", "lattice"}, "porous fill"), "porous fill",
                          [](const CaseFile& c) { return c.design.porousFill; }, [](CaseFile& c, const std::string& t) { c.design.porousFill = t; });
  fill->setToolTip("solid: exact bodies (minutes); lattice: the porous layer as struts (experimental, long)");
  form->addRow("Porous layer", fill);
  form->addRow("Porous thickness", bind(doubleBox(this, 0.5, 6, 0.5, 1, " mm", "porous mm"), "porous layer",
                                        [](const CaseFile& c) { return c.design.porousMm; }, [](CaseFile& c, double x) { c.design.porousMm = x; }));
  form->addRow("Dense shell", bind(doubleBox(this, 0.5, 5, 0.5, 1, " mm", "dense shell mm"), "dense shell",
                                   [](const CaseFile& c) { return c.design.denseShellMm; }, [](CaseFile& c, double x) { c.design.denseShellMm = x; }));
  v->addLayout(form);
  v->addWidget(augmentGroup());
  auto* run = new QPushButton("Design", this);
  run->setObjectName("run design");
  connect(run, &QPushButton::clicked, this, [this] { emit runRequested("design"); });
  v->addWidget(run);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  v->addWidget(status_);
  v->addStretch(1);
}

QWidget* DesignPanel::augmentGroup() {
  auto* g = new QGroupBox("Augment and flange", this);
  auto* f = new QFormLayout(g);
  auto* reach = bind(doubleBox(this, 0, 40, 1, 0, " mm", "augment reach"), "augment reach",
                     [](const CaseFile& c) { return c.design.augmentReachMm; }, [](CaseFile& c, double x) { c.design.augmentReachMm = x; });
  reach->setSpecialValueText("no augment");
  reach->setToolTip("the augment fills the defect within this distance of the cup's outer sphere, below its rim plane");
  f->addRow("Reach beyond the cup", reach);
  auto* row = fileField("augment envelope", "the reach alone", "The augment's envelope (a closed STL)", "STL (*.stl)",
                        "a closed STL the augment stays inside (relative to the case file)", "augment envelope",
                        [](const CaseFile& c) { return c.design.augmentEnvelope; },
                        [](CaseFile& c, const std::string& p) { c.design.augmentEnvelope = p; });
  f->addRow("Envelope", row);
  f->addRow("Off the bone", bind(doubleBox(this, -0.5, 1, 0.1, 2, " mm", "bone clearance"), "bone clearance",
                                 [](const CaseFile& c) { return c.design.boneClearanceMm; }, [](CaseFile& c, double x) { c.design.boneClearanceMm = x; }));
  auto* flange = bind(doubleBox(this, 0, 6, 0.5, 1, " mm", "flange mm"), "flange",
                      [](const CaseFile& c) { return c.design.flangeMm; }, [](CaseFile& c, double x) { c.design.flangeMm = x; });
  flange->setSpecialValueText("no flange");
  flange->setToolTip("an iliac flange above the cup: 2 to 6 mm thick");
  f->addRow("Flange", flange);
  f->addRow("Flange length", bind(doubleBox(this, 10, 60, 5, 0, " mm", "flange length"), "flange length",
                                  [](const CaseFile& c) { return c.design.flangeLengthMm; }, [](CaseFile& c, double x) { c.design.flangeLengthMm = x; }));
  f->addRow("Flange width", bind(doubleBox(this, 10, 40, 5, 0, " mm", "flange width"), "flange width",
                                 [](const CaseFile& c) { return c.design.flangeWidthMm; }, [](CaseFile& c, double x) { c.design.flangeWidthMm = x; }));
  return g;
}

void DesignPanel::refresh() { refreshBound(); }

}  // namespace tantalus::gui
