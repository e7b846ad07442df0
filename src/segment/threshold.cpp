#include <tbb/parallel_for.h>

#include <algorithm>

#include "tantalus/segment/mask_ops.h"

namespace tantalus::segment {

Mask threshold(const CtVolume& ct, int lo, int hi) {
  Mask m;
  m.geometry = ct.geometry;
  m.data.resize(ct.hu.size());
  const std::int16_t* src = ct.hu.data();
  std::uint8_t* dst = m.data.data();
  const auto lo16 = std::int16_t(std::clamp(lo, -32768, 32767)), hi16 = std::int16_t(std::clamp(hi, -32768, 32767));
  if (lo > hi || lo > 32767 || hi < -32768) {  // empty window: nothing is set
    std::fill(m.data.begin(), m.data.end(), 0);
    return m;
  }
  // Memory-bound: split into 1 MiB blocks over all cores (the loop vectorises).
  const std::size_t n = ct.hu.size(), block = 1 << 20;
  // Captures by value: through references the byte stores could alias the
  // bounds and pointers, which stops vectorisation (3x slower, measured).
  tbb::parallel_for(std::size_t(0), (n + block - 1) / block, [=](std::size_t b) {
    const std::size_t end = std::min(n, (b + 1) * block);
    for (std::size_t i = b * block; i < end; ++i) dst[i] = std::uint8_t((src[i] >= lo16) & (src[i] <= hi16));
  });
  return m;
}

}  // namespace tantalus::segment
