#include "tantalus/plan/side_choice.h"

#include <sstream>

#include "tantalus/core/error.h"

namespace tantalus::plan {

namespace {
struct Tally {
  double ml[2] = {0, 0};  // [right, left]
  double largestMl[2] = {0, 0};
  double diameterMm[2] = {0, 0};
  bool any(int s) const { return ml[s] > 0; }
};

Tally tally(const OldImplant& implant, MetalPart::Kind kind, const Eigen::Vector3d& body) {
  Tally t;
  for (const auto& p : implant.parts) {
    if (p.kind != kind) continue;
    const int s = p.centroidLps.x() > body.x() ? 1 : 0;  // +x is the patient's left
    t.ml[s] += p.volumeMl;
    if (p.volumeMl > t.largestMl[s]) {
      t.largestMl[s] = p.volumeMl;
      t.diameterMm[s] = 2 * p.sphere.radiusMm;
    }
  }
  return t;
}

std::string mm(double v) {
  std::ostringstream s;
  s.precision(3);
  s << v;
  return s.str();
}
}  // namespace

SideChoice chooseSide(const OldImplant& implant, const Eigen::Vector3d& body, const std::string& requested) {
  if (requested == "left" || requested == "right") {
    const Side s = requested == "left" ? Side::left : Side::right;
    return {s, std::string(sideName(s)) + " — as asked (plan.side / --side)"};
  }
  if (requested != "auto") throw Error("side must be auto, left or right, not '" + requested + "'", "--side", "use --side left");
  const auto name = [](int s) { return std::string(s ? "left" : "right"); };
  const auto pick = [&](int s, const std::string& why) { return SideChoice{s ? Side::left : Side::right, name(s) + " — " + why}; };
  const Tally cups = tally(implant, MetalPart::Kind::cupShell, body);
  if (cups.any(0) && cups.any(1))
    throw Error("cup shells at both hip joints (bilateral hip replacements): the side to revise cannot be told from the CT",
                "--side", "give --side left or --side right");
  for (int s = 0; s < 2; ++s)
    if (cups.any(s)) return pick(s, "a cup shell (" + mm(cups.diameterMm[s]) + " mm) at the " + name(s) + " hip joint");
  const Tally heads = tally(implant, MetalPart::Kind::head, body);
  if (heads.any(0) && heads.any(1))
    throw Error("femoral head prostheses on both sides: the side to revise cannot be told from the CT", "--side",
                "give --side left or --side right");
  for (int s = 0; s < 2; ++s)
    if (heads.any(s)) return pick(s, "a femoral head prosthesis (" + mm(heads.diameterMm[s]) + " mm) at the " + name(s) + " hip, no cup");
  const Tally other = tally(implant, MetalPart::Kind::other, body);
  if (other.any(0) && other.any(1))
    throw Error("metal on both sides and no cup or head prosthesis: the side to plan cannot be told from the CT", "--side",
                "give --side left or --side right");
  for (int s = 0; s < 2; ++s)
    if (other.any(s))
      return pick(s, "metal on the " + name(s) + " (" + mm(other.ml[s]) +
                         " mL: fixation hardware, a stem or screws), no cup: a conversion to a hip replacement");
  throw Error("no metal in the CT: nothing tells which hip to plan (a tumour or dysplasia case?)", "--side",
              "give --side left or --side right");
}

}  // namespace tantalus::plan
