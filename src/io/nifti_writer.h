#pragma once
// NIfTI-1 writer (.nii, .nii.gz) of the project's own: header from the LPS grid
// (qform and sform, scanner space, mm), voxels straight from the buffer, through
// AtomicFile, so every write error is an Error and nothing partial appears under
// the final name. ITK's writer ignored write errors (a full disk left a truncated
// file and exit 0) and was the slow half of `tantalus convert`. Private to io.
#include <cstdint>
#include <filesystem>

#include "tantalus/core/volume.h"

namespace tantalus::io::detail {

// datatype: 2 = uint8 (masks), 4 = int16 (HU). Compressed (gzip) when the name ends in .gz.
void writeNifti(const std::filesystem::path& file, const VolumeGeometry& g, const void* voxels, int datatype);

}  // namespace tantalus::io::detail
