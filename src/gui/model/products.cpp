#include "gui/model/products.h"

#include <algorithm>

namespace tantalus::gui {

int HuHistogram::binOf(int hu) const {
  return std::clamp((hu - loHu) / binHu, 0, std::max(0, int(counts.size()) - 1));
}

HuHistogram huHistogram(const CtVolume& ct, int loHu, int hiHu, int binHu) {
  HuHistogram h;
  h.loHu = loHu;
  h.binHu = binHu;
  h.counts.assign(std::size_t((hiHu - loHu) / binHu), 0.0);
  const std::size_t n = ct.geometry.voxelCount();
  for (std::size_t i = 0; i < n; ++i) h.counts[std::size_t(h.binOf(ct.hu[i]))] += 1;
  return h;
}

std::string sectionsOf(const std::string& step, const CaseFile& c) {
  std::string s = caseSectionJson(c, "input") + caseSectionJson(c, "import");
  if (step == "import") return s;
  s += caseSectionJson(c, "segmentation");
  if (step == "segment") return s;
  if (step == "guides") return s + caseSectionJson(c, "guides");
  s += caseSectionJson(c, "plan");
  if (step == "plan") return s;
  return s + caseSectionJson(c, "design") + caseSectionJson(c, "lattice");
}

bool Products::stale(const std::string& step, const CaseFile& c) const {
  const auto it = madeFrom.find(step);
  return it == madeFrom.end() || it->second != sectionsOf(step, c);
}

}  // namespace tantalus::gui
