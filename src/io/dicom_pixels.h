#pragma once
// Pixel data of one DICOM file into HU slices. Native (uncompressed, also deflated
// or big-endian) pixel data are taken by DCMTK straight from the element: stored
// values as they are, whatever the PhotometricInterpretation (MONOCHROME1 changes
// the display, not the HU: PS3.3 C.11.1). Encapsulated data are decoded by DCMTK's
// codecs (RLE, JPEG, JPEG-LS) or by OpenJPEG (JPEG 2000). Each slice's own rescale maps
// stored values to HU; a value that would leave the int16 HU scale is an Error
// naming the file and its RescaleSlope / RescaleIntercept, never a clamp.
// Private to io.
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "tantalus/io/dicom_scan.h"

namespace tantalus::io::detail {

using SliceTarget = std::function<std::int16_t*(std::size_t slice)>;

// `slices`: (slice index, header) pairs of one file (all frames of an Enhanced CT
// file); `target(k)` is where slice k's cols × rows HU values go.
void decodeFile(const SeriesInfo& series, const std::vector<std::pair<std::size_t, const SliceHeader*>>& slices,
                const SliceTarget& target, std::vector<char>& scratch);

}  // namespace tantalus::io::detail
