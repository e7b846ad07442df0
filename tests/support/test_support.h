#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tantalus::test {

// ../shared/data beside the checkout. Missing: the test fails under CI=true
// (CI must have it) and is skipped with a loud message elsewhere.
std::filesystem::path sharedData();
// The checkout (examples/, resources/).
std::filesystem::path sourceDir();
#define TANTALUS_REQUIRE_SHARED_DATA()                                  \
  do {                                                                  \
    if (!::tantalus::test::sharedDataAvailable()) {                     \
      if (::tantalus::test::inCi()) FAIL() << ::tantalus::test::sharedDataMissing(); \
      GTEST_SKIP() << ::tantalus::test::sharedDataMissing();            \
    }                                                                   \
  } while (0)
bool sharedDataAvailable();
std::string sharedDataMissing();
bool inCi();

// A fresh empty folder under the build tree's test scratch area, removed at exit
// of the process unless TANTALUS_KEEP_TEST_OUTPUT is set.
std::filesystem::path scratchDir(const std::string& name);

// Path of the built `tantalus` CLI, and a runner capturing its exit code and output.
std::filesystem::path cliPath();
struct CliResult {
  int exitCode = -1;
  std::string out, err;
};
CliResult runCli(const std::string& args);
// Runs any shell command, capturing stdout+stderr.
CliResult runShell(const std::string& command);

}  // namespace tantalus::test

namespace tantalus::test {

// The CLI as a child process (argv split on spaces; stdout and stderr go to files
// read back by finish()), optionally with a file-size limit (RLIMIT_FSIZE: writes
// past it fail with EFBIG, as on a full disk).
struct CliProcess {
  int pid = -1;
  std::filesystem::path outFile, errFile;
};
CliProcess startCli(const std::vector<std::string>& args, long long fileSizeLimitBytes = -1);
CliResult finish(const CliProcess& p);
CliResult runCliWithFileSizeLimit(const std::vector<std::string>& args, long long bytes);

}  // namespace tantalus::test

namespace tantalus::test {

// A figure the docs quote (docs/benchmarks.md, docs/lattice.md): printed as
// "[figure] key = value unit" and, when TANTALUS_FIGURES names a folder (make
// figures), appended there as a JSON line with the test's name, so
// scripts/figures.py can regenerate the tables from what the code measured.
void recordFigure(const std::string& key, double value, const std::string& unit = "");

}  // namespace tantalus::test
