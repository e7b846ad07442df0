#include "gui/model/plan_readout.h"

#include <cmath>
#include <cstdio>

namespace tantalus::gui {

std::string oneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::abs(v) < 0.05 ? 0.0 : v);
  return buf;
}

PlanReadout planReadout(const plan::HipPlan& p) {
  PlanReadout r;
  r.side = std::string(p.side.side == plan::Side::left ? "left" : "right") + " hip";
  const auto& c = p.cup;
  r.cup = oneDecimal(c.outerDiameterMm) + " mm cup — " + c.sizeReason;
  r.angles = "inclination " + oneDecimal(c.app.inclinationDeg) + "°, anteversion " + oneDecimal(c.app.anteversionDeg) +
             "° (to the APP; " + oneDecimal(c.scanner.inclinationDeg) + "° / " + oneDecimal(c.scanner.anteversionDeg) +
             "° to the scanner)";
  r.inLewinnekZone = c.inLewinnekZone;
  r.lewinnek = c.inLewinnekZone ? "in the Lewinnek zone (30–50°, 5–25°)" : "outside the Lewinnek zone (30–50°, 5–25°)";
  r.corOffset = "centre from native: " + oneDecimal(c.fromNative.superiorMm) + " mm superior, " +
                oneDecimal(c.fromNative.lateralMm) + " mm lateral, " + oneDecimal(c.fromNative.anteriorMm) + " mm anterior";
  const auto& n = p.native.mirroredLps;
  r.native = std::string("native centre (the ") + (p.side.side == plan::Side::left ? "right" : "left") +
             " acetabulum mirrored): (" + oneDecimal(n.x()) + ", " + oneDecimal(n.y()) + ", " + oneDecimal(n.z()) +
             ") mm LPS, Ø " + oneDecimal(p.native.socketDiameterMm) + " mm";
  const auto& sym = p.anatomy.symmetry;
  r.symmetry = "symmetry plane: " + oneDecimal(sym.residualMm) + " mm rms, " + std::to_string(int(sym.matchedFraction * 100 + 0.5)) +
               " % of the mirrored surface matched";
  for (const auto& s : p.screws) {
    ScrewReadout sr;
    sr.text = s.quadrant + " " + oneDecimal(s.lengthMm) + " mm, " + oneDecimal(s.boneLengthMm) + " mm in bone";
    sr.flagged = !s.warnings.empty();
    for (const auto& w : s.warnings) sr.warning += (sr.warning.empty() ? "" : "; ") + w;
    r.screws.push_back(std::move(sr));
  }
  return r;
}

}  // namespace tantalus::gui
