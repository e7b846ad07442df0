#include "gui/app/guides_panel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "gui/model/guide_planes.h"

namespace tantalus::gui {

GuidesPanel::GuidesPanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  v->addWidget(planesGroup());
  v->addWidget(guideGroup());
  auto* run = new QPushButton("Make guides", this);
  run->setObjectName("run guides");
  run->setToolTip("the piece the planes remove, and a cutting guide for each plane (guide_N.stl)");
  connect(run, &QPushButton::clicked, this, [this] { emit runRequested("guides"); });
  v->addWidget(run);
  status_ = new QLabel(this);
  status_->setObjectName("guides status");
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(status_);
  v->addStretch(1);
}

QWidget* GuidesPanel::planesGroup() {
  auto* g = new QGroupBox("Osteotomy planes", this);
  auto* v = new QVBoxLayout(g);
  planes_ = new QListWidget(this);
  planes_->setObjectName("guide planes");
  planes_->setMaximumHeight(110);
  v->addWidget(planes_);
  auto* row = new QHBoxLayout;
  direction_ = new QComboBox(this);
  direction_->setObjectName("plane direction");
  for (const auto& d : planeDirections()) direction_->addItem(QString::fromStdString(d));
  direction_->setToolTip("the piece removed lies on this side of the plane");
  auto* add = new QPushButton("Add at cursor", this);
  add->setObjectName("add plane");
  add->setToolTip("a plane through the crosshair's point (put it on the bone where the saw enters)");
  connect(add, &QPushButton::clicked, this, [this] { emit addPlaneRequested(direction_->currentText()); });
  auto* remove = new QPushButton("Remove", this);
  remove->setObjectName("remove plane");
  connect(remove, &QPushButton::clicked, this, [this] {
    const int row = planes_->currentRow();
    if (row >= 0) edit("remove plane", [&](CaseFile& c) { removeGuidePlane(c, std::size_t(row)); });
  });
  row->addWidget(new QLabel("removing", this));
  row->addWidget(direction_);
  row->addWidget(add);
  row->addWidget(remove);
  v->addLayout(row);
  return g;
}

QWidget* GuidesPanel::guideGroup() {
  auto* g = new QGroupBox("Lesion and guides", this);
  auto* f = new QFormLayout(g);
  auto* row = fileField("lesion", "no lesion", "The lesion (a label map on this CT)", "Label maps (*.nii *.nii.gz *.nrrd *.mha)",
                        "a NIfTI label map of the lesion on this CT (relative to the case file)", "lesion",
                        [](const CaseFile& c) { return c.guides.lesion; }, [](CaseFile& c, const std::string& p) { c.guides.lesion = p; });
  f->addRow("Lesion", row);
  f->addRow("Margin", bind(doubleBox(this, 0, 50, 1, 1, " mm", "guide margin"), "margin",
                           [](const CaseFile& c) { return c.guides.marginMm; }, [](CaseFile& c, double x) { c.guides.marginMm = x; }));
  f->addRow("Patch radius", bind(doubleBox(this, 5, 60, 1, 0, " mm", "patch radius"), "patch radius",
                                 [](const CaseFile& c) { return c.guides.patchRadiusMm; }, [](CaseFile& c, double x) { c.guides.patchRadiusMm = x; }));
  f->addRow("Shell", bind(doubleBox(this, 1.5, 8, 0.5, 1, " mm", "guide thickness"), "guide thickness",
                          [](const CaseFile& c) { return c.guides.thicknessMm; }, [](CaseFile& c, double x) { c.guides.thicknessMm = x; }));
  f->addRow("Slot length", bind(doubleBox(this, 10, 80, 1, 0, " mm", "slot length"), "slot length",
                                [](const CaseFile& c) { return c.guides.slotLengthMm; }, [](CaseFile& c, double x) { c.guides.slotLengthMm = x; }));
  auto* open = bind(intBox(this, 1, 3, 1, "", "slot open sides"), "slot open sides",
                    [](const CaseFile& c) { return c.guides.slotOpenSides; }, [](CaseFile& c, int x) { c.guides.slotOpenSides = x; });
  open->setToolTip("1: open on top only (a window), 2: and one end, 3: and both ends");
  f->addRow("Slot open sides", open);
  f->addRow("K-wires", bind(intBox(this, 0, 4, 1, "", "kwires"), "K-wires",
                            [](const CaseFile& c) { return c.guides.kwires; }, [](CaseFile& c, int x) { c.guides.kwires = x; }));
  return g;
}

void GuidesPanel::refresh() {
  refreshBound();
  const auto& planes = doc_.caseFile().guides.planes;
  const int row = planes_->currentRow();
  planes_->clear();
  for (std::size_t i = 0; i < planes.size(); ++i) planes_->addItem(QString::fromStdString(describeGuidePlane(planes[i], i)));
  if (row >= 0 && row < planes_->count()) planes_->setCurrentRow(row);
}

}  // namespace tantalus::gui
