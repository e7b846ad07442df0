#pragma once
// Planning: the side, the cup's size (auto or fixed), inclination and anteversion,
// its shift from the native centre (superior, lateral, anterior), the screws asked
// for; and the plan's read-outs (Lewinnek zone in colour, COR offset, each screw with
// its bone length, breaches in red); screws added at the cursor, removed, or proposed
// again (their tips are dragged on the slices: gui/model/plan_handles.h).
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

signals:
  void addScrewRequested();                 // at the cursor
  void removeScrewRequested(int index);     // 0-based
  void proposeScrewsRequested();

private:
  QComboBox* side_;
  QDoubleSpinBox *cup_, *incl_, *ante_, *sup_, *lat_, *antShift_;
  QSpinBox* screws_;
  QLabel *summary_, *lewinnek_;
  QListWidget* screwList_;
  QPushButton *removeScrew_, *propose_;
};

}  // namespace tantalus::gui
