#pragma once
// The identity of a CT on disk without reading its voxels: the stamp of every file
// the import may read. A volume file (.nii, .nii.gz, .nrrd, .mha) is itself; a
// detached header (.nhdr, .mhd) or a single DICOM file brings its folder (the data
// file, or the series the import gathers from the folder); a folder, the files a DICOM
// scan looks at (io::listScanFiles: same bounds, so `/` is refused, not walked).
#include <filesystem>
#include <string>

#include "tantalus/core/progress.h"

namespace tantalus::pipeline {

std::string ctIdentity(const std::filesystem::path& path, const Progress& progress = Progress::none());

}  // namespace tantalus::pipeline
