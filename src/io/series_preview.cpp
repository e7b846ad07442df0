#include "tantalus/io/series_preview.h"

#include "dicom_pixels.h"
#include "tantalus/core/error.h"

namespace tantalus::io {

SlicePicture middleSlice(const SeriesInfo& s) {
  if (s.slices.empty() || s.rows <= 0 || s.cols <= 0)
    throw Error("the series has no slices to show", s.uid, "choose another series");
  const SliceHeader& mid = s.slices[s.slices.size() / 2];
  SlicePicture p;
  p.cols = s.cols, p.rows = s.rows;
  p.columnSpacingMm = s.pixelSpacing.y(), p.rowSpacingMm = s.pixelSpacing.x();  // (row spacing, column spacing)
  p.hu.resize(std::size_t(s.cols) * std::size_t(s.rows));
  std::vector<char> scratch;
  detail::decodeFile(s, {{0, &mid}}, [&](std::size_t) { return p.hu.data(); }, scratch);
  return p;
}

}  // namespace tantalus::io
