#pragma once
// A series' middle slice in HU, for the series browser's thumbnails: decoded as the
// import decodes it (every transfer syntax the import reads).
#include <cstdint>
#include <vector>

#include "tantalus/io/dicom_scan.h"

namespace tantalus::io {

struct SlicePicture {
  int cols = 0, rows = 0;
  double columnSpacingMm = 1, rowSpacingMm = 1;  // across a row (x) and down a column (y)
  std::vector<std::int16_t> hu;                  // rows × cols, row by row
};

// Throws Error for a series without slices or a file that cannot be decoded.
SlicePicture middleSlice(const SeriesInfo& s);

}  // namespace tantalus::io
