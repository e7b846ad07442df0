#pragma once
// Whole processes for the benchmarks that compare programs (spawn to exit, each
// child's own peak RSS from wait4), a median, and the phantom series they run on.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/io/phantom.h"

extern char** environ;

namespace tantalus::bench {

struct Run {
  double seconds = 0, peakMiB = 0;
  int status = -1;
};

// Runs argv[0] (searched on PATH) with stdout and stderr to /dev/null.
inline Run runProcess(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  Run r;
  pid_t pid = 0;
  const auto t0 = std::chrono::steady_clock::now();
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) return r;
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.peakMiB = double(ru.ru_maxrss) / 1024.0;
  r.status = status;
  posix_spawn_file_actions_destroy(&fa);
  return r;
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

inline void emptyDir(const std::filesystem::path& d) {
  for (const auto& e : std::filesystem::directory_iterator(d)) std::filesystem::remove_all(e.path());
}

// The phantom series written once per options (keyed), under the temp folder.
inline std::filesystem::path phantomSeries(const io::PhantomOptions& o) {
  const auto d = std::filesystem::temp_directory_path() / "tantalus-bench" / ("phantom-" + io::phantomKey(o));
  if (!std::filesystem::exists(d / "truth.json")) {
    std::filesystem::remove_all(d);
    io::writePhantom(d, o);
  }
  return d;
}

}  // namespace tantalus::bench
