#pragma once
// Whole-stream checks of compressed volume data (gzip .nii.gz, NRRD gzip
// encoding, MetaImage CompressedData): the stream is inflated to its end, so a
// cut file or a bad checksum is found before a library reads it and zero-fills
// what is missing. Private to the io module.
#include <cstdint>
#include <filesystem>
#include <string>

namespace tantalus::io::detail {

struct InflatedStream {
  std::uint64_t bytes = 0;   // decompressed size
  std::string head;          // the first `keep` decompressed bytes
};

// Inflates the gzip or zlib stream (concatenated gzip members too) that starts at
// byte `offset` of `file` and runs to its end. Throws an Error naming the file
// when the stream is cut short, corrupt or fails its checksum.
InflatedStream inflateFile(const std::filesystem::path& file, std::uint64_t offset, std::size_t keep);

}  // namespace tantalus::io::detail
