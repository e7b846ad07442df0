// Known answers for resection tests: a spherical lesion's label map on the phantom's CT
// grid, and the phantom's bone on the removed side of a set of planes.
#include <cmath>

#include "parallel_for.h"
#include "phantom_anatomy.h"
#include "tantalus/core/error.h"
#include "tantalus/io/phantom.h"

namespace tantalus::io {

Mask phantomLesionMask(const PhantomOptions& o, const Eigen::Vector3d& centreLps, double radiusMm) {
  if (!(radiusMm > 0 && radiusMm < 100)) throw Error("a lesion's radius must be 0 to 100 mm", "phantom lesion", "use e.g. 8");
  Mask m(phantomGrid(o));
  const auto& g = m.geometry;
  const Eigen::Vector3d c = g.lpsToIndex(centreLps);
  const int r = int(std::ceil(radiusMm / g.spacing.minCoeff())) + 1;
  for (int k = int(c.z()) - r; k <= int(c.z()) + r; ++k)
    for (int j = int(c.y()) - r; j <= int(c.y()) + r; ++j)
      for (int i = int(c.x()) - r; i <= int(c.x()) + r; ++i)
        if (g.contains(i, j, k) && (g.indexToLps(Eigen::Vector3d(i, j, k)) - centreLps).norm() <= radiusMm) m.data[g.index(i, j, k)] = 1;
  return m;
}

double phantomBoneVolumeMm3(const PhantomOptions& o, const std::vector<HalfSpace>& halfSpaces, const Eigen::Vector3d& lo,
                            const Eigen::Vector3d& hi) {
  const detail::PhantomAnatomy a(o);
  const VolumeGeometry grid = phantomGrid(o);  // bone outside the scanned field is not in the CT
  const double h = 0.25;
  const Eigen::Array3i n = ((hi - lo) / h).array().ceil().cast<int>();
  std::vector<std::size_t> counts(std::size_t(n.z()), 0);
  detail::parallelFor(std::size_t(n.z()), Progress::none(), [&](std::size_t k) {
    std::size_t count = 0;
    for (int j = 0; j < n.y(); ++j)
      for (int i = 0; i < n.x(); ++i) {
        const Eigen::Vector3d p = a.toScannerPoint(lo + h * Eigen::Vector3d(i + 0.5, j + 0.5, double(k) + 0.5));
        bool inside = true;
        for (const auto& s : halfSpaces) inside = inside && (p - s.point).dot(s.normal) >= 0;
        const Eigen::Vector3d x = grid.lpsToIndex(p);
        for (int d = 0; d < 3; ++d) inside = inside && x[d] >= -0.5 && x[d] <= grid.size[d] - 0.5;
        if (!inside) continue;
        const double hu = a.hu(p);
        count += hu >= 226 && hu <= 3071;
      }
    counts[k] = count;
  });
  std::size_t total = 0;
  for (auto c : counts) total += c;
  return double(total) * h * h * h;
}

}  // namespace tantalus::io
