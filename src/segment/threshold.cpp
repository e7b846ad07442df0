#include "tantalus/segment/mask_ops.h"

namespace tantalus::segment {

Mask threshold(const CtVolume& ct, int lo, int hi) {
  Mask m(ct.geometry);
  const std::size_t n = ct.hu.size();
  const std::int16_t* src = ct.hu.data();
  std::uint8_t* dst = m.data.data();
  for (std::size_t i = 0; i < n; ++i) dst[i] = (src[i] >= lo && src[i] <= hi) ? 1 : 0;
  return m;
}

}  // namespace tantalus::segment
