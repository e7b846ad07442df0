#pragma once
// Autosave and crash recovery. While a case has unsaved changes its current content
// is written (atomically) to a recovery file named after the case; a clean save or
// close removes it. After a crash or a kill the file is still there, and opening the
// same case (or CT, for an untitled one) offers it back.
//
// Recovery files live in $TANTALUS_RECOVERY_DIR, else $XDG_STATE_HOME/tantalus/recovery,
// else ~/.local/state/tantalus/recovery. Each holds {"recovery_of", "case_path",
// "written", "case"}: the case exactly as the case file would hold it.
#include <filesystem>
#include <optional>
#include <string>

#include "gui/model/case_document.h"

namespace tantalus::gui {

std::filesystem::path recoveryDir();
// What a recovery file is keyed by: the case file's absolute path, or for an untitled
// case "untitled:" and its CT.
std::string recoveryKey(const CaseDocument& doc);
std::string recoveryKeyForCase(const std::filesystem::path& caseFile);
std::string recoveryKeyForCt(const std::filesystem::path& ct);

struct Recovered {
  CaseFile caseFile;
  std::filesystem::path casePath;  // empty: it was untitled
  std::string written;             // when, UTC ISO 8601
  std::filesystem::path file;      // the recovery file
};

// Writes the document's case to its recovery file; throws Error when it cannot.
void writeRecovery(const CaseDocument& doc);
// The recovery file for `key`, when one exists and reads (a damaged one is ignored).
std::optional<Recovered> findRecovery(const std::string& key);
// The most recent recovery file of any case (startup without a file named).
std::optional<Recovered> newestRecovery();
void discardRecovery(const std::string& key);

}  // namespace tantalus::gui
