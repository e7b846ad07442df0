#pragma once
// A side panel bound to the case document: its controls show the case's fields and
// every change is one undoable edit (merged while a spin box is held). Panels ask the
// window to run a step (runRequested) and report refused values (problem).
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QWidget>
#include <functional>

#include "gui/model/case_document.h"
#include "tantalus/core/error.h"

namespace tantalus::gui {

class Panel : public QWidget {
  Q_OBJECT
public:
  Panel(CaseDocument& doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    docChanged_ = doc_.changed.connect([this] { refresh(); });
  }
  virtual void refresh() = 0;  // the controls from the case

signals:
  void runRequested(const QString& step);
  void problem(const QString& message);

protected:
  // One undoable edit; a refused value is reported and the control shows the case again.
  void edit(const std::string& label, const std::function<void(CaseFile&)>& change, const std::string& mergeKey = {}) {
    try {
      doc_.edit(label, change, mergeKey);
    } catch (const Error& e) {
      emit problem(QString::fromStdString(e.what()));
      refresh();
    }
  }
  template <class Box, class Get, class Set>
  Box* bind(Box* box, const std::string& label, Get get, Set set) {
    connect(box, qOverload<typename std::conditional_t<std::is_same_v<Box, QSpinBox>, int, double>>(&Box::valueChanged), this,
            [this, label, set](auto v) { edit(label, [&](CaseFile& c) { set(c, v); }, label); });
    refreshers_.push_back([this, box, get] {
      const QSignalBlocker b(box);
      box->setValue(get(doc_.caseFile()));
    });
    return box;
  }
  // A choice among texts, bound the same way.
  QComboBox* bindChoice(QComboBox* box, const std::string& label, std::function<std::string(const CaseFile&)> get,
                        std::function<void(CaseFile&, const std::string&)> set) {
    connect(box, &QComboBox::currentTextChanged, this,
            [this, label, set](const QString& t) { edit(label, [&](CaseFile& c) { set(c, t.toStdString()); }); });
    refreshers_.push_back([this, box, get] {
      const QSignalBlocker b(box);
      box->setCurrentText(QString::fromStdString(get(doc_.caseFile())));
    });
    return box;
  }
  // A file field: the path (read-only, `placeholder` when empty), "…" choosing a file
  // (stored relative to the case file where it can be) and "×" clearing it; `set` stores
  // the path ("" clears) as one edit named `label`. The field shows the case on refresh.
  QHBoxLayout* fileField(const QString& name, const QString& placeholder, const QString& title, const QString& filter,
                         const QString& tip, const std::string& label, std::function<std::string(const CaseFile&)> get,
                         std::function<void(CaseFile&, const std::string&)> set);
  void refreshBound() {
    for (auto& r : refreshers_) r();
  }
  CaseDocument& doc_;

private:
  Signal<>::Connection docChanged_;
  std::vector<std::function<void()>> refreshers_;
};

QComboBox* choiceBox(QWidget* parent, const QStringList& items, const QString& name);
QDoubleSpinBox* doubleBox(QWidget* parent, double lo, double hi, double step, int decimals, const QString& suffix, const QString& name);
QSpinBox* intBox(QWidget* parent, int lo, int hi, int step, const QString& suffix, const QString& name);

}  // namespace tantalus::gui
