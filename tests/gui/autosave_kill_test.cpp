// Autosave under a real crash: a child process (this test binary, one test) opens a
// case, edits the plan and is killed with SIGKILL; the window opened again offers the
// autosave and restores the plan exactly, and the plan runs from it.
#include <gtest/gtest.h>

#include <QDoubleSpinBox>
#include <QTest>
#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include "gui/model/autosave.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/pipeline/case_setup.h"
#include "window_support.h"

extern char** environ;
namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;

// The child's part: only with TANTALUS_AUTOSAVE_CHILD set (by the test below).
TEST(AutosaveChild, EditsThePlanAndWaitsToBeKilled) {
  const char* caseFile = std::getenv("TANTALUS_AUTOSAVE_CHILD");
  if (!caseFile) GTEST_SKIP() << "run by AutosaveRecovery in a child process";
  MainWindow w;
  w.setRecoveryPolicy(MainWindow::Policy::no);
  w.show();
  ASSERT_TRUE(w.openPath(caseFile));
  ASSERT_TRUE(test::waitForJob(w, 120000));
  w.findChild<QDoubleSpinBox*>("shift lateral")->setValue(-3);
  w.findChild<QDoubleSpinBox*>("inclination")->setValue(47);
  for (;;) QTest::qWait(50);  // autosaving every 100 ms until the parent kills it
}

TEST(AutosaveRecovery, APlanEditSurvivesAKillAndIsRestoredExactly) {
  const fs::path dir = test::scratchDir("autosave-kill");
  setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  setenv("TANTALUS_RECOVERY_DIR", (dir / "recovery").c_str(), 1);
  const fs::path caseFile = dir / "hip.tantalus.json";
  saveCaseFile(caseFile, pipeline::newCase(test::cachedPhantom("design-default", {}) / "dicom"));

  setenv("TANTALUS_AUTOSAVE_MS", "100", 1);
  setenv("TANTALUS_AUTOSAVE_CHILD", caseFile.c_str(), 1);
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const char* argv[] = {self.c_str(), "--gtest_filter=AutosaveChild.*", nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, self.c_str(), nullptr, nullptr, const_cast<char**>(argv), environ), 0);
  unsetenv("TANTALUS_AUTOSAVE_CHILD");
  // Until its autosave holds both edits (at most 2 minutes), then kill it.
  bool saved = false;
  for (int i = 0; i < 1200 && !saved; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const auto r = findRecovery(recoveryKeyForCase(caseFile));
    saved = r && r->caseFile.plan.cupShift.lateralMm == -3 && r->caseFile.plan.inclinationDeg == 47;
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(saved) << "the child never autosaved its edits";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_EQ(loadCaseFile(caseFile).plan.cupShift.lateralMm, 0);  // the case file itself was never saved

  MainWindow w;
  w.setRecoveryPolicy(MainWindow::Policy::yes);
  w.setClosePolicy(MainWindow::Policy::no);
  w.show();
  ASSERT_TRUE(w.openPath(QString::fromStdString(caseFile.string())));
  EXPECT_TRUE(w.document().dirty());
  EXPECT_EQ(w.document().caseFile().plan.cupShift.lateralMm, -3);
  EXPECT_EQ(w.document().caseFile().plan.inclinationDeg, 47);
  EXPECT_EQ(w.findChild<QDoubleSpinBox*>("shift lateral")->value(), -3);
  ASSERT_TRUE(test::waitForJob(w, 120000));
  w.runStep("plan");
  ASSERT_TRUE(test::waitForJob(w, 300000));
  ASSERT_EQ(w.lastStatus(), JobResult::Status::done) << w.lastError().toStdString();
  EXPECT_NEAR(w.products().planned->cup.fromNative.lateralMm, -3, 1e-6);
  EXPECT_NEAR(w.products().planned->cup.app.inclinationDeg, 47, 1e-9);
  unsetenv("TANTALUS_AUTOSAVE_MS");
}
