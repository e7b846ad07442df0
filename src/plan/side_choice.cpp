#include "tantalus/plan/side_choice.h"

#include "figure_text.h"

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

}  // namespace

SideChoice chooseSide(const OldImplant& implant, const Eigen::Vector3d& body, const std::string& requested) {
  if (requested == "left" || requested == "right") {
    const Side s = requested == "left" ? Side::left : Side::right;
    return {s, std::string(sideName(s)) + " — as asked (plan.side / --side)"};
  }
  if (requested != "auto") throw Error("side must be auto, left or right, not '" + requested + "'", "--side", "use --side left");
  const auto name = [](int s) { return std::string(s ? "left" : "right"); };
  const auto pick = [&](int s, const std::string& why) { return SideChoice{s ? Side::left : Side::right, name(s) + " — " + why}; };
  // In order of what tells the side best: a cup, a head prosthesis, any other metal.
  struct Tier {
    MetalPart::Kind kind;
    const char* onBothSides;
    std::string (*why)(const Tally&, int side, const std::string& name);
  };
  static const Tier tiers[] = {
      {MetalPart::Kind::cupShell,
       "cup shells at both hip joints (bilateral hip replacements): the side to revise cannot be told from the CT",
       [](const Tally& t, int s, const std::string& n) { return "a cup shell (" + figureText(t.diameterMm[s]) + " mm) at the " + n + " hip joint"; }},
      {MetalPart::Kind::head, "femoral head prostheses on both sides: the side to revise cannot be told from the CT",
       [](const Tally& t, int s, const std::string& n) {
         return "a femoral head prosthesis (" + figureText(t.diameterMm[s]) + " mm) at the " + n + " hip, no cup";
       }},
      {MetalPart::Kind::stem, "femoral stems on both sides and no cup or separate head: the side to revise cannot be told from the CT",
       [](const Tally& t, int s, const std::string& n) {
         return "a femoral stem (" + figureText(t.ml[s]) + " mL) at the " + n + " hip, no cup";
       }},
      {MetalPart::Kind::other, "metal on both sides and no cup or head prosthesis: the side to plan cannot be told from the CT",
       [](const Tally& t, int s, const std::string& n) {
         return "metal on the " + n + " (" + figureText(t.ml[s]) +
                " mL: fixation hardware or screws), no cup: a conversion to a hip replacement";
       }},
  };
  for (const Tier& tier : tiers) {
    const Tally t = tally(implant, tier.kind, body);
    if (t.any(0) && t.any(1)) throw Error(tier.onBothSides, "--side", "give --side left or --side right");
    for (int s = 0; s < 2; ++s)
      if (t.any(s)) return pick(s, tier.why(t, s, name(s)));
  }
  throw Error("no metal in the CT: nothing tells which hip to plan (a tumour or dysplasia case?)", "--side",
              "give --side left or --side right");
}

}  // namespace tantalus::plan
