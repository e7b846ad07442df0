#pragma once
// One DICOM file's header, read by DCMTK (large elements stay on disk) and checked
// field by field: the validation layer of the DICOM reader. A file that breaks a
// rule is not dropped: it joins its series as damaged, so the series is refused
// with the file and the tag named (a silently missing slice would become a gap,
// a bad value a wrong volume). Private to io.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/io/dicom_scan.h"

namespace tantalus::io::detail {

struct FileHeader {
  SliceHeader slice;                   // single-frame: the slice; multi-frame: shared fields
  std::vector<SliceHeader> frames;     // multi-frame (Enhanced CT): one per frame
  std::string seriesUid, modality, sopClass, description, imageType, transferSyntax, photometric;
  int seriesNumber = 0, samplesPerPixel = 1, bitsAllocated = 16, bitsStored = 16, highBit = 15, pixelRepresentation = 0;
  Eigen::Vector2d pixelSpacing{0, 0};
  double sliceThickness = 0;
  bool hasPixels = false, hasGeometry = false, imageSopClass = false;
  std::string damage;  // why the file cannot be used (names the tag); the file still joins its series
};

enum class HeaderRead { Ok, NotDicom };
// Reads and checks one file; NotDicom with `problem` when it does not parse at all.
HeaderRead readFileHeader(const std::filesystem::path& file, FileHeader& h, std::string& problem);

// Part 10 files carry "DICM" at byte 128. Files without preamble are accepted
// when they start with a group 0x0002 or 0x0008 tag (little endian).
bool looksLikeDicom(const std::filesystem::path& file);

}  // namespace tantalus::io::detail
