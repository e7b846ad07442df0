#include <algorithm>
#include <nlohmann/json.hpp>

#include "tantalus/core/resources.h"
#include "tantalus/segment/mask_ops.h"
#include "tantalus/segment/segment_pipeline.h"

namespace tantalus::segment {

double effectiveMarginMm(double marginMm, const VolumeGeometry& g) {
  return marginMm > 0 ? std::max(marginMm, std::max(g.spacing.x(), g.spacing.y())) : 0.0;
}

Mask growByHysteresis(const Mask& seed, const CtVolume& ct, int lowHu, double growMm, const Progress& progress) {
  if (growMm <= 0 || seed.count() == 0) return seed;
  Mask candidates = threshold(ct, lowHu, 32767);
  const Mask reach = dilateMm(seed, growMm, progress);
  for (std::size_t i = 0; i < candidates.data.size(); ++i) candidates.data[i] = candidates.data[i] && reach.data[i];
  const Components comps(candidates);
  std::vector<char> touching(comps.count() + 1, 0);
  const auto& g = seed.geometry;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if (seed.data[g.index(i, j, k)]) touching[std::size_t(comps.labelAt(i, j, k))] = 1;
  std::vector<int> labels;
  for (std::size_t l = 1; l < touching.size(); ++l)
    if (touching[l]) labels.push_back(int(l));
  Mask grown = comps.keep(labels);
  for (std::size_t i = 0; i < grown.data.size(); ++i) grown.data[i] = grown.data[i] || seed.data[i];
  return grown;
}

ImplantSubtraction subtractImplant(Mask& bone, const CtVolume& ct, const MetalBounds& b, const Progress& progress) {
  ImplantSubtraction r;
  r.implant = threshold(ct, b.metalHu, 32767);
  r.grown = b.lowHu < b.metalHu ? growByHysteresis(r.implant, ct, b.lowHu, b.growMm, progress.sub(0, 0.5)) : r.implant;
  r.dilated = dilateMm(r.grown, effectiveMarginMm(b.marginMm, ct.geometry), progress.sub(0.5, 1));
  for (std::size_t i = 0; i < bone.data.size(); ++i)
    if (bone.data[i] && r.dilated.data[i]) {
      bone.data[i] = 0;
      ++r.removedFromBone;
    }
  return r;
}

SegmentationParams defaultSegmentationParams() {
  const auto j = nlohmann::json::parse(readTextFile(resourceDir() / "segmentation-defaults.json"));
  SegmentationParams p;
  p.metalHu = j.at("metal_hu").get<int>();
  p.marginMm = j.at("margin_mm").get<double>();
  p.minComponentMl = j.at("min_component_ml").get<double>();
  return p;
}

}  // namespace tantalus::segment
