#pragma once
// CT import: a DICOM folder or file, or a NIfTI/NRRD/MHA volume, to a CtVolume
// in HU, LPS and millimetres.
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/io/dicom_scan.h"

namespace tantalus::io {

struct ImportOptions {
  std::string series;          // UID or index; empty = automatic choice
  bool allowGaps = false;      // interpolate across missing slices instead of refusing
  bool correctTilt = true;     // resample gantry-tilted series onto an orthogonal grid
};

struct ImportResult {
  CtVolume volume;
  std::vector<std::string> warnings;
  std::string choiceNote;      // which series and why (DICOM only)
  std::string format;          // "DICOM", "NIfTI", "NRRD", "MetaImage"
  std::string transferSyntax;  // DICOM only
  int seriesCount = 0;         // series found in the folder (DICOM only)
};

ImportResult importCt(const std::filesystem::path& path, const ImportOptions& options = {},
                      const Progress& progress = Progress::none());

// Reads one DICOM series (as listed by scanDicom) into HU, ordered by position.
ImportResult readDicomSeries(const SeriesInfo& series, const ImportOptions& options,
                             const Progress& progress = Progress::none());

// "NIfTI", "NRRD" or "MetaImage" for a volume file by its extension (.nii, .nii.gz,
// .nrrd, .nhdr, .mha, .mhd, any case), else "".
std::string volumeFormat(const std::filesystem::path& file);

// Volume files (format chosen by extension): .nii, .nii.gz, .nrrd, .nhdr, .mha, .mhd.
// The file is checked complete and its header sane before ITK reads it, and the
// grid (checkGrid) and values (within int16 HU) after; every failure is an Error
// naming the file and the field. Non-finite voxels become air; `warnings`
// (optional) says how many.
CtVolume readImageFile(const std::filesystem::path& file, std::string& format,
                       std::vector<std::string>* warnings = nullptr);
// Writes .nii, .nii.gz, .nrrd or .mha (by extension), atomically: complete and
// flushed before the name appears; a full disk is an Error, never a short file.
void writeMaskVolume(const std::filesystem::path& file, const Mask& mask);
// A mask written by writeMaskVolume (any volume file: non-zero voxels are set).
Mask readMaskVolume(const std::filesystem::path& file);
void writeCtVolume(const std::filesystem::path& file, const CtVolume& ct);

// Short non-reversible hash that stands in for the study in reports.
std::string studyHash(const std::string& studyUid);

}  // namespace tantalus::io
