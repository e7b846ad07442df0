#pragma once
// Planning: the side, the cup's size (auto or fixed), inclination and anteversion,
// its shift from the native centre (superior, lateral, anterior), the screws asked
// for; and the plan's read-outs (Lewinnek zone in colour, COR offset, each screw with
// its bone length, breaches in red).
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

#include "gui/app/panel.h"
#include "gui/model/plan_readout.h"

namespace tantalus::gui {

class PlanPanel : public Panel {
  Q_OBJECT
public:
  PlanPanel(CaseDocument& doc, QWidget* parent);
  void refresh() override;
  void showPlan(const plan::HipPlan* p, bool stale);

private:
  QComboBox* side_;
  QDoubleSpinBox *cup_, *incl_, *ante_, *sup_, *lat_, *antShift_;
  QSpinBox* screws_;
  QLabel *summary_, *lewinnek_;
  QListWidget* screwList_;
};

}  // namespace tantalus::gui
