#pragma once
// Binary STL in LPS millimetres. The 80-byte header names the space and units
// ("SPACE=LPS UNITS=mm ...", which 3D Slicer reads).
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "tantalus/core/file_output.h"
#include "tantalus/core/mesh.h"

namespace tantalus {

std::string stlHeader(const std::string& what);

void writeStl(const std::filesystem::path& file, const Mesh& mesh, const std::string& what);

// Reads binary or ASCII STL and welds its vertices.
Mesh readStl(const std::filesystem::path& file);

// Appends triangles to a binary STL as they come (tiles of a lattice) so the
// whole mesh never has to sit in memory; the face count is patched on commit().
class StlStreamWriter {
public:
  StlStreamWriter(const std::filesystem::path& file, const std::string& what);
  void add(const std::array<float, 3>& a, const std::array<float, 3>& b, const std::array<float, 3>& c);
  void add(const Mesh& mesh);
  std::uint64_t triangles() const { return count_; }
  std::uint64_t bytes() const { return 84 + 50 * count_; }
  void commit();

private:
  AtomicFile file_;
  std::uint64_t count_ = 0;
  std::string buffer_;
};

}  // namespace tantalus
