#include "tantalus/core/progress.h"

#include <algorithm>

#include "tantalus/core/error.h"
#include "tantalus/core/interrupt.h"

namespace tantalus {

Progress Progress::sub(double from, double to) const {
  Progress p = *this;
  p.from_ = from_ + (to_ - from_) * from;
  p.to_ = from_ + (to_ - from_) * to;
  return p;
}

void Progress::report(double fraction, const std::string& message) const {
  check();
  if (state_->callback)
    state_->callback(from_ + (to_ - from_) * std::clamp(fraction, 0.0, 1.0), message);
}

void Progress::check() const {
  if (cancelled()) throw Cancelled();
}

// A signal (SIGINT, SIGTERM, SIGHUP) cancels every Progress of the process.
bool Progress::cancelled() const { return state_->cancelled || interruptSignal() != 0; }

Progress& Progress::none() {
  static thread_local Progress p;
  return p;
}

}  // namespace tantalus
