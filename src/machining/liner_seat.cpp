#include "tantalus/machining/liner_seat.h"

#include <cmath>

#include "tantalus/core/error.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::machining {

namespace {
constexpr double kDeg = M_PI / 180.0;

// Arc of the sphere of radius `radius` about the origin, from angle a0 to a1 below the rim
// plane (angle 0: the pole, pi/2: the rim), in `steps` steps; the first point is skipped
// when `skipFirst`.
void arc(std::vector<ProfilePoint>& p, double radius, double a0, double a1, int steps, bool skipFirst) {
  for (int i = skipFirst ? 1 : 0; i <= steps; ++i) {
    const double a = a0 + (a1 - a0) * i / steps;
    p.push_back({radius * std::sin(a), -radius * std::cos(a)});
  }
}

// A rectangular groove (radial depth d) between z0 < z1 on a spherical wall of radius R.
void groove(std::vector<ProfilePoint>& p, double radius, double z0, double z1, double d) {
  const double r0 = std::sqrt(radius * radius - z0 * z0), r1 = std::sqrt(radius * radius - z1 * z1);
  p.push_back({r0 + d, z0});
  p.push_back({r1 + d, z1});
  p.push_back({r1, z1});
}

std::vector<ProfilePoint> sphericalProfile(const LinerProfile& l, double radius, bool finished, double above) {
  std::vector<ProfilePoint> p{{0.0, -radius}};
  const int steps = 96;
  if (finished && l.hasGroove()) {
    const double z0 = -(l.grooveFromRimMm + 0.5 * l.grooveWidthMm), z1 = -(l.grooveFromRimMm - 0.5 * l.grooveWidthMm);
    const double a0 = std::acos(-z0 / radius), a1 = std::acos(-z1 / radius);
    arc(p, radius, 0, a0, int(steps * a0 / (0.5 * M_PI)) + 1, true);
    groove(p, radius, z0, z1, l.grooveRadialDepthMm);
    arc(p, radius, a1, 0.5 * M_PI, 8, true);
  } else {
    arc(p, radius, 0, 0.5 * M_PI, steps, true);
  }
  p.push_back({radius, above});
  p.push_back({0.0, above});
  return p;
}

// A cone from the rim (radius R) down `length` at `halfAngle`, then the sphere through
// its lower edge about the origin down to the pole.
std::vector<ProfilePoint> taperProfile(const LinerProfile& l, double stock, double above) {
  const double rimR = 0.5 * l.seatDiameterMm() - stock / std::cos(l.taperHalfAngleDeg * kDeg);
  const double lowR = rimR - l.taperLengthMm * std::tan(l.taperHalfAngleDeg * kDeg);
  if (!(lowR > 1.0))
    throw Error("the " + l.name + " taper narrows to nothing within its length", "liner profile seat",
                "check the taper's half-angle and length against the liner's outer diameter");
  const double domeR = std::hypot(lowR, l.taperLengthMm);
  std::vector<ProfilePoint> p{{0.0, -domeR}};
  arc(p, domeR, 0, std::atan2(lowR, l.taperLengthMm), 64, true);
  p.push_back({rimR, 0.0});
  p.push_back({rimR, above});
  p.push_back({0.0, above});
  return p;
}
}  // namespace

std::vector<ProfilePoint> seatProfile(const LinerProfile& liner, const SeatCutterOptions& o) {
  if (!(o.stockMm >= 0) || o.stockMm > 3) throw Error("machining stock must be between 0 and 3 mm", "design.machining_stock_mm", "e.g. 0.5");
  if (liner.seat == LinerProfile::Seat::Taper) return taperProfile(liner, o.stockMm, o.aboveRimMm);
  return sphericalProfile(liner, 0.5 * liner.seatDiameterMm() - o.stockMm, o.stockMm == 0, o.aboveRimMm);
}

double seatDepthMm(const LinerProfile& liner, double stockMm) {
  const std::vector<ProfilePoint> p = seatProfile(liner, {stockMm, 1.0, 16});
  return -p.front().z;
}

Mesh seatCutter(const LinerProfile& liner, const AxisFrame& cup, const SeatCutterOptions& o, const Progress& progress) {
  Mesh cutter = revolvedMesh(seatProfile(liner, o), cup, o.segments);
  if (o.stockMm > 0 || liner.slotCount == 0) return cutter;
  // Slots: boxes straddling the seat wall at the rim, from slotDepth below it to above it.
  const double rimR = 0.5 * liner.seatDiameterMm();  // both seat kinds meet the rim at the seat diameter
  std::vector<Mesh> slots;
  for (int k = 0; k < liner.slotCount; ++k) {
    const double angle = 2.0 * M_PI * k / liner.slotCount;
    const double inner = rimR - 1.0, outer = rimR + liner.slotRadialDepthMm;
    slots.push_back(frameBoxMesh(cup, 0.5 * (inner + outer), angle, {0.5 * (outer - inner), 0.5 * liner.slotWidthMm},
                                 -liner.slotDepthMm, o.aboveRimMm - 1.0));
  }
  return meshBoolean(cutter, "seat cutter", BooleanOp::Union, concatenate(slots), "anti-rotation slots", progress).mesh;
}

}  // namespace tantalus::machining
