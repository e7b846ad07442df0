#include <nlohmann/json.hpp>

#include "tantalus/core/resources.h"
#include "tantalus/segment/mask_ops.h"
#include "tantalus/segment/segment_pipeline.h"

namespace tantalus::segment {

ImplantSubtraction subtractImplant(Mask& bone, const CtVolume& ct, int metalHu, double marginMm,
                                   const Progress& progress) {
  ImplantSubtraction r;
  r.implant = threshold(ct, metalHu, 32767);
  r.dilated = dilateMm(r.implant, marginMm, progress);
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
