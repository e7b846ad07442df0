#include "bench_support.h"

#include <fstream>
#include <string>

namespace tantalus::bench {

double peakRssMiB() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      double kb = 0;
      in >> kb;
      return kb / 1024.0;
    }
    std::getline(in, key);
  }
  return 0;
}

void resetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  if (out) out << "5";
}

}  // namespace tantalus::bench
