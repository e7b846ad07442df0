#pragma once
// Peak resident memory of this process (VmHWM), for benchmark counters.
#include <cstddef>
namespace tantalus::bench {
double peakRssMiB();
void resetPeakRss();  // writes 5 to /proc/self/clear_refs where permitted
}  // namespace tantalus::bench
