// The guide's embossed label: a 5 × 7 dot font, raised on the top of the shell (part of
// the height field, so it needs no Boolean).
#include <cmath>
#include <map>

#include "guide_internal.h"

namespace tantalus::guides::detail {

namespace {
// Rows top to bottom, bit 4 the leftmost dot.
const std::map<char, std::array<unsigned, 7>>& font() {
  static const std::map<char, std::array<unsigned, 7>> f = {
      {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}}, {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
      {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}}, {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
      {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}}, {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
      {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}}, {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
      {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}}, {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
      {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}}, {'B', {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}},
      {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}}, {'D', {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}},
      {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}}, {'F', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}},
      {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}}, {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
      {' ', {0, 0, 0, 0, 0, 0, 0}},                      {'-', {0, 0, 0, 0x1F, 0, 0, 0}},
  };
  return f;
}
}  // namespace

bool fontHas(char c) { return font().count(c) != 0; }

std::vector<char> labelNodes(const PatchGrid& g, const std::string& text, const Eigen::Vector3d& centre,
                             const Eigen::Vector3d& along, double pixelMm) {
  std::vector<char> raised(g.height.size(), 0);
  if (text.empty()) return raised;
  // Seen from +w: x along the text, y up the letters (w × x, so it is not mirrored).
  const Eigen::Vector3d w = g.w();
  const Eigen::Vector3d x = (along - w * along.dot(w)).normalized(), y = w.cross(x);
  const double width = double(6 * text.size() - 1) * pixelMm, height = 7 * pixelMm;
  for (int j = 0; j < g.side(); ++j)
    for (int i = 0; i < g.side(); ++i) {
      const Eigen::Vector3d d = g.at(i, j, 0) - centre;
      const double px = (d.dot(x) + width / 2) / pixelMm, py = (height / 2 - d.dot(y)) / pixelMm;  // dots from the top left
      if (px < 0 || py < 0 || px >= width / pixelMm || py >= 7) continue;
      const int col = int(px), row = int(py), ch = col / 6, dot = col % 6;
      if (dot == 5) continue;  // the gap between characters
      const auto it = font().find(text[std::size_t(ch)]);
      if (it != font().end() && (it->second[std::size_t(row)] >> (4 - dot)) & 1u) raised[g.id(i, j)] = 1;
    }
  return raised;
}

}  // namespace tantalus::guides::detail
