#include "gui/app/design_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

#include "gui/model/lattice_readout.h"
#include "gui/model/plan_readout.h"

namespace tantalus::gui {

DesignPanel::DesignPanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  fill_ = new QComboBox(this);
  fill_->setObjectName("porous fill");
  fill_->addItems({"solid", "lattice"});
  fill_->setToolTip("solid: exact bodies (minutes); lattice: the porous layer as struts (experimental, long)");
  connect(fill_, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { edit("porous fill", [&](CaseFile& c) { c.design.porousFill = t.toStdString(); }); });
  form->addRow("Porous layer", fill_);
  bind(doubleBox(this, 0.5, 6, 0.5, 1, " mm", "porous mm"), "porous layer", [](const CaseFile& c) { return c.design.porousMm; },
       [](CaseFile& c, double x) { c.design.porousMm = x; });
  form->addRow("Porous thickness", findChild<QDoubleSpinBox*>("porous mm"));
  bind(doubleBox(this, 0.5, 5, 0.5, 1, " mm", "dense shell mm"), "dense shell", [](const CaseFile& c) { return c.design.denseShellMm; },
       [](CaseFile& c, double x) { c.design.denseShellMm = x; });
  form->addRow("Dense shell", findChild<QDoubleSpinBox*>("dense shell mm"));
  v->addLayout(form);
  auto* lat = new QGroupBox("Lattice (rhombic dodecahedron)", this);
  auto* lf = new QFormLayout(lat);
  lf->addRow("Pore", bind(doubleBox(this, 200, 2000, 50, 0, " µm", "pore um"), "pore size",
                          [](const CaseFile& c) { return c.lattice.poreUm; }, [](CaseFile& c, double x) { c.lattice.poreUm = x; }));
  lf->addRow("Porosity", bind(doubleBox(this, 50, 95, 1, 0, " %", "porosity"), "porosity",
                              [](const CaseFile& c) { return c.lattice.porosity * 100; },
                              [](CaseFile& c, double x) { c.lattice.porosity = x / 100; }));
  definition_ = new QComboBox(this);
  definition_->setObjectName("pore definition");
  definition_->addItems({"window", "cell-sphere"});
  connect(definition_, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { edit("pore definition", [&](CaseFile& c) { c.lattice.definition = t.toStdString(); }); });
  lf->addRow("Pore measured as", definition_);
  cell_ = new QLabel(this);
  cell_->setObjectName("cell readout");
  cell_->setWordWrap(true);
  lf->addRow(cell_);
  v->addWidget(lat);
  auto* run = new QPushButton("Design", this);
  run->setObjectName("run design");
  connect(run, &QPushButton::clicked, this, [this] { emit runRequested("design"); });
  v->addWidget(run);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  v->addWidget(status_);
  v->addStretch(1);
}

void DesignPanel::refresh() {
  refreshBound();
  const CaseFile& c = doc_.caseFile();
  {
    const QSignalBlocker a(fill_), b(definition_);
    fill_->setCurrentText(QString::fromStdString(c.design.porousFill));
    definition_->setCurrentText(QString::fromStdString(c.lattice.definition));
  }
  const LatticeReadout r = latticeReadout(c.lattice);
  std::string t;
  if (r.solved)
    t = "cell edge " + oneDecimal(r.cellEdgeMm) + " mm (" + std::to_string(int(r.cellEdgeMm * 1000 + 0.5)) + " µm), strut Ø " +
        std::to_string(int(r.strutMm * 1000 + 0.5)) + " µm; " + r.machine;
  for (const auto& p : r.problems) t += "\n⚠ " + p;
  cell_->setText(QString::fromStdString(t));
  cell_->setStyleSheet(r.printable && r.solved ? "" : "color: #d03030");
}

}  // namespace tantalus::gui
