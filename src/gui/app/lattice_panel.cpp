#include "gui/app/lattice_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

#include "gui/app/lattice_preview_view.h"
#include "gui/model/lattice_readout.h"
#include "gui/model/plan_readout.h"
#include "tantalus/core/resources.h"

namespace tantalus::gui {

LatticePanel::LatticePanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  auto* g = new QGroupBox("Rhombic dodecahedron (the porous layer with Porous layer: lattice)", this);
  auto* f = new QFormLayout(g);
  f->addRow("Pore", bind(doubleBox(this, 200, 2000, 50, 0, " µm", "pore um"), "pore size",
                         [](const CaseFile& c) { return c.lattice.poreUm; }, [](CaseFile& c, double x) { c.lattice.poreUm = x; }));
  f->addRow("Porosity", bind(doubleBox(this, 50, 95, 1, 0, " %", "porosity"), "porosity",
                             [](const CaseFile& c) { return c.lattice.porosity * 100; },
                             [](CaseFile& c, double x) { c.lattice.porosity = x / 100; }));
  f->addRow("Pore measured as", bindChoice(choiceBox(this, {"window", "cell-sphere"}, "pore definition"), "pore definition",
                                           [](const CaseFile& c) { return c.lattice.definition; },
                                           [](CaseFile& c, const std::string& t) { c.lattice.definition = t; }));
  QStringList machines;
  for (const auto& m : resourceNames("machines")) machines << QString::fromStdString(m);
  f->addRow("Machine", bindChoice(choiceBox(this, machines, "machine"), "machine", [](const CaseFile& c) { return c.lattice.machine; },
                                  [](CaseFile& c, const std::string& t) { c.lattice.machine = t; }));
  cell_ = new QLabel(this);
  cell_->setObjectName("cell readout");
  cell_->setWordWrap(true);
  f->addRow(cell_);
  v->addWidget(g);
  preview_ = new LatticePreviewView(this);
  v->addWidget(preview_);
  v->addStretch(1);
}

void LatticePanel::refresh() {
  refreshBound();
  const CaseFile& c = doc_.caseFile();
  const LatticeReadout r = latticeReadout(c.lattice);
  std::string t;
  if (r.solved)
    t = "cell edge " + oneDecimal(r.cellEdgeMm) + " mm (" + std::to_string(int(r.cellEdgeMm * 1000 + 0.5)) + " µm), strut Ø " +
        std::to_string(int(r.strutMm * 1000 + 0.5)) + " µm; " + r.machine;
  for (const auto& p : r.problems) t += "\n⚠ " + p;
  cell_->setText(QString::fromStdString(t));
  cell_->setStyleSheet(r.printable && r.solved ? "" : "color: #d03030");
  if (doc_.loaded()) preview_->setParams(c.lattice);
}

}  // namespace tantalus::gui
