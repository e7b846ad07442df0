#include "tantalus/render/slice.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace tantalus::render {

double sampleHu(const CtVolume& ct, const Eigen::Vector3d& lps, double outside) {
  const VolumeGeometry& g = ct.geometry;
  const Eigen::Vector3d q = g.lpsToIndex(lps);
  const Eigen::Vector3d f = q.array().floor();
  const int i0 = int(f.x()), j0 = int(f.y()), k0 = int(f.z());
  const Eigen::Vector3d w = q - f;
  double sum = 0, weight = 0;
  for (int c = 0; c < 8; ++c) {
    const int i = i0 + (c & 1), j = j0 + (c >> 1 & 1), k = k0 + (c >> 2 & 1);
    const double wc = ((c & 1) ? w.x() : 1 - w.x()) * ((c >> 1 & 1) ? w.y() : 1 - w.y()) * ((c >> 2 & 1) ? w.z() : 1 - w.z());
    if (wc <= 0 || !g.contains(i, j, k)) continue;  // at the volume's border: the neighbours inside it
    sum += wc * ct.at(i, j, k);
    weight += wc;
  }
  return weight > 0.25 ? sum / weight : outside;
}

RgbImage sliceImage(const CtVolume& ct, const OrthoView& plane, const Window& window, const std::vector<MaskTint>& tints,
                    const Progress& progress) {
  RgbImage image(plane.width, plane.height);
  const double low = window.level - 0.5 * window.width, scale = 255.0 / std::max(1.0, window.width);
  std::atomic<bool> stop{false};
  tbb::parallel_for(tbb::blocked_range<int>(0, plane.height), [&](const tbb::blocked_range<int>& rows) {
    for (int y = rows.begin(); y != rows.end() && !stop; ++y) {
      if (progress.cancelled()) stop = true;
      for (int x = 0; x < plane.width; ++x) {
        const Eigen::Vector3d p = plane.pointAt(x + 0.5, y + 0.5);
        double grey = std::clamp((sampleHu(ct, p) - low) * scale, 0.0, 255.0);
        double r = grey, g = grey, b = grey;
        for (const auto& tint : tints)
          if (tint.mask && tint.mask->atLps(p)) {
            r += tint.opacity * (tint.colour.r - r);
            g += tint.opacity * (tint.colour.g - g);
            b += tint.opacity * (tint.colour.b - b);
          }
        auto byte = [](double v) { return std::uint8_t(std::clamp(std::lround(v), 0L, 255L)); };
        image.set(x, y, {byte(r), byte(g), byte(b)});
      }
    }
  });
  progress.check();
  return image;
}

}  // namespace tantalus::render
