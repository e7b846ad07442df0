#pragma once
// The series browser's rows: every series a DICOM folder holds, with what a planner
// checks before choosing one (modality, size, slices, spacing, tilt, gaps), the
// automatic choice marked, and why a series cannot be used.
#include <string>
#include <vector>

#include "tantalus/io/dicom_scan.h"

namespace tantalus::gui {

struct SeriesRow {
  std::string uid, description, modality, size, slices, spacing;
  std::vector<std::string> warnings;  // tilt, gaps, uneven spacing, not axial, unusable: one each
  bool usable = true;
  bool automatic = false;             // the one the import picks when none is named
};

std::vector<SeriesRow> seriesRows(const io::ScanResult& scan);

}  // namespace tantalus::gui
