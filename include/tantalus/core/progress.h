#pragma once
// Progress: a fraction and a message going up, a cancel request coming down.
// Long steps call report() often and check() at least every ~0.1 s; check()
// throws Cancelled once cancel() has been called from any thread.
#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace tantalus {

class Progress {
public:
  using Callback = std::function<void(double fraction, const std::string& message)>;

  Progress() : state_(std::make_shared<State>()) {}
  explicit Progress(Callback cb) : Progress() { state_->callback = std::move(cb); }

  // A view onto [from, to] of this progress: fractions 0..1 reported to the
  // child map onto that range of the parent. Cancel is shared.
  Progress sub(double from, double to) const;

  void report(double fraction, const std::string& message = {}) const;
  void check() const;                  // throws Cancelled
  void cancel() const { state_->cancelled = true; }
  bool cancelled() const;              // cancel() was called, or the process got SIGINT/SIGTERM/SIGHUP

  static Progress& none();             // a sink for callers that do not care

private:
  struct State {
    std::atomic<bool> cancelled{false};
    Callback callback;
  };
  std::shared_ptr<State> state_;
  double from_ = 0.0, to_ = 1.0;
};

}  // namespace tantalus
