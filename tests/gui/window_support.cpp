#include "window_support.h"

#include <QDateTime>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QEventLoop>
#include <cstdio>
#include <cstdlib>

#include "gui/app/scene_view.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"

namespace tantalus::test {

void click(QWidget& w, const char* button) {
  auto* b = child<QPushButton>(w, button);
  if (!b) return;
  if (auto* tabs = w.findChild<QTabWidget*>("panels"))
    for (int i = 0; i < tabs->count(); ++i)
      if (tabs->widget(i)->isAncestorOf(b)) tabs->setCurrentIndex(i);
  QTest::mouseClick(b, Qt::LeftButton);
  auto* mw = dynamic_cast<gui::MainWindow*>(&w);
  EXPECT_TRUE(mw && mw->busy()) << button << " started no job: " << (mw ? mw->lastError().toStdString() : "");
}

void isolate(const std::string& name) {
  const std::filesystem::path d = scratchDir(name);
  setenv("XDG_CACHE_HOME", (d / "cache").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (d / "config").c_str(), 1);
  setenv("TANTALUS_RECOVERY_DIR", (d / "recovery").c_str(), 1);
}

double clickAndWait(gui::MainWindow& w, const char* button, int timeoutMs) {
  StallMeter stall;
  click(w, button);
  EXPECT_TRUE(waitForJob(w, timeoutMs)) << button << " timed out";
  for (int i = 0; i < 200 && !w.sceneView()->settled(); ++i) QTest::qWait(20);
  QTest::qWait(300);
  return stall.maxGapMs();
}

void openPlannedPhantom(gui::MainWindow& w) {
  const std::filesystem::path ph = cachedPhantom("design-default", {});
  ASSERT_TRUE(w.openPath(QString::fromStdString((ph / "dicom").string())));
  ASSERT_TRUE(waitForJob(w, 120000));
  clickAndWait(w, "run segment", 300000);
  clickAndWait(w, "run plan", 300000);
  ASSERT_TRUE(w.products().planned);
}

void showWindow(gui::MainWindow& w) {
  w.setRecoveryPolicy(gui::MainWindow::Policy::no);
  w.setClosePolicy(gui::MainWindow::Policy::no);
  w.resize(1600, 1000);
  w.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
}

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
