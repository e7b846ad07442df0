#pragma once
// An 8-bit RGB picture, row-major from the top-left, and its PNG encoding.
#include <cstdint>
#include <string>
#include <vector>

namespace tantalus::render {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // r, g, b per pixel

  RgbImage() = default;
  RgbImage(int w, int h, Rgb fill = {});
  Rgb at(int x, int y) const;
  void set(int x, int y, Rgb c);
};

// A PNG file's bytes (8-bit RGB, no interlace); zlib does the deflate.
std::string encodePng(const RgbImage& image);

}  // namespace tantalus::render
