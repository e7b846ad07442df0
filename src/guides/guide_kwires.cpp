// K-wires: on the kept side of the plane, beside the slot's block, each in a sleeve that
// stands on the shell (cut to the shell's bone-facing side), aimed 15° away from the plane as it goes into the bone.
#include <cmath>
#include <sstream>

#include "guide_internal.h"
#include "tantalus/core/number_text.h"
#include "tantalus/machining/primitives.h"

namespace tantalus::guides::detail {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kTiltDeg = 15, kSleeveWallMm = 1.5, kSleeveMm = 8, kWireCheckMm = 60;

// Whether the sleeve's foot (within r of node (ci, cj)) stands on shell away from the
// slot's block; `column` gets the shell nodes within `reach` (what the leaning sleeve
// stands over: where the column is missing, the sleeve is trimmed).
bool footprint(const PatchGrid& g, const std::vector<char>& used, const std::vector<char>& block, int ci, int cj, double r,
               double reach, std::vector<char>& column) {
  column.assign(g.height.size(), 0);
  const int k = int(std::ceil(reach / g.step));
  for (int dj = -k; dj <= k; ++dj)
    for (int di = -k; di <= k; ++di) {
      const double d2 = double(di * di + dj * dj) * g.step * g.step;
      if (d2 > reach * reach) continue;
      const int i = ci + di, j = cj + dj;
      const bool shell = g.valid(i, j) && used[g.id(i, j)];
      if (d2 <= r * r && (!shell || block[g.id(i, j)])) return false;
      if (shell) column[g.id(i, j)] = 1;
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
  // The sleeve leans over its foot by its length · sin(tilt): its column reaches that far, and 1 mm more.
  const double reach = sleeveR + kSleeveMm * std::sin(kTiltDeg * kPi / 180) + 1.0;
  for (int k = 0; k < p.kwires; ++k) {
    // Spread along the slot: −L/3, +L/3, then 0 and the ends of a second row.
    const double a = (k % 2 == 0 ? -1.0 : 1.0) * (k < 2 ? slot.halfLengthMm * 2 / 3 : slot.halfLengthMm / 3);
    const double offset0 = slot.blockHalfWidthMm() + sleeveR + 1.0 + (k >= 2 ? 2 * sleeveR + 1.0 : 0.0);
    bool placed = false;
    for (int tries = 0; tries < 85 && !placed; ++tries) {
      // Farther from the slot by 1 mm steps (past an oblique slot's wide block), and along it by 0, ±3, ±6 mm.
      const double shifts[5] = {0, 3, -3, 6, -6}, extra = double(tries / 5), shift = shifts[tries % 5];
      int i = 0, j = 0;
      const Eigen::Vector3d target = slot.origin + (a + shift) * along - (offset0 + extra) * nt;
      std::vector<char> nodes;
      if (!g.nodeNear(target, i, j) || !footprint(g, used, block, i, j, sleeveR + 0.5, reach, nodes)) continue;
      const std::size_t q = g.id(i, j);
      const Eigen::Vector3d top = g.at(i, j, g.bottom(q, p.clearanceMm) + thickness[q]);
      const KWire wire{top - kSleeveMm * dir, dir};
      if (const std::string why = wireProblem(wire, top, own, planes); !why.empty()) {
        out.warnings.push_back("K-wire " + std::to_string(k + 1) + " at " + pointMmText(top) + " " + why + ": it is left out");
        placed = true;  // a farther spot would not be aimed better
        continue;
      }
      const auto axis = machining::AxisFrame::along(top, -dir);
      out.sleeves.push_back(machining::cylinderMesh(axis, sleeveR, -(thickness[q] + 10), kSleeveMm, 32));
      std::vector<double> tall(thickness.size(), thickness[q] + 2 * kSleeveMm + 20);
      std::vector<char> unused;
      out.columns.push_back(slabOver(g, nodes, i, j, p.clearanceMm, tall, unused));
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
