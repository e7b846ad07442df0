#pragma once
// Driving the window in tests: waiting for a job, pixels of screenshots, a timer that
// measures how long the UI thread went without running its event loop.
#include <gtest/gtest.h>

#include <QApplication>
#include <QWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <set>

#include "gui/app/main_window.h"

namespace tantalus::test {

// A named child widget (a failed expectation when it is missing).
template <class T>
T* child(QWidget& w, const char* name) {
  T* c = w.findChild<T*>(name);
  EXPECT_NE(c, nullptr) << name;
  return c;
}
// A button of the panels clicked, its tab brought forward first, as a user would; it
// must start a job.
void click(QWidget& w, const char* button);
// Clicks `button`, waits for its job and for the views to show the result; returns
// the longest UI-thread stall from the click to the result on screen.
double clickAndWait(gui::MainWindow& w, const char* button, int timeoutMs);
// A fresh place for the window's settings, caches and recovery files.
void isolate(const std::string& name);
// Shown at 1600 × 1000, deciding recovery and close prompts without dialogs.
void showWindow(gui::MainWindow& w);

// Opens the cached default phantom, segments and plans it through the panels' buttons.
void openPlannedPhantom(gui::MainWindow& w);

// Runs the event loop until the window's current job ends (false on timeout).
bool waitForJob(gui::MainWindow& w, int timeoutMs);

// The longest gap between ticks of a 10 ms timer while it runs: a UI-thread stall.
class StallMeter {
public:
  StallMeter();
  double maxGapMs() const { return maxGapMs_; }

private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  double maxGapMs_ = 0;
};

struct PixelStats {
  std::size_t distinctColours = 0;
  std::size_t bone = 0;         // ivory, shaded: r ≥ g ≥ b, warm
  std::size_t printBody = 0;    // teal
  std::size_t implantTint = 0;  // the slice's red tint of the old implant
  std::size_t pixels = 0;
  double implantMeanX = 0;      // where the implant tint lies, 0..1 across the picture
};
PixelStats pixelStats(const QImage& image);

}  // namespace tantalus::test
