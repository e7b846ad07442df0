#pragma once
// A stock liner's seat as the cup must receive it: resources/liners/<name>.json. The
// shipped profiles are illustrative (they say so in `illustrative` and `source`); a real
// one comes from the liner maker's drawing.
#include <algorithm>
#include <string>

namespace tantalus::machining {

struct LinerProfile {
  std::string name;  // file stem, e.g. illustrative-36-56
  std::string description, source;
  bool illustrative = true;
  double innerDiameterMm = 0, outerDiameterMm = 0;
  enum class Seat { Spherical, Taper } seat = Seat::Spherical;
  double taperHalfAngleDeg = 0, taperLengthMm = 0;  // taper: a cone from the rim down
  // Diametral fit at the seat: seat Ø = outer Ø + clearance (negative: interference).
  double clearanceMm = 0;
  // Locking groove cut into the shell below the rim (width 0: none).
  double grooveFromRimMm = 0, grooveWidthMm = 0, grooveRadialDepthMm = 0;
  // Anti-rotation slots at the rim (count 0: none).
  int slotCount = 0;
  double slotWidthMm = 0, slotDepthMm = 0, slotRadialDepthMm = 0;

  double seatDiameterMm() const { return outerDiameterMm + clearanceMm; }
  bool hasGroove() const { return grooveWidthMm > 0; }
  // The lock (groove, slots): how far below the rim it reaches, and how deep into the wall.
  double lockDepthMm() const {
    return std::max(hasGroove() ? grooveFromRimMm + 0.5 * grooveWidthMm : 0.0, slotCount > 0 ? slotDepthMm : 0.0);
  }
  double lockRadialDepthMm() const {
    return std::max(hasGroove() ? grooveRadialDepthMm : 0.0, slotCount > 0 ? slotRadialDepthMm : 0.0);
  }
};

LinerProfile loadLinerProfile(const std::string& name, const std::string& where = {});
LinerProfile parseLinerProfile(const std::string& json, const std::string& where);

}  // namespace tantalus::machining
