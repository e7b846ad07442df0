#pragma once
// fn(state, 0..n-1) on every core (the calling thread works too), with one
// default-constructed State per worker (e.g. a reusable decode buffer that is
// freed when the loop ends). The first exception stops the rest and is rethrown;
// a cancelled Progress throws Cancelled. A thread that cannot be started leaves
// the work to the ones that were.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "tantalus/core/error.h"
#include "tantalus/core/progress.h"

namespace tantalus::io::detail {

template <class State, class Fn>
void parallelForWithState(std::size_t n, const Progress& progress, Fn fn) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex m;
  auto work = [&] {
    State state{};
    for (std::size_t k; (k = next++) < n;) {
      try {
        if (progress.cancelled()) throw Cancelled();
        fn(state, k);
      } catch (...) {
        std::lock_guard<std::mutex> l(m);
        if (!error) error = std::current_exception();
        next = n;
      }
    }
  };
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;
    }
  }
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

template <class Fn>
void parallelFor(std::size_t n, const Progress& progress, Fn fn) {
  struct None {};
  parallelForWithState<None>(n, progress, [&](None&, std::size_t k) { fn(k); });
}

}  // namespace tantalus::io::detail
