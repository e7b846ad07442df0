#include "gui/app/series_dialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QImage>
#include <QPixmap>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include "gui/model/series_list.h"
#include "tantalus/core/error.h"
#include "tantalus/io/series_preview.h"

namespace tantalus::gui {

namespace {
constexpr int kThumbPx = 72;
const QStringList kColumns{"", "Description", "Modality", "Size", "Slices", "Spacing", "Warnings"};
}

SeriesDialog::SeriesDialog(const QString& folder, QWidget* parent) : QDialog(parent), scan_(std::make_shared<Progress>()) {
  setWindowTitle("Series in " + folder);
  setObjectName("series browser");
  resize(1040, 420);
  auto* v = new QVBoxLayout(this);
  status_ = new QLabel("Scanning " + folder + "…", this);
  v->addWidget(status_);
  table_ = new QTableWidget(0, int(kColumns.size()), this);
  table_->setObjectName("series table");
  table_->setHorizontalHeaderLabels(kColumns);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setIconSize(QSize(kThumbPx, kThumbPx));
  v->addWidget(table_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Open)->setEnabled(false);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  v->addWidget(buttons);

  QPointer<SeriesDialog> self(this);
  QPushButton* open = buttons->button(QDialogButtonBox::Open);
  auto progress = scan_;
  const std::string root = folder.toStdString();
  QThreadPool::globalInstance()->start([self, progress, root, open] {
    std::vector<SeriesRow> rows;
    QString error;
    io::ScanResult scan;
    try {
      scan = io::scanDicom(root, *progress);
      rows = seriesRows(scan);
    } catch (const Cancelled&) {
      return;
    } catch (const Error& e) {
      error = QString::fromStdString(e.what());
    }
    QMetaObject::invokeMethod(qApp, [self, rows = std::move(rows), error, open] {
      if (!self) return;
      if (!error.isEmpty() || rows.empty()) {
        self->status_->setText(error.isEmpty() ? "No DICOM series here: choose the folder that holds the CT's files" : error);
        return;
      }
      self->status_->setText(QString("%1 series; the automatic choice is selected").arg(rows.size()));
      self->table_->setRowCount(int(rows.size()));
      for (int i = 0; i < int(rows.size()); ++i) {
        const SeriesRow& r = rows[std::size_t(i)];
        std::string warnings;
        for (const auto& w : r.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
        const std::string cells[] = {r.automatic ? "auto" : "", r.description, r.modality, r.size, r.slices, r.spacing, warnings};
        for (int c = 0; c < int(kColumns.size()); ++c) {
          auto* item = new QTableWidgetItem(QString::fromStdString(cells[c]));
          item->setData(Qt::UserRole, QString::fromStdString(r.uid));
          if (!r.usable) item->setForeground(Qt::gray);
          else if (!r.warnings.empty() && c == 6) item->setForeground(QColor(200, 120, 0));
          self->table_->setItem(i, c, item);
        }
        if (r.automatic) self->table_->selectRow(i);
      }
      self->table_->resizeColumnsToContents();
      open->setEnabled(true);
    }, Qt::QueuedConnection);
    // Then each series' thumbnail, as it is decoded (a damaged one shows none).
    for (std::size_t i = 0; i < scan.series.size() && !progress->cancelled(); ++i) {
      Thumbnail t;
      try {
        t = thumbnail(io::middleSlice(scan.series[i]), kThumbPx);
      } catch (const std::exception&) {  // a damaged or absurd series: no thumbnail
        continue;
      }
      QImage img(t.grey.data(), t.width, t.height, t.width, QImage::Format_Grayscale8);
      QMetaObject::invokeMethod(qApp, [self, i, img = img.copy()] {
        if (self) self->setThumbnail(int(i), img);
      }, Qt::QueuedConnection);
    }
  });
}

void SeriesDialog::setThumbnail(int row, const QImage& img) {
  QTableWidgetItem* item = table_->item(row, 0);
  if (!item) return;
  item->setData(Qt::DecorationRole, QPixmap::fromImage(img));
  table_->setRowHeight(row, kThumbPx + 6);
  table_->setColumnWidth(0, std::max(table_->columnWidth(0), kThumbPx + 50));
  ++thumbnails_;
}

SeriesDialog::~SeriesDialog() { scan_->cancel(); }

std::string SeriesDialog::chosenUid() const {
  const auto rows = table_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return {};
  const QTableWidgetItem* first = table_->item(rows.first().row(), 0);
  if (!first || first->text() == "auto") return {};
  return first->data(Qt::UserRole).toString().toStdString();
}

}  // namespace tantalus::gui
