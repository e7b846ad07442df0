#pragma once
// The series browser: a DICOM folder's series (scanned off the UI thread), each with
// a thumbnail (its middle slice, decoded after the list shows), its modality, size,
// slices, spacing and warnings (tilt, gaps, not a CT), the automatic choice preselected;
// the one chosen becomes the case's input.series.
#include <QDialog>
#include <memory>
#include <string>

#include "tantalus/core/progress.h"

class QImage;
class QLabel;
class QTableWidget;

namespace tantalus::gui {

class SeriesDialog : public QDialog {
  Q_OBJECT
public:
  SeriesDialog(const QString& folder, QWidget* parent = nullptr);
  ~SeriesDialog() override;
  std::string chosenUid() const;  // empty: the automatic choice
  int thumbnails() const { return thumbnails_; }  // shown so far

private:
  void setThumbnail(int row, const QImage& img);
  QLabel* status_;
  int thumbnails_ = 0;
  QTableWidget* table_;
  std::shared_ptr<Progress> scan_;  // cancelled when the dialog goes
};

}  // namespace tantalus::gui
