#pragma once
// A series from its files' headers: which slices make the volume, in which order,
// and whether they form a regular grid. Private to io.
#include <vector>

#include "dicom_header.h"

namespace tantalus::io::detail {

// Keeps the image slices of the majority orientation, matrix, pixel spacing and
// pixel format (localizers and the rest are excluded and counted), takes every
// series attribute from those slices, sorts them by position along the normal,
// and measures gaps, tilt and how far each slice lies from a regular grid.
SeriesInfo describeSeries(const std::vector<FileHeader>& files);

}  // namespace tantalus::io::detail
