#include "gui/app/panel.h"

#include <QFileDialog>
#include <QToolButton>

namespace tantalus::gui {

QHBoxLayout* Panel::fileField(const QString& name, const QString& placeholder, const QString& title, const QString& filter,
                              const QString& tip, const std::string& label, std::function<std::string(const CaseFile&)> get,
                              std::function<void(CaseFile&, const std::string&)> set) {
  auto* row = new QHBoxLayout;
  auto* field = new QLineEdit(this);
  field->setObjectName(name);
  field->setReadOnly(true);
  field->setPlaceholderText(placeholder);
  auto* browse = new QToolButton(this);
  browse->setText("…");
  browse->setToolTip(tip);
  connect(browse, &QToolButton::clicked, this, [this, title, filter, label, set] {
    const QString file = QFileDialog::getOpenFileName(this, title, QString::fromStdString(doc_.caseDir().string()), filter);
    if (file.isEmpty()) return;
    const std::string rel = std::filesystem::path(file.toStdString()).lexically_proximate(doc_.caseDir()).string();
    edit(label, [&](CaseFile& c) { set(c, rel); });
  });
  auto* clear = new QToolButton(this);
  clear->setText("×");
  clear->setObjectName("clear " + name);
  connect(clear, &QToolButton::clicked, this, [this, label, set] { edit(label, [&](CaseFile& c) { set(c, ""); }); });
  row->addWidget(field, 1);
  row->addWidget(browse);
  row->addWidget(clear);
  refreshers_.push_back([this, field, get] { field->setText(QString::fromStdString(get(doc_.caseFile()))); });
  return row;
}

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
