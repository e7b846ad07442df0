#include "support/phantom_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace tantalus::test {

std::vector<double> twoStepPositions(double startMm, int count, int switchAt, double gapMm, double laterGapMm) {
  std::vector<double> z;
  double pos = startMm;
  for (int k = 0; k < count; ++k) {
    z.push_back(pos);
    pos += k < switchAt ? gapMm : laterGapMm;
  }
  return z;
}

io::PhantomOptions smallPhantomOptions() {
  io::PhantomOptions o;
  o.matrix = 256;
  o.pixelMm = 1.6;
  o.slices = 125;
  o.sliceMm = 2.0;
  return o;
}

fs::path cachedPhantom(const std::string& name, const io::PhantomOptions& options) {
  const fs::path root = fs::temp_directory_path() / "tantalus-test-cache";
  fs::create_directories(root);
  // Keyed on every option and the generator version: a plain `ctest` never tests a
  // stale phantom written by an older generator or with other options.
  const std::string key = name + "-" + io::phantomKey(options);
  const fs::path dir = root / key;
  const int fd = ::open((root / (key + ".lock")).c_str(), O_CREAT | O_RDWR, 0644);
  ::flock(fd, LOCK_EX);
  if (!fs::exists(dir / "truth.json")) {
    fs::remove_all(dir);
    io::writePhantom(dir, options);
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  return dir;
}

}  // namespace tantalus::test
