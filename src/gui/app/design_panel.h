#pragma once
// Design: the porous layer (solid or lattice), its thickness and the dense shell's; the
// augment (its envelope: a reach beyond the cup or a closed STL; the bone clearance) and
// the flange; the Design button. The lattice itself: lattice_panel.h.
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
  QWidget* augmentGroup();
  QLabel* status_;
};

}  // namespace tantalus::gui
