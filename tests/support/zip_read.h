#pragma once
// A minimal, independent zip reader (central directory + stored/deflate entries,
// through zlib), so 3MF files are checked without the lib3mf that wrote them.
#include <filesystem>
#include <string>
#include <vector>

namespace tantalus::test {

// Names of the entries, and one entry's bytes; an empty optional-like "" with
// `found` false when the entry is missing. Fails the test on a malformed zip.
std::vector<std::string> zipEntries(const std::filesystem::path& zip);
std::string zipEntry(const std::filesystem::path& zip, const std::string& name);

}  // namespace tantalus::test
