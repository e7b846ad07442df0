#pragma once
// Change detection: contentHash (core) and a file's stamp (size and modification time,
// as make and ninja judge freshness).
#include <filesystem>
#include <string>

#include "tantalus/core/content_hash.h"

namespace tantalus::pipeline {

using tantalus::contentHash;
// "size mtime_ns"; "missing" when the file cannot be stat'ed.
std::string fileStamp(const std::filesystem::path& file);

}  // namespace tantalus::pipeline
