#include "tantalus/plan/plan_html.h"

#include <sstream>

#include "tantalus/core/number_text.h"
#include "tantalus/render/html_page.h"

namespace tantalus::plan {

namespace {

using render::xmlEscape;

std::string fixed(double v, int digits = 1) { return fixedText(v, digits); }
std::string point(const Eigen::Vector3d& v) { return pointMmText(v); }
std::string unit(const Eigen::Vector3d& v) {
  return "(" + fixed(v.x(), 3) + ", " + fixed(v.y(), 3) + ", " + fixed(v.z(), 3) + ")";
}
std::string mm(double v) { return fixed(v) + " mm"; }
std::string deg(double v) { return fixed(v) + "°"; }
std::string ml(double v) { return fixed(v, 2) + " mL"; }
std::string angles(const CupAngles& a) { return deg(a.inclinationDeg) + " inclination / " + deg(a.anteversionDeg) + " anteversion"; }
std::string offset(const CorOffset& o) {
  return fixed(o.superiorMm) + " mm superior, " + fixed(o.lateralMm) + " mm lateral, " + fixed(o.anteriorMm) + " mm anterior";
}

using Table = render::HtmlTable;

void summary(std::ostringstream& h, const HipPlan& p) {
  Table t(h, "Proposal");
  t.row("Affected side", p.side.reason);
  t.row("Planned cup", mm(p.cup.outerDiameterMm) + " outer diameter, " + angles(p.cup.app) + " (APP)" +
                           (p.cup.inLewinnekZone ? ", in the Lewinnek zone" : ", OUTSIDE the Lewinnek zone (30–50°, 5–25°)"));
  t.row("Angles to the scanner", angles(p.cup.scanner));
  t.row("Opening axis (LPS)", unit(p.cup.axisLps));
  t.row("Centre", point(p.cup.centreLps) + ": " + p.cup.centreReason);
  t.row("Size", p.cup.sizeReason);
  t.row("COR offset of the plan from the native COR", offset(p.cup.fromNative));
  t.row("Defect", ml(p.defect.volumeMl) + ": " + p.defect.description + (p.defect.doubtful ? " (DOUBTFUL: see the warnings)" : ""));
  t.row("Defect by region (a voxel can be in two)", "superior " + ml(p.defect.superiorMl) + ", medial " + ml(p.defect.medialMl) +
                                                        ", posterior " + ml(p.defect.posteriorMl) + "; at the search's edge " +
                                                        ml(p.defect.farMl));
  t.row("Screws", std::to_string(p.screws.size()) + " planned");
  t.row("Symmetry residual", fixed(p.anatomy.symmetry.residualMm, 2) + " mm" + " (the pelvis against its mirror image: lower is surer)");
}

void oldImplant(std::ostringstream& h, const HipPlan& p) {
  {
    Table t(h, "Old implant");
    if (p.implant.cup) {
      const OldCup& c = *p.implant.cup;
      t.row("Cup", mm(c.outerDiameterMm) + " outer, " + mm(c.innerDiameterMm) + " inner, centre " + point(c.centreLps) +
                       ", fit rms " + mm(c.fitRmsMm));
      if (p.oldCupApp) t.row("Cup angles to the APP", angles(*p.oldCupApp));
      t.row("Cup opening axis (LPS)", unit(c.axisLps) + ", opening to the " + sideName(c.side));
      t.row("Cup angles to the scanner", angles(c.scanner));
      if (p.oldCupFromNative) t.row("Cup from the native COR (migration)", offset(*p.oldCupFromNative));
    } else {
      t.row("Cup", "none found");
    }
    t.row("Head", p.implant.head ? mm(p.implant.head->diameterMm) + ", centre " + point(p.implant.head->centreLps) +
                                       ", fit rms " + mm(p.implant.head->fitRmsMm)
                                 : "none found");
  }
  Table parts(h, "Metal parts");
  parts.header({"Kind", "Volume", "Centroid (LPS)", "Why"});
  for (const auto& part : p.implant.parts)
    parts.cells({kindName(part.kind), ml(part.volumeMl), point(part.centroidLps),
                 part.why + (part.cutByScan ? " (cut off by the scan)" : "")});
}

void anatomy(std::ostringstream& h, const HipPlan& p) {
  const HipAnatomy& a = p.anatomy;
  {
    Table t(h, "Hips");
    t.header({"Side", "Acetabulum centre", "Acetabulum diameter", "Fit rms", "Femoral head centre", "Head diameter"});
    for (int s = 0; s < 2; ++s) {
      const HipJoint& j = a.hip[std::size_t(s)];
      t.cells({s ? "left" : "right", j.socket ? point(j.socket->centre) : "—", j.socket ? mm(2 * j.socket->radiusMm) : "—",
               j.socket ? mm(j.socket->rmsMm) : "—", j.head ? point(j.head->centre) : "—", j.head ? mm(2 * j.head->radiusMm) : "—"});
    }
  }
  {
    Table parts(h, "Bone parts");
    parts.header({"Kind", "Volume", "Centroid (LPS)", "Why"});
    for (const auto& b : a.parts) parts.cells({b.kind, ml(b.volumeMl), point(b.centroidLps), b.why});
  }
  Table t(h, "Pelvic frame and native centre");
  t.row("Landmarks (" + a.landmarks.source + ")", "ASIS right " + point(a.landmarks.asis[0]) + ", left " + point(a.landmarks.asis[1]) +
                                                      "; pubic tubercles right " + point(a.landmarks.pubicTubercle[0]) +
                                                      ", left " + point(a.landmarks.pubicTubercle[1]));
  t.row("APP axes (LPS)", "left " + unit(a.frame.axes.col(0)) + ", posterior " + unit(a.frame.axes.col(1)) + ", superior " +
                              unit(a.frame.axes.col(2)) + "; origin " + point(a.frame.origin));
  t.row("Symmetry plane", "normal " + unit(a.symmetry.normal) + " through " + point(a.symmetry.point) + "; residual " +
                              fixed(a.symmetry.residualMm, 2) + " mm, median " + fixed(a.symmetry.medianMm, 2) + " mm");
  t.row("Native COR (contralateral acetabulum, mirrored)",
        point(p.native.mirroredLps) + "; that acetabulum " + mm(p.native.socketDiameterMm) + " across");
  t.row("Contralateral femoral head, mirrored", p.native.headMirroredLps ? point(*p.native.headMirroredLps) : "no native head");
  if (p.native.ownSocketLps) t.row("The affected side's own acetabulum", point(*p.native.ownSocketLps));
}

void screws(std::ostringstream& h, const HipPlan& p) {
  Table t(h, "Screws (cancellous)");
  t.header({"#", "Quadrant", "Diameter", "Length", "Bone along the path", "Entry (LPS)", "Tip (LPS)", "Leaves the bone at", "Warnings"});
  for (std::size_t i = 0; i < p.screws.size(); ++i) {
    const Screw& s = p.screws[i];
    std::string w;
    for (const auto& x : s.warnings) w += (w.empty() ? "" : "; ") + x;
    t.cells({std::to_string(i + 1), s.quadrant, mm(s.diameterMm), mm(s.lengthMm), mm(s.boneLengthMm), point(s.entryLps), point(s.tipLps),
             point(s.exitLps), w.empty() ? "—" : w});
  }
}


}  // namespace

std::string planReportHtml(const HipPlan& p, const std::vector<render::Figure>& figures,
                           const std::vector<ReportTiming>& timings, const std::vector<std::string>& warnings) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tantalus plan: " << sideName(p.side.side)
    << " hip</title><style>" << render::reportStyle() << "</style></head><body>\n<h1>Revision plan: " << sideName(p.side.side)
    << " hip</h1>\n<p>A first proposal for the planning team to review and edit (the case file holds every choice). "
       "Positions are DICOM LPS millimetres (x towards the patient's left, y posterior, z superior); angles are "
       "radiographic (Murray), in degrees; volumes in mL.</p>\n";
  summary(h, p);
  h << "<h2>Pictures</h2>\n";
  for (const auto& f : figures) h << render::figureHtml(f);
  oldImplant(h, p);
  anatomy(h, p);
  if (!p.screws.empty()) screws(h, p);
  h << render::warningsHtml(warnings);
  {
    Table t(h, "Time and memory");
    t.header({"Step", "Time", "Peak memory"});
    for (const auto& s : timings) t.cells({s.step, fixed(s.seconds, 2) + " s", fixed(s.peakRssMiB, 0) + " MiB"});
  }
  h << "</body></html>\n";
  return h.str();
}

}  // namespace tantalus::plan
