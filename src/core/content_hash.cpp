#include "tantalus/core/content_hash.h"

#include <cstdint>
#include <cstdio>

namespace tantalus {

namespace {
std::uint64_t fnv1a(std::uint64_t h, const unsigned char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}
std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}
constexpr std::uint64_t kBasis = 0xcbf29ce484222325ull;
}  // namespace

std::string contentHash(const std::string& text) {
  return hex(fnv1a(kBasis, reinterpret_cast<const unsigned char*>(text.data()), text.size()));
}

std::string meshHash(const Mesh& m) {
  std::uint64_t h = fnv1a(kBasis, reinterpret_cast<const unsigned char*>(m.vertices.data()),
                          std::size_t(m.vertices.size()) * sizeof(float));
  h = fnv1a(h, reinterpret_cast<const unsigned char*>(m.faces.data()), std::size_t(m.faces.size()) * sizeof(std::int32_t));
  return hex(h);
}

}  // namespace tantalus
