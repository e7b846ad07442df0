#include "tantalus/core/interrupt.h"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace tantalus {

namespace {

std::atomic<int> gSignal{0};
int gPipe[2] = {-1, -1};

std::mutex& registryMutex() {
  static std::mutex m;
  return m;
}
std::set<fs::path>& registry() {
  static std::set<fs::path> r;
  return r;
}

extern "C" void onSignal(int sig) {
  int expected = 0;
  gSignal.compare_exchange_strong(expected, sig);
  const char byte = 1;
  if (gPipe[1] >= 0) {
    const ssize_t ignored = ::write(gPipe[1], &byte, 1);
    (void)ignored;
  }
}

// Waits for the first signal, gives the main thread `grace` seconds to unwind on
// its own, then (or at a second signal) removes what is registered and exits.
void watchdog(double grace) {
  char byte;
  while (::read(gPipe[0], &byte, 1) != 1) {
  }
  pollfd p{gPipe[0], POLLIN, 0};
  ::poll(&p, 1, int(grace * 1000));
  std::lock_guard<std::mutex> lock(registryMutex());  // never released: we exit holding it
  for (const auto& path : registry()) {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::fputs("\ninterrupted: temporary files removed\n", stderr);
  std::fflush(stderr);
  ::_exit(128 + gSignal.load());
}

}  // namespace

void installInterruptHandlers(double graceSeconds) {
  static std::once_flag once;
  std::call_once(once, [graceSeconds] {
    if (::pipe(gPipe) != 0) return;
    std::thread(watchdog, graceSeconds).detach();
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &sa, nullptr);
    // A file-size limit (ulimit -f) must be a write error, not a core dump.
    std::signal(SIGXFSZ, SIG_IGN);
  });
}

int interruptSignal() { return gSignal.load(std::memory_order_relaxed); }

int interruptExitCode() {
  const int s = interruptSignal();
  return s ? 128 + s : 130;
}

TemporaryPath::TemporaryPath(fs::path p) : path_(std::move(p)) {
  std::lock_guard<std::mutex> lock(registryMutex());
  registry().insert(path_);
  registered_ = true;
}

TemporaryPath::~TemporaryPath() { release(); }

void TemporaryPath::commitTo(const fs::path& target, std::error_code& ec) {
  std::lock_guard<std::mutex> lock(registryMutex());
  fs::rename(path_, target, ec);
  if (!ec && registered_) {
    registry().erase(path_);
    registered_ = false;
  }
}

void TemporaryPath::release() {
  if (!registered_) return;
  std::lock_guard<std::mutex> lock(registryMutex());
  registry().erase(path_);
  registered_ = false;
}

}  // namespace tantalus
