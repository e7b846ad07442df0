#include "tantalus/machining/liner_profile.h"

#include "tantalus/core/error.h"
#include "tantalus/core/json_reader.h"
#include "tantalus/core/resources.h"

namespace tantalus::machining {

namespace {
const char* kDocs = "docs/machining.md";

void readSeat(const JsonReader& r, LinerProfile& p) {
  r.checkKeys("seat", {"kind", "halfAngleDeg", "lengthMm"});
  std::string kind = "spherical";
  r.get("seat.kind", kind);
  if (kind == "spherical") {
    p.seat = LinerProfile::Seat::Spherical;
  } else if (kind == "taper") {
    p.seat = LinerProfile::Seat::Taper;
    r.get("seat.halfAngleDeg", p.taperHalfAngleDeg);
    r.get("seat.lengthMm", p.taperLengthMm);
    if (!(p.taperHalfAngleDeg > 0 && p.taperHalfAngleDeg < 45))
      r.fail("seat.halfAngleDeg", "a taper needs a half-angle between 0 and 45 degrees", "e.g. 18");
    if (!(p.taperLengthMm > 0 && p.taperLengthMm < 0.5 * p.outerDiameterMm))
      r.fail("seat.lengthMm", "the taper length must be positive and less than the liner's outer radius", "e.g. 10");
  } else {
    r.fail("seat.kind", "unknown seat kind '" + kind + "'", "use spherical or taper");
  }
}

void readLock(const JsonReader& r, LinerProfile& p) {
  r.checkKeys("groove", {"fromRimMm", "widthMm", "radialDepthMm"});
  r.get("groove.fromRimMm", p.grooveFromRimMm);
  r.get("groove.widthMm", p.grooveWidthMm);
  r.get("groove.radialDepthMm", p.grooveRadialDepthMm);
  if (p.hasGroove() && p.seat == LinerProfile::Seat::Taper)
    r.fail("groove", "a taper seat locks by its taper: a groove is not cut in one", "remove the groove, or use a spherical seat");
  if (p.hasGroove() && !(p.grooveRadialDepthMm > 0 && p.grooveRadialDepthMm <= 2.0 && p.grooveFromRimMm > 0.5 * p.grooveWidthMm &&
                         p.grooveFromRimMm + 0.5 * p.grooveWidthMm < 0.4 * p.outerDiameterMm))
    r.fail("groove", "the groove must lie below the rim, within the seat, with a positive depth",
           "fromRimMm > widthMm / 2, and radialDepthMm > 0");
  r.checkKeys("antiRotationSlots", {"count", "widthMm", "depthMm", "radialDepthMm"});
  r.get("antiRotationSlots.count", p.slotCount);
  r.get("antiRotationSlots.widthMm", p.slotWidthMm);
  r.get("antiRotationSlots.depthMm", p.slotDepthMm);
  r.get("antiRotationSlots.radialDepthMm", p.slotRadialDepthMm);
  if (p.slotCount < 0 || p.slotCount > 24) r.fail("antiRotationSlots.count", "expected 0 to 24 slots", "e.g. 6");
  if (p.slotCount > 0 && !(p.slotWidthMm > 0 && p.slotDepthMm > 0 && p.slotRadialDepthMm > 0))
    r.fail("antiRotationSlots", "slots need a positive width, depth and radial depth", "or set count to 0");
  if (p.slotCount > 0 && p.slotCount * p.slotWidthMm > 0.5 * M_PI * p.outerDiameterMm)
    r.fail("antiRotationSlots", "the slots would take more than half of the rim", "fewer or narrower slots");
}
}  // namespace

LinerProfile parseLinerProfile(const std::string& text, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    throw Error(std::string("liner profile is not valid JSON: ") + e.what(), where, "fix the syntax");
  }
  const JsonReader r(j, where, kDocs);
  r.checkKeys("", {"description", "illustrative", "source", "innerDiameterMm", "outerDiameterMm", "seat", "clearanceMm",
                   "groove", "antiRotationSlots"});
  LinerProfile p;
  r.get("description", p.description);
  r.get("illustrative", p.illustrative);
  r.get("source", p.source);
  if (p.source.empty()) r.fail("source", "a liner profile must say where its dimensions come from", "the maker's drawing number");
  r.get("innerDiameterMm", p.innerDiameterMm);
  r.get("outerDiameterMm", p.outerDiameterMm);
  if (!(p.innerDiameterMm >= 22 && p.outerDiameterMm > p.innerDiameterMm + 6 && p.outerDiameterMm <= 80))
    r.fail("outerDiameterMm", "expected a head of 22 mm or more and a liner wall of at least 3 mm, outer diameter at most 80 mm",
           "check the drawing: e.g. inner 36, outer 56");
  r.get("clearanceMm", p.clearanceMm);
  if (!(std::abs(p.clearanceMm) <= 0.5))
    r.fail("clearanceMm", "the diametral clearance must be within ±0.5 mm", "e.g. 0.05 (a gap) or -0.02 (interference)");
  readSeat(r, p);
  readLock(r, p);
  return p;
}

LinerProfile loadLinerProfile(const std::string& name, const std::string& where) {
  const auto file = resourceFile("liners", name, where);
  LinerProfile p = parseLinerProfile(readTextFile(file), file.string());
  p.name = name;
  return p;
}

}  // namespace tantalus::machining
