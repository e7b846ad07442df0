#pragma once
// admesh, the independent STL checker, on a file: one part, nothing it had to fix.
#include <filesystem>

namespace tantalus::test {

// Expects (gtest) admesh to read `stl` as one part with no degenerate, fixed, removed,
// added or reversed facets and no backwards edges.
void expectAdmeshClean(const std::filesystem::path& stl);

}  // namespace tantalus::test
