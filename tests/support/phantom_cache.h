#pragma once
// Phantom DICOM series are costly to write: each distinct set of options is
// written once under the system temp folder and reused by every test process
// (ctest runs each test in its own process). A file lock guards the writing.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/io/phantom.h"

namespace tantalus::test {

// Returns the folder holding dicom/ and truth.json; the folder is named after
// `name` and io::phantomKey(options), so changed options or generator never reuse it.
std::filesystem::path cachedPhantom(const std::string& name, const io::PhantomOptions& options);

// Slice positions from `startMm`: `count` slices, gaps of `gapMm` for the first
// `switchAt` gaps and `laterGapMm` after (uneven-spacing tests).
std::vector<double> twoStepPositions(double startMm, int count, int switchAt, double gapMm, double laterGapMm);

// A smaller phantom (same anatomy, 1.6 mm pixels, 2 mm slices) for fast tests.
io::PhantomOptions smallPhantomOptions();

}  // namespace tantalus::test
