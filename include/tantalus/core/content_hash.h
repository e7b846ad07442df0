#pragma once
// A hash for change detection and reproducibility (not security): 64-bit FNV-1a as 16
// hex digits.
#include <string>

#include "tantalus/core/mesh.h"

namespace tantalus {

std::string contentHash(const std::string& text);
// Of a mesh's vertex and face arrays as they are (canonicalOrder first for a hash of
// the geometry alone).
std::string meshHash(const Mesh& m);

}  // namespace tantalus
