#pragma once
// Export: the folder the design's files go to, and the button that copies them there
// (a background job with the window's progress bar and Cancel).
#include <QLabel>
#include <QLineEdit>
#include <QWidget>

namespace tantalus::gui {

class ExportPanel : public QWidget {
  Q_OBJECT
public:
  explicit ExportPanel(QWidget* parent);
  QString folder() const { return folder_->text(); }
  void setFolder(const QString& f) { folder_->setText(f); }
  void setResult(const QString& r) { result_->setText(r); }

signals:
  void exportRequested(const QString& folder);

private:
  QLineEdit* folder_;
  QLabel* result_;
};

}  // namespace tantalus::gui
