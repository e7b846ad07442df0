#include "window_support.h"

#include <QDateTime>
#include <QEventLoop>
#include <cstdio>
#include <cstdlib>

namespace tantalus::test {

bool waitForJob(gui::MainWindow& w, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (w.busy() || !w.lastStatus()) {
    QApplication::processEvents(QEventLoop::AllEvents, 20);
    if (t.elapsed() > timeoutMs) return false;
  }
  QApplication::processEvents();
  return true;
}

StallMeter::StallMeter() {
  clock_.start();
  timer_.setInterval(10);
  QObject::connect(&timer_, &QTimer::timeout, [this] {
    const qint64 now = clock_.elapsed();
    if (last_) maxGapMs_ = std::max(maxGapMs_, double(now - last_));
    if (last_ && now - last_ > 50 && std::getenv("TANTALUS_GUI_DEBUG"))
      std::fprintf(stderr, "stall %lld ms ending at %lld\n", (long long)(now - last_), (long long)QDateTime::currentMSecsSinceEpoch() % 100000);
    last_ = now;
  });
  timer_.start();
}

PixelStats pixelStats(const QImage& in) {
  const QImage img = in.convertToFormat(QImage::Format_RGB32);
  PixelStats s;
  std::set<QRgb> colours;
  double implantX = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QRgb c = img.pixel(x, y);
      const int r = qRed(c), g = qGreen(c), b = qBlue(c);
      if (colours.size() < 100000) colours.insert(c);
      ++s.pixels;
      if (r > 110 && r >= g && g > b && r - b > 25 && g - b > 12 && r - g < 40) ++s.bone;
      if (g > r + 30 && b > r + 30 && g > 90) ++s.printBody;
      if (r > 120 && r > g + 50 && r > b + 30) {
        ++s.implantTint;
        implantX += double(x) / img.width();
      }
    }
  s.distinctColours = colours.size();
  s.implantMeanX = s.implantTint ? implantX / double(s.implantTint) : 0;
  return s;
}

}  // namespace tantalus::test
