// The GUI's case model without a window: undoable, validated edits, save state,
// autosave and recovery files.
#include <gtest/gtest.h>

#include <fstream>

#include "gui/model/autosave.h"
#include "gui/model/case_document.h"
#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;

namespace {
CaseDocument docFor(const fs::path& dir) {
  CaseDocument d;
  d.newForCt(dir / "ct.nii.gz");
  return d;
}
}  // namespace

TEST(CaseDocument, UndoAndRedoRoundTripAPlanEditExactly) {
  const fs::path dir = test::scratchDir("doc-undo");
  CaseDocument d = docFor(dir);
  const std::string before = toCaseJson(d.caseFile());
  int changes = 0;
  auto c = d.changed.connect([&] { ++changes; });
  d.edit("cup inclination", [](CaseFile& f) { f.plan.inclinationDeg = 47.5; });
  d.edit("cup shift", [](CaseFile& f) { f.plan.cupShift.superiorMm = 4; });
  const std::string after = toCaseJson(d.caseFile());
  EXPECT_EQ(d.undoLabel(), "cup shift");
  d.undo();
  d.undo();
  EXPECT_EQ(toCaseJson(d.caseFile()), before);  // byte for byte, every field
  EXPECT_FALSE(d.canUndo());
  d.redo();
  EXPECT_EQ(d.caseFile().plan.inclinationDeg, 47.5);
  EXPECT_EQ(d.caseFile().plan.cupShift.superiorMm, 0);
  d.redo();
  EXPECT_EQ(toCaseJson(d.caseFile()), after);
  EXPECT_EQ(changes, 6);
  // An edit after undo drops the redo branch.
  d.undo();
  d.edit("screws", [](CaseFile& f) { f.plan.screws = 3; });
  EXPECT_FALSE(d.canRedo());
}

TEST(CaseDocument, HeldSpinBoxEditsMergeAndARefusedValueChangesNothing) {
  CaseDocument d = docFor(test::scratchDir("doc-merge"));
  for (double a : {16.0, 17.0, 18.0, 19.0}) d.edit("anteversion", [a](CaseFile& f) { f.plan.anteversionDeg = a; }, "anteversion");
  d.edit("inclination", [](CaseFile& f) { f.plan.inclinationDeg = 45; }, "inclination");
  d.undo();
  EXPECT_EQ(d.caseFile().plan.anteversionDeg, 19);
  d.undo();
  EXPECT_EQ(d.caseFile().plan.anteversionDeg, 15);  // four steps, one command
  EXPECT_FALSE(d.canUndo());
  const std::string before = toCaseJson(d.caseFile());
  try {
    d.edit("inclination", [](CaseFile& f) { f.plan.inclinationDeg = 85; });
    FAIL() << "85° accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("inclination must be 20 to 70"), std::string::npos) << e.what();
  }
  EXPECT_EQ(toCaseJson(d.caseFile()), before);
  EXPECT_FALSE(d.canUndo());
}

TEST(CaseDocument, SavingClearsDirtyAndUndoingPastTheSaveMakesItDirtyAgain) {
  const fs::path dir = test::scratchDir("doc-save");
  writeTextFile(dir / "ct.nii.gz", "x");
  CaseDocument d = docFor(dir);
  EXPECT_TRUE(d.dirty());  // a new case is unsaved
  EXPECT_THROW(d.save(), Error);
  d.edit("cup", [](CaseFile& f) { f.plan.cupMm = 56; });
  d.saveAs(dir / "a.tantalus.json");
  EXPECT_FALSE(d.dirty());
  EXPECT_EQ(d.title(), "a.tantalus.json");
  EXPECT_EQ(loadCaseFile(dir / "a.tantalus.json").plan.cupMm, 56);
  d.undo();
  EXPECT_TRUE(d.dirty());
  d.redo();
  EXPECT_FALSE(d.dirty());
  CaseDocument e;
  e.open(dir / "a.tantalus.json");
  EXPECT_FALSE(e.dirty());
  EXPECT_TRUE(e.caseFile() == d.caseFile());
}

