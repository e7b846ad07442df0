#pragma once
// A minimal, independent PNG reader (8-bit RGB, any filter, no interlace) so the
// report's pictures are checked by pixel without the encoder that wrote them; and
// the PNGs inside report.html's data: URIs.
#include <string>
#include <vector>

#include "tantalus/render/image.h"

namespace tantalus::test {

render::RgbImage decodePng(const std::string& bytes);         // fails the test on anything else
std::string decodeBase64(const std::string& text);
// Every `data:image/png;base64,…` picture in an HTML or SVG text, in order.
std::vector<render::RgbImage> embeddedPngs(const std::string& html);

}  // namespace tantalus::test
