#include "support/zip_read.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <fstream>

namespace tantalus::test {

namespace {

std::string readAll(const std::filesystem::path& f) {
  std::ifstream in(f, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

template <class T>
T le(const std::string& s, std::size_t at) {
  T v = 0;
  if (at + sizeof(T) <= s.size()) std::memcpy(&v, s.data() + at, sizeof(T));
  return v;
}

struct Entry {
  std::string name;
  std::uint16_t method = 0;
  std::uint64_t compressed = 0, size = 0, localOffset = 0;
};

// The central directory (APPNOTE.TXT 4.3.12, 4.3.16), ZIP64 included (4.3.14, 4.5.3:
// lib3mf writes ZIP64 records).
std::vector<Entry> directory(const std::string& z) {
  std::vector<Entry> out;
  const std::size_t eocd = z.rfind(std::string("PK\5\6", 4));
  EXPECT_NE(eocd, std::string::npos) << "no end-of-central-directory record";
  if (eocd == std::string::npos) return out;
  std::uint64_t count = le<std::uint16_t>(z, eocd + 10);
  std::uint64_t at = le<std::uint32_t>(z, eocd + 16);
  if (at == 0xffffffffu || count == 0xffff) {
    const std::size_t locator = z.rfind(std::string("PK\6\7", 4), eocd);
    EXPECT_NE(locator, std::string::npos) << "ZIP64 without its locator";
    if (locator == std::string::npos) return out;
    const std::uint64_t rec = le<std::uint64_t>(z, locator + 8);
    EXPECT_EQ(le<std::uint32_t>(z, rec), 0x06064b50u) << "bad ZIP64 end-of-central-directory record";
    count = le<std::uint64_t>(z, rec + 32);
    at = le<std::uint64_t>(z, rec + 48);
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    EXPECT_EQ(le<std::uint32_t>(z, at), 0x02014b50u) << "bad central directory entry " << i;
    if (le<std::uint32_t>(z, at) != 0x02014b50u) return out;
    Entry e;
    e.method = le<std::uint16_t>(z, at + 10);
    e.compressed = le<std::uint32_t>(z, at + 20);
    e.size = le<std::uint32_t>(z, at + 24);
    const std::uint16_t nameLen = le<std::uint16_t>(z, at + 28), extra = le<std::uint16_t>(z, at + 30),
                        comment = le<std::uint16_t>(z, at + 32);
    e.localOffset = le<std::uint32_t>(z, at + 42);
    e.name = z.substr(at + 46, nameLen);
    // ZIP64 extra field: the 8-byte values of the fields set to 0xffffffff, in order.
    for (std::uint64_t x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extra;) {
      const std::uint16_t id = le<std::uint16_t>(z, x), len = le<std::uint16_t>(z, x + 2);
      if (id == 0x0001) {
        std::uint64_t p = x + 4;
        if (e.size == 0xffffffffu) { e.size = le<std::uint64_t>(z, p); p += 8; }
        if (e.compressed == 0xffffffffu) { e.compressed = le<std::uint64_t>(z, p); p += 8; }
        if (e.localOffset == 0xffffffffu) e.localOffset = le<std::uint64_t>(z, p);
      }
      x += 4 + len;
    }
    out.push_back(e);
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

}  // namespace

std::vector<std::string> zipEntries(const std::filesystem::path& zip) {
  std::vector<std::string> names;
  for (const auto& e : directory(readAll(zip))) names.push_back(e.name);
  return names;
}

std::string zipEntry(const std::filesystem::path& zip, const std::string& name) {
  const std::string z = readAll(zip);
  for (const auto& e : directory(z)) {
    if (e.name != name) continue;
    const std::size_t at = e.localOffset;
    EXPECT_EQ(le<std::uint32_t>(z, at), 0x04034b50u) << "bad local header of " << name;
    const std::size_t data = at + 30 + le<std::uint16_t>(z, at + 26) + le<std::uint16_t>(z, at + 28);
    if (e.method == 0) return z.substr(data, e.size);
    EXPECT_EQ(e.method, 8) << "unsupported compression method";
    std::string out(e.size, '\0');
    z_stream s{};
    inflateInit2(&s, -15);  // raw deflate
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data() + data));
    s.avail_in = uInt(e.compressed);
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = uInt(e.size);
    const int rc = inflate(&s, Z_FINISH);
    inflateEnd(&s);
    EXPECT_EQ(rc, Z_STREAM_END) << "cannot inflate " << name;
    EXPECT_EQ(s.total_out, e.size);
    return out;
  }
  ADD_FAILURE() << "no entry " << name << " in " << zip;
  return {};
}

}  // namespace tantalus::test