TEST(Autosave, ARecoveryFileBringsBackTheUnsavedCaseAndADamagedOneIsIgnored) {
  const fs::path dir = test::scratchDir("autosave");
  setenv("TANTALUS_RECOVERY_DIR", (dir / "recovery").c_str(), 1);
  writeTextFile(dir / "ct.nii.gz", "x");
  CaseDocument d = docFor(dir);
  d.saveAs(dir / "b.tantalus.json");
  d.edit("cup shift", [](CaseFile& f) { f.plan.cupShift = {3, -2, 1}; });
  writeRecovery(d);
  const auto r = findRecovery(recoveryKeyForCase(dir / "b.tantalus.json"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->caseFile == d.caseFile());
  EXPECT_EQ(r->casePath, d.path());
  EXPECT_TRUE(newestRecovery().has_value());
  EXPECT_FALSE(findRecovery(recoveryKeyForCase(dir / "other.tantalus.json")).has_value());
  // Restored: the content, under its path, unsaved.
  CaseDocument e;
  e.restore(r->caseFile, r->casePath);
  EXPECT_TRUE(e.dirty());
  EXPECT_EQ(e.caseFile().plan.cupShift.lateralMm, -2);
  writeTextFile(r->file, "{\"recovery_of\": ");
  EXPECT_FALSE(findRecovery(recoveryKeyForCase(dir / "b.tantalus.json")).has_value());
  discardRecovery(recoveryKeyForCase(dir / "b.tantalus.json"));
  EXPECT_FALSE(fs::exists(r->file));
  unsetenv("TANTALUS_RECOVERY_DIR");
}

TEST(CaseDocument, ARelativeCtPathStaysAsItIsInItsFolderAndFollowsTheCaseElsewhereUndoIncluded) {
  const fs::path dir = test::scratchDir("doc-relative");
  fs::create_directories(dir / "a" / "ct");
  writeTextFile(dir / "a" / "ct" / "scan.nii.gz", "x");
  writeTextFile(dir / "a" / "p.tantalus.json", "{\"schema\": \"tantalus.case\", \"version\": 3, \"input\": {\"path\": \"ct/scan.nii.gz\"}}");
  CaseDocument d;
  d.open(dir / "a" / "p.tantalus.json");
  d.edit("inclination", [](CaseFile& f) { f.plan.inclinationDeg = 45; });
  d.save();  // same folder: the path is written as it was
  EXPECT_EQ(d.caseFile().inputPath, "ct/scan.nii.gz");
  EXPECT_EQ(loadCaseFile(dir / "a" / "p.tantalus.json").inputPath, "ct/scan.nii.gz");
  fs::create_directories(dir / "b");
  d.saveAs(dir / "b" / "q.tantalus.json");  // elsewhere: the same CT, absolute
  const std::string abs = fs::weakly_canonical(dir / "a" / "ct" / "scan.nii.gz").string();
  EXPECT_EQ(d.caseFile().inputPath, abs);
  d.undo();  // the undone state keeps pointing at the same CT
  EXPECT_EQ(d.caseFile().inputPath, abs);
  EXPECT_EQ(d.caseFile().plan.inclinationDeg, 40);
}

TEST(CaseDocument, AStepRunBetweenTwoEditsOfOneBoxKeepsThemApart) {
  CaseDocument d = docFor(test::scratchDir("doc-close-merge"));
  d.edit("inclination", [](CaseFile& f) { f.plan.inclinationDeg = 45; }, "inclination");
  d.closeMerge();  // the plan ran with 45
  d.edit("inclination", [](CaseFile& f) { f.plan.inclinationDeg = 50; }, "inclination");
  d.undo();
  EXPECT_EQ(d.caseFile().plan.inclinationDeg, 45);
}
