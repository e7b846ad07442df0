#pragma once
// Design and lattice: the porous layer (solid or lattice), its thickness and the dense
// shell's; the lattice's pore size, porosity and pore definition with what they mean as
// a cell (edge, strut) and the machine's printability warnings; the Design button.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>

#include "gui/app/panel.h"

namespace tantalus::gui {

class DesignPanel : public Panel {
  Q_OBJECT
public:
  DesignPanel(CaseDocument& doc, QWidget* parent);
  void refresh() override;
  void setStatus(const QString& s) { status_->setText(s); }

private:
  QComboBox *fill_, *definition_;
  QLabel *cell_, *status_;
};

}  // namespace tantalus::gui
