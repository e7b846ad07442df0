#pragma once
// The seat a stock liner snaps into, as the closed volume a CNC cutter removes from the
// cup. Cup frame: origin at the seat's centre (the planned centre of rotation), axis out of
// the cup's opening; z = 0 is the rim plane, the seat lies at z < 0.
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/machining/liner_profile.h"
#include "tantalus/machining/primitives.h"

namespace tantalus::machining {

struct SeatCutterOptions {
  // 0: the finished seat (groove and slots included). > 0: the seat as printed, smaller
  // by this much on every side, plain (groove and slots are machined, never printed).
  double stockMm = 0;
  double aboveRimMm = 5;  // the cutter runs on past the rim so no face lies on the cup's
  int segments = 256;     // around the axis (chord sag 0.002 mm on a 56 mm seat)
};

// The half-profile in (r, z), from the pole to the axis above the rim.
std::vector<ProfilePoint> seatProfile(const LinerProfile& liner, const SeatCutterOptions& o);
// Revolved profile, with the anti-rotation slots united (exact Boolean) when finished.
Mesh seatCutter(const LinerProfile& liner, const AxisFrame& cup, const SeatCutterOptions& o,
                const Progress& progress = Progress::none());
// Deepest point of the seat below the rim (mm): where the dense shell is thinnest.
double seatDepthMm(const LinerProfile& liner, double stockMm);

}  // namespace tantalus::machining
