#include "gui/model/case_document.h"

#include <limits>

#include "tantalus/core/error.h"
#include "tantalus/pipeline/case_setup.h"

namespace fs = std::filesystem;

namespace tantalus::gui {

namespace {
constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
}

void CaseDocument::reset(CaseFile c, fs::path path, bool dirty) {
  mergeOpen_ = false;
  case_ = std::move(c);
  path_ = std::move(path);
  loaded_ = true;
  commands_.clear();
  index_ = 0;
  savedIndex_ = dirty ? kNever : 0;
  contentChanged();
}

void CaseDocument::contentChanged() {
  ++revision_;
  changed.notify();
  stateChanged.notify();
}

void CaseDocument::newForCt(const fs::path& ct) { reset(pipeline::newCase(ct), {}, true); }

void CaseDocument::open(const fs::path& caseFile) {
  CaseFile c = loadCaseFile(caseFile);
  reset(std::move(c), fs::absolute(caseFile), false);
}

void CaseDocument::restore(const CaseFile& c, const fs::path& path) { reset(c, path, true); }

void CaseDocument::save() {
  if (path_.empty()) throw Error("the case has no file yet", "untitled case", "use Save As to choose one");
  saveAs(path_);
}

void CaseDocument::saveAs(const fs::path& file) {
  const fs::path target = fs::absolute(file);
  // Into another folder, a relative input path is made absolute so it keeps meaning the
  // same CT (in the undo history too); in the same folder the case is written as it is.
  const fs::path from = caseDir();
  const bool moved = fs::weakly_canonical(target.parent_path()) != fs::weakly_canonical(from);
  auto rebase = [&](CaseFile& c) {
    if (moved && !c.inputPath.empty() && fs::path(c.inputPath).is_relative())
      c.inputPath = fs::weakly_canonical(from / c.inputPath).string();
  };
  CaseFile c = case_;
  rebase(c);
  saveCaseFile(target, c);
  const bool changedContent = !(c == case_);
  case_ = std::move(c);
  for (auto& cmd : commands_) {
    rebase(cmd.before);
    rebase(cmd.after);
  }
  path_ = target;
  savedIndex_ = index_;
  mergeOpen_ = false;
  if (changedContent) ++revision_, changed.notify();
  stateChanged.notify();
}

fs::path CaseDocument::caseDir() const { return path_.empty() ? fs::current_path() : path_.parent_path(); }

std::string CaseDocument::title() const { return path_.empty() ? std::string("untitled") : path_.filename().string(); }

void CaseDocument::edit(const std::string& label, const std::function<void(CaseFile&)>& change, const std::string& mergeKey) {
  if (!loaded_) throw Error("no case is open", label, "open a CT or a case file first");
  CaseFile next = case_;
  change(next);
  // The file's own reader is the judge: what it would refuse is refused here.
  next = parseCaseJson(toCaseJson(next), label);
  if (next == case_) return;
  commands_.resize(index_);  // an edit after undo drops the redo branch
  const auto now = std::chrono::steady_clock::now();
  const bool merge = mergeOpen_ && !mergeKey.empty() && index_ > 0 && index_ != savedIndex_ &&
                     commands_.back().mergeKey == mergeKey && std::chrono::duration<double>(now - lastEdit_).count() <= kMergeSeconds;
  mergeOpen_ = true;
  lastEdit_ = now;
  if (merge) {
    commands_.back().after = next;
  } else {
    if (savedIndex_ != kNever && savedIndex_ > index_) savedIndex_ = kNever;
    commands_.push_back({label, mergeKey, case_, next});
    ++index_;
  }
  case_ = std::move(next);
  contentChanged();
}

void CaseDocument::setChoices(const std::vector<CaseChoice>& choices) {
  if (case_.choices == choices) return;
  case_.choices = choices;
  for (auto& c : commands_) c.after.choices = c.before.choices = choices;  // not an edit: undo keeps them
  stateChanged.notify();
}

void CaseDocument::undo() {
  if (!canUndo()) return;
  mergeOpen_ = false;
  --index_;
  case_ = commands_[index_].before;
  contentChanged();
}

void CaseDocument::redo() {
  if (!canRedo()) return;
  mergeOpen_ = false;
  case_ = commands_[index_].after;
  ++index_;
  contentChanged();
}

}  // namespace tantalus::gui
