#pragma once
// Hashes for change detection (not security): 64-bit FNV-1a as 16 hex digits, and a
// file's stamp (size and modification time, as make and ninja judge freshness).
#include <filesystem>
#include <string>

namespace tantalus::pipeline {

std::string contentHash(const std::string& text);
// "size mtime_ns"; "missing" when the file cannot be stat'ed.
std::string fileStamp(const std::filesystem::path& file);

}  // namespace tantalus::pipeline
