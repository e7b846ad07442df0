#pragma once
// The case being edited: the case file, where it is saved, and its undo history.
// Every change goes through edit() as one named command, validated by the case
// file's own rules (a value the file would refuse is refused here, with the same
// message), so the GUI can never hold a case the CLI would not run.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "gui/model/observable.h"
#include "tantalus/core/case_file.h"

namespace tantalus::gui {

class CaseDocument {
public:
  void newForCt(const std::filesystem::path& ct);            // untitled, every default
  void open(const std::filesystem::path& caseFile);          // throws Error
  // A case recovered from an autosave: its content, under its own path (or untitled), unsaved.
  void restore(const CaseFile& c, const std::filesystem::path& path);
  void save();                                               // throws Error (untitled: use saveAs)
  void saveAs(const std::filesystem::path& file);            // throws Error

  bool loaded() const { return loaded_; }
  const CaseFile& caseFile() const { return case_; }
  const std::filesystem::path& path() const { return path_; }  // empty: untitled
  std::filesystem::path caseDir() const;                      // where relative paths resolve
  std::string title() const;                                  // file name, or "untitled"
  bool dirty() const { return index_ != savedIndex_; }
  std::uint64_t revision() const { return revision_; }        // counts every change of content

  // Applies `change` to a copy, validates it, and pushes it as one undoable command;
  // throws Error, leaving the case as it was. Edits with the same non-empty `mergeKey`
  // in a row (a spin box held down, a handle dragged) merge into one command, while no more
  // than `kMergeSeconds` apart and until closeMerge().
  void edit(const std::string& label, const std::function<void(CaseFile&)>& change, const std::string& mergeKey = {});
  void closeMerge() { mergeOpen_ = false; }  // the next edit is a command of its own (a step ran)
  static constexpr double kMergeSeconds = 1.5;
  // Replaces the case without an undo step (the steps' choices written back).
  void setChoices(const std::vector<CaseChoice>& choices);

  bool canUndo() const { return index_ > 0; }
  bool canRedo() const { return index_ < commands_.size(); }
  std::string undoLabel() const { return canUndo() ? commands_[index_ - 1].label : std::string(); }
  std::string redoLabel() const { return canRedo() ? commands_[index_].label : std::string(); }
  void undo();
  void redo();

  Signal<> changed;       // the case's content (edit, undo, redo, open)
  Signal<> stateChanged;  // path, dirty or undo state

private:
  struct Command {
    std::string label, mergeKey;
    CaseFile before, after;
  };
  void reset(CaseFile c, std::filesystem::path path, bool dirty);
  void contentChanged();

  CaseFile case_;
  std::filesystem::path path_;
  bool loaded_ = false;
  std::vector<Command> commands_;
  std::size_t index_ = 0;                      // commands applied
  std::size_t savedIndex_ = 0;                 // index_ when saved; SIZE_MAX: never matches
  std::uint64_t revision_ = 0;
  bool mergeOpen_ = false;
  std::chrono::steady_clock::time_point lastEdit_{};
};

}  // namespace tantalus::gui
