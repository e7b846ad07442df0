#include "support/test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace tantalus::test {

fs::path sharedData() { return fs::path(TANTALUS_SHARED_DATA); }
fs::path sourceDir() { return fs::path(TANTALUS_SOURCE_DIR); }

bool sharedDataAvailable() { return fs::exists(sharedData() / "totalsegmentator-example" / "example_ct.nii.gz"); }

std::string sharedDataMissing() {
  return "sample CTs not found at " + sharedData().string() +
         " — tests expect ../shared/data beside the checkout (see README)";
}

bool inCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

namespace {
// Scratch folders of this process, removed at exit unless TANTALUS_KEEP_TEST_OUTPUT is set.
std::vector<fs::path>& scratchFolders() {
  static std::vector<fs::path> dirs;
  return dirs;
}
void removeScratchFolders() {
  const char* keep = std::getenv("TANTALUS_KEEP_TEST_OUTPUT");
  if (keep && *keep && std::string(keep) != "0") return;
  for (const auto& d : scratchFolders()) {
    std::error_code ec;
    fs::remove_all(d, ec);
  }
}
}  // namespace

fs::path scratchDir(const std::string& name) {
  const fs::path root = fs::temp_directory_path() / "tantalus-tests";
  const fs::path dir = root / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The list is constructed before the handler is registered, so it outlives the handler
  // (objects constructed after an atexit registration are destroyed before it runs).
  auto& folders = scratchFolders();
  static const bool registered = (std::atexit(removeScratchFolders), true);
  (void)registered;
  folders.push_back(dir);
  return dir;
}

fs::path cliPath() { return fs::path(TANTALUS_CLI_PATH); }

CliResult runShell(const std::string& command) {
  static int counter = 0;
  const fs::path errFile = fs::temp_directory_path() / ("tantalus-stderr-" + std::to_string(::getpid()) + "-" +
                                                         std::to_string(counter++));
  CliResult r;
  const std::string full = command + " 2>" + errFile.string();
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream e(errFile);
  std::stringstream ss;
  ss << e.rdbuf();
  r.err = ss.str();
  fs::remove(errFile);
  return r;
}

CliResult runCli(const std::string& args) { return runShell(cliPath().string() + " " + args); }

}  // namespace tantalus::test

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

namespace tantalus::test {

CliProcess startCli(const std::vector<std::string>& args, long long fileSizeLimitBytes) {
  static int counter = 0;
  CliProcess p;
  const std::string stem = "tantalus-child-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  p.outFile = fs::temp_directory_path() / (stem + ".out");
  p.errFile = fs::temp_directory_path() / (stem + ".err");
  const std::string cli = cliPath().string();
  std::vector<std::string> argv{cli};
  argv.insert(argv.end(), args.begin(), args.end());
  p.pid = ::fork();
  if (p.pid == 0) {
    const int out = ::open(p.outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(p.errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (fileSizeLimitBytes >= 0) {
      rlimit l{rlim_t(fileSizeLimitBytes), rlim_t(fileSizeLimitBytes)};
      ::setrlimit(RLIMIT_FSIZE, &l);
      ::signal(SIGXFSZ, SIG_IGN);
    }
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    ::execv(cli.c_str(), cargs.data());
    ::_exit(127);
  }
  return p;
}

CliResult finish(const CliProcess& p) {
  CliResult r;
  int status = 0;
  ::waitpid(p.pid, &status, 0);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const fs::path& f) {
    std::ifstream in(f);
    std::stringstream ss;
    ss << in.rdbuf();
    std::error_code ec;
    fs::remove(f, ec);
    return ss.str();
  };
  r.out = slurp(p.outFile);
  r.err = slurp(p.errFile);
  return r;
}

CliResult runCliWithFileSizeLimit(const std::vector<std::string>& args, long long bytes) {
  return finish(startCli(args, bytes));
}

}  // namespace tantalus::test

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tantalus::test {

void recordFigure(const std::string& key, double value, const std::string& unit) {
  std::printf("[figure] %s = %.6g %s\n", key.c_str(), value, unit.c_str());
  const char* dir = std::getenv("TANTALUS_FIGURES");
  if (!dir || !*dir) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const nlohmann::json j = {{"key", key}, {"value", value}, {"unit", unit},
                            {"test", info ? std::string(info->test_suite_name()) + "." + info->name() : ""}};
  std::ofstream(fs::path(dir) / ("figures-" + std::to_string(::getpid()) + ".jsonl"), std::ios::app) << j.dump() << "\n";
}

}  // namespace tantalus::test
