#include "gui/app/segmentation_panel.h"

#include <QFormLayout>
#include <QVBoxLayout>

#include "tantalus/segment/presets.h"
#include "tantalus/segment/segment_pipeline.h"

namespace tantalus::gui {

SegmentationPanel::SegmentationPanel(CaseDocument& doc, QWidget* parent) : Panel(doc, parent) {
  auto* v = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  preset_ = new QComboBox(this);
  preset_->setObjectName("preset");
  for (const auto& p : segment::listPresets())
    preset_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.description));
  preset_->addItem("custom");
  connect(preset_, &QComboBox::currentTextChanged, this, [this](const QString& t) {
    edit("bone preset", [&](CaseFile& c) { c.segmentation.preset = t.toStdString(); });
  });
  form->addRow("Preset", preset_);
  huMin_ = intBox(this, -1024, 4000, 10, " HU", "hu min");
  huMax_ = intBox(this, -1024, 30000, 10, " HU", "hu max");
  auto custom = [](CaseFile& c, int lo, int hi) {
    c.segmentation.preset = "custom";
    c.segmentation.huMin = lo;
    c.segmentation.huMax = hi;
  };
  auto resolved = [](const CaseFile& c) {
    SegmentationParams s = c.segmentation;
    try {
      segment::resolveThresholds(s);
    } catch (const Error&) {
    }
    return s;
  };
  bind(huMin_, "bone HU min", [=](const CaseFile& c) { return resolved(c).huMin; },
       [=](CaseFile& c, int v) { custom(c, v, resolved(c).huMax); });
  bind(huMax_, "bone HU max", [=](const CaseFile& c) { return resolved(c).huMax; },
       [=](CaseFile& c, int v) { custom(c, resolved(c).huMin, v); });
  form->addRow("Bone from", huMin_);
  form->addRow("Bone to", huMax_);
  metal_ = bind(intBox(this, 500, 30000, 100, " HU", "metal hu"), "metal threshold",
                [](const CaseFile& c) { return c.segmentation.metalHu; }, [](CaseFile& c, int v) { c.segmentation.metalHu = v; });
  form->addRow("Metal from", metal_);
  margin_ = bind(doubleBox(this, 0, 10, 0.5, 1, " mm", "margin"), "metal margin",
                 [](const CaseFile& c) { return c.segmentation.marginMm; }, [](CaseFile& c, double v) { c.segmentation.marginMm = v; });
  form->addRow("Margin around metal", margin_);
  components_ = new QComboBox(this);
  components_->setObjectName("components");
  components_->addItems({"all", "largest", "seed"});
  components_->setToolTip("all: every bone piece over the minimum size; largest; seed: the one picked by Ctrl+click on a slice");
  connect(components_, &QComboBox::currentTextChanged, this, [this](const QString& t) {
    edit("bone components", [&](CaseFile& c) {
      c.segmentation.components = t.toStdString();
      if (t == "seed" && !c.segmentation.seedLps) c.segmentation.components = "all";  // pick one first
    });
  });
  form->addRow("Keep bone", components_);
  v->addLayout(form);
  histogram_ = new HistogramWidget(this);
  connect(histogram_, &HistogramWidget::rangeEdited, this, &SegmentationPanel::thresholdEditing);
  connect(histogram_, &HistogramWidget::rangeCommitted, this, [this](int lo, int hi) {
    setThresholds(lo, hi);
    emit thresholdEditDone();
  });
  v->addWidget(histogram_);
  auto* pickHint = new QLabel("Ctrl+click on a slice keeps only the bone piece there.", this);
  pickHint->setWordWrap(true);
  v->addWidget(pickHint);
  auto* legend = new QLabel("<span style='color:#ebc83c'>■</span> bone  <span style='color:#e62846'>■</span> old implant and "
                            "the margin removed  <span style='color:#40ff50'>■</span> range being edited", this);
  legend->setWordWrap(true);
  v->addWidget(legend);
  auto* run = new QPushButton("Segment", this);
  run->setObjectName("run segment");
  connect(run, &QPushButton::clicked, this, [this] { emit runRequested("segment"); });
  v->addWidget(run);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  v->addWidget(status_);
  v->addStretch(1);
}

void SegmentationPanel::setThresholds(int lo, int hi) {
  edit("bone thresholds", [&](CaseFile& c) {
    c.segmentation.preset = "custom";
    c.segmentation.huMin = lo;
    c.segmentation.huMax = hi;
  });
}

void SegmentationPanel::refresh() {
  refreshBound();
  const auto& s = doc_.caseFile().segmentation;
  {
    const QSignalBlocker b(preset_);
    preset_->setCurrentText(QString::fromStdString(s.preset));
    const QSignalBlocker c(components_);
    components_->setCurrentText(QString::fromStdString(s.components));
  }
  histogram_->setRange(huMin_->value(), huMax_->value(), s.metalHu);
}

}  // namespace tantalus::gui
