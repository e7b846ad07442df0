// The saw slot: its frame in the plane, the block of walls around it, the cavity the
// blade runs in (exact: its walls are the plane ± half the slot's width).
#include <cmath>

#include "guide_internal.h"
#include "oriented_box.h"
#include "tantalus/core/error.h"

namespace tantalus::guides::detail {

SlotGeometry slotGeometry(const Plane& plane, const Eigen::Vector3d& entry, const Eigen::Vector3d& w, const GuideParams& p,
                          const std::string& where) {
  const Eigen::Vector3d n = plane.normal, along = n.cross(w);
  // The saw must enter the bone across the plane: a plane nearly tangent to the surface has no cut line.
  if (along.norm() < std::sin(20 * 3.14159265358979323846 / 180))
    throw Error("the plane runs within 20° of the bone's surface at its entry: a saw cannot be guided into it there", where,
                "tilt the plane, or move its point where it crosses the bone more steeply");
  SlotGeometry s;
  s.origin = entry;
  s.frame.col(0) = along.normalized();
  s.frame.col(2) = n;
  s.frame.col(1) = n.cross(s.frame.col(0));
  s.halfWidthMm = p.bladeMm / 2 + p.slotClearanceMm;
  s.halfLengthMm = p.slotLengthMm / 2;
  s.depthMm = std::max(p.slotDepthMm, p.thicknessMm);
  s.openSides = p.slotOpenSides;
  return s;
}

std::vector<char> slotBlockNodes(const PatchGrid& g, const SlotGeometry& s, double clearanceMm) {
  std::vector<char> block(g.height.size(), 0);
  const double W = s.blockHalfWidthMm();
  for (int j = 0; j < g.side(); ++j)
    for (int i = 0; i < g.side(); ++i) {
      const std::size_t q = g.id(i, j);
      if (!g.inPatch[q]) continue;
      const Eigen::Vector3d bottom = g.at(i, j, g.bottom(q, clearanceMm)), top = bottom + s.depthMm * g.w();
      const double s0 = (bottom - s.origin).dot(s.normal()), s1 = (top - s.origin).dot(s.normal());
      const bool crosses = std::min(s0, s1) <= W && std::max(s0, s1) >= -W;
      block[q] = crosses && std::abs((bottom - s.origin).dot(s.along())) <= s.halfLengthMm;
    }
  return block;
}

Mesh slotCavity(const SlotGeometry& s, double reachMm) {
  const double closedEnd = s.halfLengthMm - s.wallMm, openEnd = s.halfLengthMm + 1.0;
  const double lo = s.openSides >= 3 ? -openEnd : -closedEnd, hi = s.openSides >= 2 ? openEnd : closedEnd;
  return orientedBox(s.origin, s.frame, Eigen::Vector3d(lo, -reachMm, -s.halfWidthMm), Eigen::Vector3d(hi, reachMm, s.halfWidthMm));
}

}  // namespace tantalus::guides::detail
