#pragma once
// A pool of one thread at a lowered priority (gui/model/worker_priority.h), kept for the
// program's life: background rendering and previews that must never take a core from
// the UI thread (on two cores, work at the UI's priority added 35–60 ms to a repaint).
#include <QThreadPool>

#include "gui/model/worker_priority.h"

namespace tantalus::gui {

inline QThreadPool* newNicedThread() {
  auto* p = new QThreadPool;
  p->setMaxThreadCount(1);
  p->setExpiryTimeout(-1);
  p->start([] { lowerThisThreadsPriority(); });
  return p;
}

}  // namespace tantalus::gui
