#pragma once
// The series browser's rows: every series a DICOM folder holds, with what a planner
// checks before choosing one (modality, size, slices, spacing, tilt, gaps), the
// automatic choice marked, and why a series cannot be used; a thumbnail of each.
#include <string>
#include <vector>

#include <cstdint>

#include "tantalus/io/dicom_scan.h"
#include "tantalus/io/series_preview.h"

namespace tantalus::gui {

struct SeriesRow {
  std::string uid, description, modality, size, slices, spacing;
  std::vector<std::string> warnings;  // tilt, gaps, uneven spacing, not axial, unusable: one each
  bool usable = true;
  bool automatic = false;             // the one the import picks when none is named
};

std::vector<SeriesRow> seriesRows(const io::ScanResult& scan);

// A series' thumbnail: its middle slice in a soft-tissue window (level 40, width 400 HU),
// fitted into maxSide × maxSide with its pixels' true aspect, grey 0–255 row by row.
struct Thumbnail {
  int width = 0, height = 0;
  std::vector<std::uint8_t> grey;
};
Thumbnail thumbnail(const io::SlicePicture& p, int maxSide);

}  // namespace tantalus::gui
