#pragma once
// Edits of real DICOM files for bad-input tests: one tag set, removed or the file
// re-encoded, through DCMTK (the files stay valid DICOM apart from the edit).
#include <dcmtk/dcmdata/dctagkey.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <filesystem>
#include <string>
#include <vector>

namespace tantalus::test {

// Sets `tag` to `value` (DICOM string form, e.g. "1e308\\1e308").
void setTag(const std::filesystem::path& file, const DcmTagKey& tag, const std::string& value);
void removeTag(const std::filesystem::path& file, const DcmTagKey& tag);
// Replaces the pixel data by `bytes` bytes of 0x11 (a length the header disagrees with).
void setPixelDataLength(const std::filesystem::path& file, std::size_t bytes);
// Writes the file again in another transfer syntax.
void reencode(const std::filesystem::path& file, E_TransferSyntax syntax);
// The transfer syntax a file is stored in.
E_TransferSyntax storedSyntax(const std::filesystem::path& file);
// The DICOM files of a folder, sorted by name.
std::vector<std::filesystem::path> dicomFiles(const std::filesystem::path& dir);

}  // namespace tantalus::test
