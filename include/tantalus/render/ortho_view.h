#pragma once
// An orthographic camera in LPS millimetres: a picture plane through `centre`
// spanned by `right` and `up`, looked at along `forward` (= right × up's partner:
// right = forward × up). Pixel (x, y) counts from the top-left; its centre is
// (x + 0.5, y + 0.5) in the continuous coordinates project() returns, which are
// also the SVG overlay's.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tantalus::render {

struct OrthoView {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero();
  Eigen::Vector3d forward = Eigen::Vector3d::UnitY(), up = Eigen::Vector3d::UnitZ(), right = Eigen::Vector3d::UnitX();
  double mmPerPixel = 1;
  int width = 1, height = 1;

  // `upHint` is made perpendicular to `forward`; both need not be unit.
  static OrthoView looking(const Eigen::Vector3d& centre, const Eigen::Vector3d& forward, const Eigen::Vector3d& upHint,
                           double mmPerPixel, int width, int height);
  // The smallest view along `forward` holding every point (plus `marginMm` each
  // side) in at most maxWidth × maxHeight pixels, centred on them.
  template <class Points>
  static OrthoView framing(const Points& points, const Eigen::Vector3d& forward, const Eigen::Vector3d& upHint,
                           double marginMm, int maxWidth, int maxHeight);

  Eigen::Vector3d pointAt(double x, double y) const {  // on the picture plane; pixel centres at +0.5
    return centre + right * ((x - 0.5 * width) * mmPerPixel) + up * ((0.5 * height - y) * mmPerPixel);
  }
  Eigen::Vector2d project(const Eigen::Vector3d& p) const {
    const Eigen::Vector3d d = p - centre;
    return {d.dot(right) / mmPerPixel + 0.5 * width, 0.5 * height - d.dot(up) / mmPerPixel};
  }
  double depth(const Eigen::Vector3d& p) const { return (p - centre).dot(forward); }
};

template <class Points>
OrthoView OrthoView::framing(const Points& points, const Eigen::Vector3d& forward, const Eigen::Vector3d& upHint,
                             double marginMm, int maxWidth, int maxHeight) {
  OrthoView axes = looking(Eigen::Vector3d::Zero(), forward, upHint, 1, 1, 1);
  Eigen::Vector2d lo(1e300, 1e300), hi(-1e300, -1e300);
  Eigen::Vector3d mid = Eigen::Vector3d::Zero();
  double midDepth = 0;
  int n = 0;
  for (const Eigen::Vector3d& p : points) {
    const Eigen::Vector2d uv(p.dot(axes.right), p.dot(axes.up));
    lo = lo.cwiseMin(uv);
    hi = hi.cwiseMax(uv);
    midDepth += p.dot(axes.forward);
    ++n;
  }
  if (n == 0) return looking(Eigen::Vector3d::Zero(), forward, upHint, 1, maxWidth, maxHeight);
  midDepth /= n;
  const Eigen::Vector2d c = 0.5 * (lo + hi), extent = (hi - lo).array() + 2 * marginMm;
  mid = axes.right * c.x() + axes.up * c.y() + axes.forward * midDepth;
  const double mm = std::max({extent.x() / maxWidth, extent.y() / maxHeight, 1e-3});
  const int w = std::max(1, int(std::ceil(extent.x() / mm))), h = std::max(1, int(std::ceil(extent.y() / mm)));
  return looking(mid, forward, upHint, mm, std::min(w, maxWidth), std::min(h, maxHeight));
}

inline OrthoView OrthoView::looking(const Eigen::Vector3d& centre, const Eigen::Vector3d& forward,
                                    const Eigen::Vector3d& upHint, double mmPerPixel, int width, int height) {
  OrthoView v;
  v.centre = centre;
  if (!(forward.norm() > 0) || !forward.allFinite())
    throw std::invalid_argument("OrthoView: the view direction is zero or not finite");
  v.forward = forward.normalized();
  Eigen::Vector3d up = upHint - upHint.dot(v.forward) * v.forward;
  if (!(up.norm() > 0.1 * upHint.norm()))  // up (nearly) along forward: any perpendicular will do
    up = v.forward.unitOrthogonal();
  v.up = up.normalized();
  v.right = v.forward.cross(v.up);
  v.mmPerPixel = mmPerPixel;
  v.width = width;
  v.height = height;
  return v;
}

}  // namespace tantalus::render
