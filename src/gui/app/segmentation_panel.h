#pragma once
// Segmentation: the HU preset or a custom range (spin boxes, or dragged on the
// histogram with the live overlay on the slices), the metal threshold and the margin
// removed around it, and the button that runs the segment step.
#include <QComboBox>
#include <QLabel>
#include <QPushButton>

#include "gui/app/histogram_widget.h"
#include "gui/app/panel.h"

namespace tantalus::gui {

class SegmentationPanel : public Panel {
  Q_OBJECT
public:
  SegmentationPanel(CaseDocument& doc, QWidget* parent);
  void refresh() override;
  void setHistogram(std::shared_ptr<const HuHistogram> h) { histogram_->setHistogram(std::move(h)); }
  void setStatus(const QString& s) { status_->setText(s); }
  // Sets a custom bone range as one edit (what dragging the histogram commits).
  void setThresholds(int lo, int hi);

signals:
  void thresholdEditing(int lo, int hi);  // live, before the edit
  void thresholdEditDone();

private:
  QComboBox *preset_, *components_;
  QSpinBox *huMin_, *huMax_, *metal_;
  QDoubleSpinBox* margin_;
  HistogramWidget* histogram_;
  QLabel* status_;
};

}  // namespace tantalus::gui
