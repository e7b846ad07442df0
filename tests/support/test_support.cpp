#include "support/test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace tantalus::test {

fs::path sharedData() { return fs::path(TANTALUS_SHARED_DATA); }

bool sharedDataAvailable() { return fs::exists(sharedData() / "totalsegmentator-example" / "example_ct.nii.gz"); }

std::string sharedDataMissing() {
  return "sample CTs not found at " + sharedData().string() +
         " — tests expect ../shared/data beside the checkout (see README)";
}

bool inCi() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

fs::path scratchDir(const std::string& name) {
  const fs::path root = fs::temp_directory_path() / "tantalus-tests";
  const fs::path dir = root / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
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
