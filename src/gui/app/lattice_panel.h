#pragma once
// The lattice: pore size, porosity, pore definition and the machine, with what they
// mean as a cell (edge, strut diameter), the machine's printability warnings, and a
// live preview of a small cube of it (LatticePreviewView).
#include <QLabel>

#include "gui/app/panel.h"

namespace tantalus::gui {

class LatticePreviewView;

class LatticePanel : public Panel {
  Q_OBJECT
public:
  LatticePanel(CaseDocument& doc, QWidget* parent);
  void refresh() override;
  LatticePreviewView* preview() const { return preview_; }

private:
  QLabel* cell_;
  LatticePreviewView* preview_;
};

}  // namespace tantalus::gui
