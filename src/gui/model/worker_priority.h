#pragma once
// Background work must not starve the UI thread: on two cores a segmentation or a
// design keeps every core busy, and an equal-priority UI thread waits its turn
// (stalls of 150 ms measured). Workers run niced; the thread pools they use (TBB, and
// those ITK and OpenVDB create on first use) are started from a niced thread, so their
// threads inherit it. The UI thread keeps its priority.
namespace tantalus::gui {

// The calling thread (and threads it creates after) at a lower priority (nice +10).
void lowerThisThreadsPriority();
// Once per process, before any parallel work: TBB's worker threads created niced.
void startNicedThreadPool();

}  // namespace tantalus::gui
