#include "gui/app/panel.h"

namespace tantalus::gui {

QComboBox* choiceBox(QWidget* parent, const QStringList& items, const QString& name) {
  auto* b = new QComboBox(parent);
  b->addItems(items);
  b->setObjectName(name);
  return b;
}

QDoubleSpinBox* doubleBox(QWidget* parent, double lo, double hi, double step, int decimals, const QString& suffix, const QString& name) {
  auto* b = new QDoubleSpinBox(parent);
  b->setRange(lo, hi);
  b->setSingleStep(step);
  b->setDecimals(decimals);
  b->setSuffix(suffix);
  b->setObjectName(name);
  b->setKeyboardTracking(false);
  return b;
}

QSpinBox* intBox(QWidget* parent, int lo, int hi, int step, const QString& suffix, const QString& name) {
  auto* b = new QSpinBox(parent);
  b->setRange(lo, hi);
  b->setSingleStep(step);
  b->setSuffix(suffix);
  b->setObjectName(name);
  b->setKeyboardTracking(false);
  return b;
}

}  // namespace tantalus::gui
