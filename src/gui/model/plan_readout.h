#pragma once
// The planning panel's read-outs of a plan, as text and flags: the cup, its angles
// against the Lewinnek zone, the centre's offset from the native one, each screw with
// its bone length (a breach or a short purchase flagged).
#include <string>
#include <vector>

#include "tantalus/plan/hip_plan.h"

namespace tantalus::gui {

struct ScrewReadout {
  std::string text;  // "posterior-superior 30 mm, 27.5 mm in bone"
  bool flagged = false;  // a warning: breach, short purchase
  std::string warning;
};

struct PlanReadout {
  std::string side, cup, angles, corOffset;
  std::string native;    // "native centre (the right acetabulum mirrored): (x, y, z) mm LPS, Ø d mm"
  std::string symmetry;  // "symmetry plane: 1.2 mm rms over 87 % of the surface matched"
  bool inLewinnekZone = true;
  std::string lewinnek;  // "in the Lewinnek zone (30–50°, 5–25°)" or what is outside
  std::vector<ScrewReadout> screws;
};

PlanReadout planReadout(const plan::HipPlan& p);
// "12.3" with one decimal (a spin box's neighbour text).
std::string oneDecimal(double v);

}  // namespace tantalus::gui
