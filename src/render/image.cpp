#include "tantalus/render/image.h"

#include <zlib.h>

#include <array>
#include <stdexcept>

#include "tantalus/core/error.h"

namespace tantalus::render {

RgbImage::RgbImage(int w, int h, Rgb fill) : width(w), height(h), pixels(std::size_t(w) * std::size_t(h) * 3) {
  for (std::size_t i = 0; i < pixels.size(); i += 3) {
    pixels[i] = fill.r;
    pixels[i + 1] = fill.g;
    pixels[i + 2] = fill.b;
  }
}

Rgb RgbImage::at(int x, int y) const {
  const std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
  return {pixels[i], pixels[i + 1], pixels[i + 2]};
}

void RgbImage::set(int x, int y, Rgb c) {
  const std::size_t i = (std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3;
  pixels[i] = c.r;
  pixels[i + 1] = c.g;
  pixels[i + 2] = c.b;
}

namespace {

void putU32(std::string& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(char((v >> s) & 0xffu));
}

void chunk(std::string& out, const char* type, const std::string& data) {
  putU32(out, std::uint32_t(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  putU32(out, std::uint32_t(crc32(0L, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
}

}  // namespace

std::string encodePng(const RgbImage& image) {
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() != std::size_t(image.width) * std::size_t(image.height) * 3)
    throw Error("an empty or malformed picture cannot be encoded", "PNG", "this is a bug: report it");
  // Each row: filter byte 0 (none), then its pixels.
  const std::size_t row = std::size_t(image.width) * 3;
  std::string raw;
  raw.reserve((row + 1) * std::size_t(image.height));
  for (int y = 0; y < image.height; ++y) {
    raw.push_back('\0');
    raw.append(reinterpret_cast<const char*>(image.pixels.data()) + std::size_t(y) * row, row);
  }
  uLongf packedSize = compressBound(uLong(raw.size()));
  std::string packed(packedSize, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packedSize, reinterpret_cast<const Bytef*>(raw.data()),
                uLong(raw.size()), 6) != Z_OK)
    throw Error("zlib could not compress a picture", "PNG", "the machine may be out of memory");
  packed.resize(packedSize);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  putU32(header, std::uint32_t(image.width));
  putU32(header, std::uint32_t(image.height));
  header += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, adaptive filters, no interlace
  chunk(png, "IHDR", header);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace tantalus::render
