#pragma once
// Directory scan: every DICOM series found under a folder (nested folders,
// DICOMDIR media, several series, localizers, dose reports), described from
// their headers only. Pixel data is not read here.
#include <Eigen/Dense>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"

namespace tantalus::io {

struct SliceHeader {
  std::filesystem::path file;
  Eigen::Vector3d position{0, 0, 0};   // ImagePositionPatient (0020,0032)
  double positionAlongNormal = 0;      // position · (row × col)
  int instanceNumber = 0;
  bool localizer = false;              // ImageType (0008,0008) contains LOCALIZER
  int rows = 0, cols = 0;
  Eigen::Matrix<double, 6, 1> orientation;  // ImageOrientationPatient (0020,0037)
  double rescaleSlope = 1, rescaleIntercept = 0;
  int frames = 1;                      // frames in the file (Enhanced CT: many)
  int frame = 0;                       // which frame of the file this slice is
  bool encapsulated = false;           // compressed pixel data (JPEG, JPEG 2000, RLE)
  bool deflated = false;               // Deflated Explicit VR Little Endian (the whole dataset zlib-compressed)
};

struct SeriesInfo {
  int index = 0;                       // 0-based, in listing order
  std::string uid, description, modality, sopClass, transferSyntax;
  int seriesNumber = 0;
  int rows = 0, cols = 0, samplesPerPixel = 1, bitsAllocated = 16, bitsStored = 16, highBit = 15;
  bool signedPixels = false;           // PixelRepresentation (0028,0103) = 1
  std::string photometric;
  Eigen::Vector2d pixelSpacing{0, 0};  // (row spacing, column spacing) mm
  double sliceSpacingMm = 0;           // median gap between consecutive slice positions
  double minGapMm = 0, maxGapMm = 0;
  double sliceThicknessMm = 0;
  Eigen::Matrix<double, 6, 1> orientation;
  double gantryTiltDeg = 0;            // measured from positions vs. slice normal
  double maxPositionErrorMm = 0;       // worst slice, along the normal, vs. a regular grid
  double maxInPlaneOffsetMm = 0;       // worst slice, in plane, vs. the first slice
  bool axial = false;
  int excludedLocalizers = 0, excludedOtherOrientation = 0;
  std::vector<SliceHeader> slices;     // usable slices, sorted along the normal
  std::string unusableReason;          // empty when the series can become a volume
  std::filesystem::path problemFile;   // a damaged file that made it unusable
  std::string problem;                 // what is wrong with problemFile (names the tag)

  bool usable() const { return unusableReason.empty(); }
  bool hasGaps() const;                // a gap > 1.5 × the median spacing
  bool unevenSpacing() const;          // gaps differ by > 1 % (and > 0.01 mm)
  bool regularGrid() const;            // every slice within 0.1 voxel of a regular, unsheared grid
  double sizeMb() const;
};

struct ScanResult {
  std::filesystem::path root;
  std::vector<SeriesInfo> series;
  std::vector<std::filesystem::path> skipped;   // files that are not DICOM
  struct Problem {
    std::filesystem::path file;
    std::string reason;
  };
  std::vector<Problem> problems;                // DICOM files that could not be parsed
};

// Bounds on a folder walk: `tantalus info /` must not walk the whole file system.
// Pseudo file systems (/proc, /sys, /dev) are never entered; empty files, FIFOs and
// devices are never opened. Past a bound the scan stops with an Error saying so.
struct ScanLimits {
  int maxDepth = 12;                 // folders below the root (a PACS export has 4-6)
  std::size_t maxEntries = 200000;   // files and folders looked at
  double maxSeconds = 120;           // wall time of the walk and header reads
};

// The regular, non-empty files a scan would look at, sorted: under `root` (or root
// itself), within the limits (an Error past them).
std::vector<std::filesystem::path> listScanFiles(const std::filesystem::path& root, const ScanLimits& limits = {},
                                                 const Progress& progress = Progress::none());

ScanResult scanDicom(const std::filesystem::path& root, const Progress& progress = Progress::none(),
                     const ScanLimits& limits = {});

// Picks a series: `choice` is a UID or a 0-based index; empty = the largest
// usable CT axial series. `note` says what was chosen and why.
const SeriesInfo& chooseSeries(const ScanResult& scan, const std::string& choice, std::string& note);

}  // namespace tantalus::io
