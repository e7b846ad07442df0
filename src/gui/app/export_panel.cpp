#include "gui/app/export_panel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

namespace tantalus::gui {

ExportPanel::ExportPanel(QWidget* parent) : QWidget(parent) {
  auto* v = new QVBoxLayout(this);
  v->addWidget(new QLabel("Print body (STL, 3MF), machined body, liner seat, screws and reports:", this));
  auto* row = new QHBoxLayout;
  folder_ = new QLineEdit(this);
  folder_->setObjectName("export folder");
  folder_->setPlaceholderText("output folder");
  auto* browse = new QPushButton("Browse…", this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString d = QFileDialog::getExistingDirectory(this, "Export to", folder_->text());
    if (!d.isEmpty()) folder_->setText(d);
  });
  row->addWidget(folder_, 1);
  row->addWidget(browse);
  v->addLayout(row);
  auto* run = new QPushButton("Export", this);
  run->setObjectName("run export");
  connect(run, &QPushButton::clicked, this, [this] { emit exportRequested(folder_->text()); });
  v->addWidget(run);
  result_ = new QLabel(this);
  result_->setObjectName("export result");
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(result_);
  v->addStretch(1);
}

}  // namespace tantalus::gui
