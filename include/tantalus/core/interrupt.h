#pragma once
// SIGINT, SIGTERM and SIGHUP: stop, clean up, exit 130 / 143 / 129.
//
// The handler only records the signal (async-signal-safe); every Progress then
// reports cancel, so the running step throws Cancelled at its next check and
// unwinds, and the destructors of AtomicFile / staged outputs remove their
// temporaries. Where a step cannot be interrupted (inside a library call), a
// watchdog thread removes every registered temporary after a grace period (or
// at a second signal) and ends the process with the same exit code.
// After SIGKILL nothing can run: outputs appear under their final names only by
// rename, so what is left are hidden temporaries (".name.part-PID-…"), which the
// next run into the same folder removes.
#include <filesystem>

namespace tantalus {

// Installs the handlers and the watchdog (once per process; the CLI's main).
void installInterruptHandlers(double graceSeconds = 2.0);
// The signal received (SIGINT, SIGTERM, SIGHUP) or 0.
int interruptSignal();
// 128 + signal, the shell convention: 130, 143, 129 (130 for a cancel without signal).
int interruptExitCode();

// Registers a temporary file or folder for the watchdog while it exists.
class TemporaryPath {
public:
  TemporaryPath() = default;
  explicit TemporaryPath(std::filesystem::path p);
  ~TemporaryPath();
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Renames the temporary to `target` and forgets it, atomically with respect to
  // the watchdog: it either removes the temporary first or never sees it again.
  void commitTo(const std::filesystem::path& target, std::error_code& ec);
  // Forgets it without touching the file (already moved or removed).
  void release();

private:
  std::filesystem::path path_;
  bool registered_ = false;
};

}  // namespace tantalus
