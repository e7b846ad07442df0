#include "gui/model/worker_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace tantalus::gui {

void lowerThisThreadsPriority() {
  // Linux: a thread's nice value is per thread (setpriority on its tid).
  const int tid = int(syscall(SYS_gettid));
  (void)setpriority(PRIO_PROCESS, id_t(tid), 10);
}

void startNicedThreadPool() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::thread t([] {
      lowerThisThreadsPriority();
      // Enough work that every worker thread of the pool is created here.
      std::atomic<long> sink{0};
      tbb::parallel_for(0, 1 << 16, [&](int i) { sink += i & 1; });
    });
    t.join();
  });
}

}  // namespace tantalus::gui
