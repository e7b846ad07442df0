#pragma once
// Cutting guides (docs/guides.md): the osteotomy planes (added at the cursor, the normal
// toward a patient direction: the side of the piece removed; removed), the lesion map and
// its margin, the patch, slot and K-wires; Make guides runs the guides step. Once they are
// made, the 3D view shows the planes, the guides and the piece removed, its cut faces
// coloured by their margin to the lesion.
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

#include "gui/app/panel.h"

namespace tantalus::gui {

class GuidesPanel : public Panel {
  Q_OBJECT
public:
  GuidesPanel(CaseDocument& doc, QWidget* parent);
  void refresh() override;
  void setStatus(const QString& s) { status_->setText(s); }

signals:
  void addPlaneRequested(const QString& direction);  // at the cursor

private:
  QWidget* planesGroup();
  QWidget* guideGroup();
  QListWidget* planes_;
  QComboBox* direction_;
  QLabel* status_;
};

}  // namespace tantalus::gui
