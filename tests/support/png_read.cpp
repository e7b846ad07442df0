#include "support/png_read.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>

namespace tantalus::test {

namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
  return std::uint32_t(std::uint8_t(s[at])) << 24 | std::uint32_t(std::uint8_t(s[at + 1])) << 16 |
         std::uint32_t(std::uint8_t(s[at + 2])) << 8 | std::uint32_t(std::uint8_t(s[at + 3]));
}

int paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

}  // namespace

render::RgbImage decodePng(const std::string& s) {
  render::RgbImage none;
  EXPECT_GE(s.size(), 8u + 25u);
  if (s.size() < 33 || s.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0) {
    ADD_FAILURE() << "not a PNG";
    return none;
  }
  int w = 0, h = 0;
  std::string packed;
  for (std::size_t at = 8; at + 12 <= s.size();) {
    const std::uint32_t len = u32(s, at);
    if (len > s.size() - at - 12) {
      ADD_FAILURE() << "a PNG chunk runs past the end";
      return none;
    }
    const std::string type = s.substr(at + 4, 4), data = s.substr(at + 8, len);
    const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(s.data() + at + 4), uInt(len + 4));
    EXPECT_EQ(crc, u32(s, at + 8 + len)) << "CRC of chunk " << type;
    if (type == "IHDR") {
      w = int(u32(data, 0));
      h = int(u32(data, 4));
      EXPECT_EQ(data[8], 8) << "bit depth";
      EXPECT_EQ(data[9], 2) << "colour type RGB";
      EXPECT_EQ(data[12], 0) << "interlace";
    } else if (type == "IDAT") {
      packed += data;
    } else if (type == "IEND") {
      break;
    }
    at += 12 + len;
  }
  const std::size_t row = std::size_t(w) * 3;
  std::string raw((row + 1) * std::size_t(h), '\0');
  uLongf rawSize = uLongf(raw.size());
  if (w <= 0 || h <= 0 ||
      uncompress(reinterpret_cast<Bytef*>(raw.data()), &rawSize, reinterpret_cast<const Bytef*>(packed.data()),
                 uLong(packed.size())) != Z_OK ||
      rawSize != raw.size()) {
    ADD_FAILURE() << "PNG data does not inflate to " << w << "x" << h;
    return none;
  }
  render::RgbImage img(w, h);
  std::vector<std::uint8_t> prev(row, 0), cur(row);
  for (int y = 0; y < h; ++y) {
    const int filter = std::uint8_t(raw[std::size_t(y) * (row + 1)]);
    for (std::size_t x = 0; x < row; ++x) {
      const int v = std::uint8_t(raw[std::size_t(y) * (row + 1) + 1 + x]);
      const int a = x >= 3 ? cur[x - 3] : 0, b = prev[x], c = x >= 3 ? prev[x - 3] : 0;
      const int pred = filter == 0 ? 0 : filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2 : paeth(a, b, c);
      cur[x] = std::uint8_t(v + pred);
    }
    std::copy(cur.begin(), cur.end(), img.pixels.begin() + std::ptrdiff_t(std::size_t(y) * row));
    prev = cur;
  }
  return img;
}

std::string decodeBase64(const std::string& t) {
  std::string out;
  int bits = 0, value = 0;
  for (const char c : t) {
    int d = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+' ? 62 : c == '/' ? 63 : -1;
    if (d < 0) continue;
    value = (value << 6 | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char(value >> bits & 0xff));
    }
  }
  return out;
}

std::vector<render::RgbImage> embeddedPngs(const std::string& html) {
  std::vector<render::RgbImage> out;
  const std::string key = "data:image/png;base64,";
  for (std::size_t at = html.find(key); at != std::string::npos; at = html.find(key, at)) {
    at += key.size();
    const std::size_t end = html.find('"', at);
    out.push_back(decodePng(decodeBase64(html.substr(at, end - at))));
  }
  return out;
}

}  // namespace tantalus::test
