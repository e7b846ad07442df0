#pragma once
// The validation layer in front of ITK's volume readers (niftilib, teem, MetaIO):
// the file is complete (every voxel byte present; compressed streams inflated to
// their end with their checksum), its header fields are finite and sane, header
// lines are of bounded length. Only then does ITK read it. Private to io.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

namespace tantalus::io::detail {

struct VolumeFileFacts {
  std::string format;                        // "NIfTI", "NRRD", "MetaImage"
  int dimensions = 0;                        // as the header says
  std::array<std::uint64_t, 4> size{1, 1, 1, 1};
  int components = 1;                        // channels per voxel
  int bytesPerComponent = 0;
  std::uint64_t dataBytes = 0;               // voxel bytes the header promises
  double scaleSlope = 1, scaleIntercept = 0; // NIfTI scl_* as ITK applies them
};

// Throws an Error naming the file, the field and the fix; `format` as volumeFormat().
VolumeFileFacts checkVolumeFile(const std::filesystem::path& file, const std::string& format);

}  // namespace tantalus::io::detail
