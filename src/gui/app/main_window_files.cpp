// The window's files: open (case, CT file, DICOM folder, drag and drop, recent),
// save / save as, autosave and recovery, and the prompt on closing unsaved work.
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QTimer>

#include "gui/app/main_window.h"
#include "gui/app/scene_view.h"
#include "gui/app/series_dialog.h"
#include "gui/model/autosave.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::gui {

namespace {
bool isCaseFile(const QString& p) { return p.endsWith(".tantalus.json") || p.endsWith(".json"); }
}  // namespace

bool MainWindow::openPath(const QString& path, const std::string& series) {
  if (!maybeSave()) return false;
  if (jobs_->busy()) jobs_->cancelAndWait();  // its result will be for the case being closed
  std::string key;
  try {
    const fs::path p = fs::absolute(path.toStdString());
    if (!fs::exists(p)) throw Error("no such file or folder", p.string(), "check the path");
    if (isCaseFile(path)) {
      doc_.open(p);
      key = recoveryKeyForCase(p);
    } else {
      doc_.newForCt(p);
      if (!series.empty()) doc_.edit("series", [&](CaseFile& c) { c.series = series; });
      key = recoveryKeyForCt(p);
    }
  } catch (const Error& e) {
    showError(QString::fromStdString(e.what()));
    return false;
  }
  ++generation_;
  offerRecovery(key);
  products_ = {};
  shownCtKey_.clear();
  cursorOnCup_ = false;
  exported_.reset();
  measurement_.clear();
  warnings_->clear();
  scene_->setScene(nullptr);
  showProducts();  // nothing of the previous case stays on screen
  addRecent(path);
  startJob("Opening", "latest");
  return true;
}

bool MainWindow::offerRecovery(const std::string& key) {
  const auto r = findRecovery(key);
  if (!r) return false;
  if (recoveryPolicy_ == Policy::keep) return false;
  bool restore = recoveryPolicy_ == Policy::yes;
  if (recoveryPolicy_ == Policy::ask)
    restore = QMessageBox::question(this, "Recover unsaved changes?",
                                    QString("Tantalus was closed with unsaved changes to this case (autosaved %1). Restore them?")
                                        .arg(QString::fromStdString(r->written))) == QMessageBox::Yes;
  if (!restore) {
    discardRecovery(key);
    return false;
  }
  doc_.restore(r->caseFile, r->casePath);
  message_->setText("restored the autosave of " + QString::fromStdString(r->written));
  return true;
}

void MainWindow::openDialog(bool dicomFolder) {
  if (dicomFolder) {
    const QString folder = QFileDialog::getExistingDirectory(this, "Open a DICOM folder");
    if (folder.isEmpty()) return;
    SeriesDialog browser(folder, this);
    if (browser.exec() != QDialog::Accepted) return;
    openPath(folder, browser.chosenUid());
    return;
  }
  const QString p = QFileDialog::getOpenFileName(this, "Open a case or a CT", QString(),
                                                 "Cases and CTs (*.tantalus.json *.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)");
  if (!p.isEmpty()) openPath(p);
}

bool MainWindow::saveCase(bool as) {
  if (!doc_.loaded()) return false;
  fs::path target = doc_.path();
  if (as || target.empty()) {
    const QString f = QFileDialog::getSaveFileName(this, "Save the case", QString(), "Tantalus cases (*.tantalus.json)");
    if (f.isEmpty()) return false;
    target = f.endsWith(".tantalus.json") ? f.toStdString() : (f + ".tantalus.json").toStdString();
  }
  const std::string before = recoveryKey(doc_);
  try {
    doc_.saveAs(target);
  } catch (const Error& e) {
    showError(QString::fromStdString(e.what()));
    return false;
  }
  discardRecovery(before);
  discardRecovery(recoveryKey(doc_));
  addRecent(QString::fromStdString(doc_.path().string()));
  message_->setText("saved " + QString::fromStdString(doc_.path().string()));
  return true;
}

void MainWindow::autosaveNow() {
  if (doc_.loaded() && !doc_.dirty()) {  // back to the saved state (undo): nothing to recover
    if (autosavedRevision_) discardRecovery(recoveryKey(doc_));
    autosavedRevision_ = 0;
    return;
  }
  if (!doc_.loaded() || doc_.revision() == autosavedRevision_) return;
  try {
    writeRecovery(doc_);
    autosavedRevision_ = doc_.revision();
  } catch (const Error& e) {
    message_->setText("autosave failed: " + QString::fromStdString(e.what()));
  }
}

bool MainWindow::maybeSave() {
  if (!doc_.loaded() || !doc_.dirty()) return true;
  Policy p = closePolicy_;
  if (p == Policy::keep) return true;  // a scripted run: the recovery file stays for the user
  if (p == Policy::ask) {
    const auto b = QMessageBox::question(this, "Unsaved changes",
                                         "The case " + QString::fromStdString(doc_.title()) + " has unsaved changes. Save them?",
                                         QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (b == QMessageBox::Cancel) return false;
    p = b == QMessageBox::Save ? Policy::yes : Policy::no;
  }
  if (p == Policy::yes) return saveCase(false);
  discardRecovery(recoveryKey(doc_));
  return true;
}

void MainWindow::closeEvent(QCloseEvent* e) {
  if (!maybeSave()) {
    e->ignore();
    return;
  }
  autosave_->stop();
  jobs_->shutdown();
  if (doc_.loaded() && !doc_.dirty()) discardRecovery(recoveryKey(doc_));
  e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  const auto urls = e->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) openPath(urls.first().toLocalFile());
}

void MainWindow::addRecent(const QString& path) {
  QSettings s("tantalus", "tantalus-gui");
  QStringList r = s.value("recent").toStringList();
  const QString abs = QString::fromStdString(fs::absolute(path.toStdString()).string());
  r.removeAll(abs);
  r.prepend(abs);
  while (r.size() > 8) r.removeLast();
  s.setValue("recent", r);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList r = QSettings("tantalus", "tantalus-gui").value("recent").toStringList();
  for (const QString& p : r) recentMenu_->addAction(p, this, [this, p] { openPath(p); });
  recentMenu_->setEnabled(!r.isEmpty());
}

void MainWindow::updateTitle() {
  const QString t = doc_.loaded() ? QString::fromStdString(doc_.title()) + (doc_.dirty() ? " *" : "") : "no case";
  setWindowTitle(t + " — Tantalus");
  if (undo_) {
    undo_->setEnabled(doc_.canUndo());
    undo_->setText(doc_.canUndo() ? "&Undo " + QString::fromStdString(doc_.undoLabel()) : "&Undo");
    redo_->setEnabled(doc_.canRedo());
    redo_->setText(doc_.canRedo() ? "&Redo " + QString::fromStdString(doc_.redoLabel()) : "&Redo");
  }
}

}  // namespace tantalus::gui
