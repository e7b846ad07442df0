// K-wires: on the kept side of the plane, beside the slot's block, each in a sleeve that
// stands on the shell, aimed 15° away from the plane as it goes into the bone.
#include <cmath>
#include <sstream>

#include "guide_internal.h"
#include "tantalus/core/number_text.h"
#include "tantalus/machining/primitives.h"

namespace tantalus::guides::detail {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kTiltDeg = 15, kSleeveWallMm = 1.5, kSleeveMm = 8, kWireCheckMm = 60;

// Every node within `r` of node (ci, cj) is shell (used), not under the slot's block.
bool sleeveFits(const PatchGrid& g, const std::vector<char>& used, const std::vector<char>& block, int ci, int cj, double r) {
  const int k = int(std::ceil(r / g.step));
  for (int dj = -k; dj <= k; ++dj)
    for (int di = -k; di <= k; ++di) {
      if (double(di * di + dj * dj) * g.step * g.step > r * r) continue;
      const int i = ci + di, j = cj + dj;
      if (!g.valid(i, j) || !used[g.id(i, j)] || block[g.id(i, j)]) return false;
    }
  return true;
}

// How close the wire comes to its plane, and whether it enters the piece removed.
std::string wireProblem(const KWire& wire, const Eigen::Vector3d& top, const Plane& own, const std::vector<Plane>& planes) {
  for (double t = 0; t <= kWireCheckMm; t += 0.5) {
    const Eigen::Vector3d x = top + t * wire.direction;
    if (std::abs(own.signedDistance(x)) < 2.0) return "comes within 2 mm of the cut";
    bool inPiece = true;
    for (const Plane& p : planes) inPiece = inPiece && p.signedDistance(x) >= 0;
    if (inPiece) return "enters the piece removed";
  }
  return {};
}
}  // namespace

KWireSet placeKWires(const PatchGrid& g, const std::vector<char>& used, const std::vector<char>& block,
                     const std::vector<double>& thickness, const SlotGeometry& slot, const std::vector<Plane>& planes,
                     const GuideParams& p) {
  KWireSet out;
  const Eigen::Vector3d w = g.w(), n = slot.normal();
  const Eigen::Vector3d nt = (n - w * n.dot(w)).normalized(), along = slot.along();
  const double holeR = p.kwireMm / 2 + p.kwireClearanceMm, sleeveR = holeR + kSleeveWallMm;
  const Eigen::Vector3d dir = (-w * std::cos(kTiltDeg * kPi / 180) - nt * std::sin(kTiltDeg * kPi / 180)).normalized();
  const Plane own{slot.origin, n};
  for (int k = 0; k < p.kwires; ++k) {
    // Spread along the slot: −L/3, +L/3, then 0 and the ends of a second row.
    const double a = (k % 2 == 0 ? -1.0 : 1.0) * (k < 2 ? slot.halfLengthMm * 2 / 3 : slot.halfLengthMm / 3);
    const double offset0 = slot.blockHalfWidthMm() + sleeveR + 1.0 + (k >= 2 ? 2 * sleeveR + 1.0 : 0.0);
    bool placed = false;
    for (double extra = 0; extra <= 8 && !placed; extra += 1) {
      int i = 0, j = 0;
      const Eigen::Vector3d target = slot.origin + a * along - (offset0 + extra) * nt;
      if (!g.nodeNear(target, i, j) || !sleeveFits(g, used, block, i, j, sleeveR + 0.5)) continue;
      const std::size_t q = g.id(i, j);
      const Eigen::Vector3d top = g.at(i, j, g.height[q] + p.clearanceMm + thickness[q]);
      const KWire wire{top - kSleeveMm * dir, dir};
      if (const std::string why = wireProblem(wire, top, own, planes); !why.empty()) {
        out.warnings.push_back("K-wire " + std::to_string(k + 1) + " at " + pointMmText(top) + " " + why + ": it is left out");
        placed = true;  // a farther spot would not be aimed better
        continue;
      }
      const auto axis = machining::AxisFrame::along(top, -dir);
      out.sleeves.push_back(machining::cylinderMesh(axis, sleeveR, -thickness[q] / 2, kSleeveMm, 32));
      out.holes.push_back(machining::cylinderMesh(axis, holeR, -(thickness[q] + 30), kSleeveMm + 2, 24));
      out.wires.push_back(wire);
      placed = true;
    }
    if (!placed)
      out.warnings.push_back("no room on the patch for K-wire " + std::to_string(k + 1) +
                             " beside the slot: raise guides.patch_radius_mm or lower guides.kwires");
  }
  return out;
}

}  // namespace tantalus::guides::detail
