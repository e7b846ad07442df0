#pragma once
// JPEG 2000 frames of a DICOM file (Transfer Syntaxes 1.2.840.10008.1.2.4.90/.91),
// decoded by OpenJPEG from the fragments DCMTK hands over: the codec DCMTK lacks,
// without GDCM (whose dictionaries cost ~45 ms at every program start). Stored
// values come out as they are: MONOCHROME1 is not inverted. Private to io.
#include <cstdint>
#include <string>
#include <vector>

class DcmDataset;

namespace tantalus::io::detail {

// Decodes every frame of `dataset`'s encapsulated pixel data into `out` (frames
// one after another, cols × rows samples of `bytes` bytes each, host byte order).
// Throws an Error naming `where` when a frame is not a greyscale JPEG 2000 image
// of that size.
void decodeJpeg2000Frames(DcmDataset& dataset, int cols, int rows, int frames, int bytes, bool signedPixels,
                          std::vector<char>& out, const std::string& where);

}  // namespace tantalus::io::detail
