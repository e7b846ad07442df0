#include <sstream>

#include "tantalus/core/number_text.h"
#include "tantalus/design/design_report_html.h"
#include "tantalus/render/html_page.h"

namespace tantalus::design {

namespace {
using render::HtmlTable;
std::string fx(double v, int digits = 1) { return fixedText(v, digits); }
std::string mm(double v, int digits = 1) { return fx(v, digits) + " mm"; }

void cupTable(std::ostringstream& h, const ImplantDesign& d, const DesignVerification& v, const DesignParams& p) {
  HtmlTable t(h, "Cup and liner");
  t.row("Cup", mm(2 * d.cup.outerRadiusMm, 0) + " outer diameter at " + pointMmText(d.cup.frame.origin) +
                   (d.cup.rimHeightMm > 0 ? ", " + fx(p.beyondEquatorDeg) + "° past the equator" : ", hemispherical"));
  t.row("Walls", mm(d.cup.denseMm) + " dense shell around the seat, " + mm(d.cup.porousMm) +
                     " porous layer on the bone side (not yet latticed: the print body is solid); " + mm(d.cup.wallAtPoleMm, 2) +
                     " at the pole");
  t.row("Liner", d.liner.name + ": " + mm(d.liner.innerDiameterMm, 0) + " inner / " + mm(d.liner.outerDiameterMm, 0) +
                     " outer" + (d.liner.illustrative ? " — an illustrative profile, not a real product" : ""));
  t.row("Seat", "profile " + mm(d.liner.seatDiameterMm(), 3) + "; measured on the machined body " + mm(v.seat.diameterMm, 3) +
                    " (rms " + mm(v.seat.rmsMm, 4) + "), centre " + mm(v.seat.centreOffsetMm, 3) + " from the planned centre");
  t.row("Liner fit", "seat minus liner " + mm(v.seat.diameterMm - d.liner.outerDiameterMm, 3) + " on the diameter (profile: " +
                         mm(d.liner.clearanceMm, 3) + ")");
  t.row("Machining stock", mm(p.machiningStockMm, 2) + " on the printed seat; machined vertices outside the print body: " +
                               std::to_string(v.machinedInPrint.verticesOutside));
}

void augmentTable(std::ostringstream& h, const ImplantDesign& d, const DesignVerification& v, const DesignParams& p) {
  HtmlTable t(h, "Augment");
  t.row("Volume", fx(d.augment.volumeMl, 1) + " mL outside the cup's sphere (" + fx(100 * d.augment.defectFilledFraction, 0) +
                      " % of the defect within reach)");
  t.row("Envelope", p.augmentEnvelope.empty() ? "within " + mm(p.augmentReachMm) + " of the cup's outer sphere, below its rim plane"
                                              : p.augmentEnvelope);
  t.row("Contact with the host bone", fx(100 * v.contact.within05Fraction, 1) + " % of " + std::to_string(v.contact.samples) +
                                          " points of the bone's surface facing the defect lie within 0.5 mm of the implant "
                                          "(median " + mm(v.contact.medianMm, 2) + ", 90th percentile " + mm(v.contact.p90Mm, 2) +
                                          "); clearance asked " + mm(p.boneClearanceMm, 2));
}

void bodiesTable(std::ostringstream& h, const DesignVerification& v) {
  HtmlTable t(h, "Bodies");
  t.header({"", "Print body (as printed)", "Machined body (after CNC)"});
  auto both = [&](const std::string& name, auto f) { t.cells({name, f(v.print), f(v.machined)}); };
  using C = check::MeshCheck;
  both("Triangles", [](const C& c) { return std::to_string(c.triangles); });
  both("Shells / enclosed voids", [](const C& c) {
    return std::to_string(c.shells.bodyVolumesMm3.size()) + " / " + std::to_string(c.shells.voidVolumesMm3.size());
  });
  both("Watertight, manifold", [](const C& c) { return std::string(c.topology.watertight() ? "yes" : "NO"); });
  both("Volume", [](const C& c) { return fx(c.volumeMm3 / 1000, 2) + " mL"; });
  both("Mass", [](const C& c) {
    return fx(c.massG(c.material), 0) + " g " + c.material.name + " / " + fx(c.massG(c.reference), 0) + " g " + c.reference.name;
  });
  both("Material cost (indicative)", [](const C& c) {
    return fx(c.cost(c.material), 0) + " " + c.material.currency + " / " + fx(c.cost(c.reference), 0) + " " + c.reference.currency;
  });
  both("Size as placed", [](const C& c) {
    const Eigen::Vector3d s = c.bounds.sizes();
    return fx(s.x()) + " × " + fx(s.y()) + " × " + fx(s.z()) + " mm (envelope " + fx(c.envelopeMm.x(), 0) + " × " +
           fx(c.envelopeMm.y(), 0) + " × " + fx(c.envelopeMm.z(), 0) + " mm, " + c.machine + ")";
  });
}

void screwTable(std::ostringstream& h, const ImplantDesign& d) {
  HtmlTable t(h, "Screws");
  t.header({"#", "Length", "Diameter", "In the implant", "In host bone", "Direction (LPS)"});
  for (const auto& s : d.screwHoles)
    t.cells({std::to_string(s.number), mm(s.lengthMm, 0), mm(s.diameterMm), mm(s.implantMm), mm(s.boneMm),
             "(" + fx(s.directionLps.x(), 3) + ", " + fx(s.directionLps.y(), 3) + ", " + fx(s.directionLps.z(), 3) + ")"});
  if (!d.screwsLeftOut.empty()) {
    std::string left;
    for (int n : d.screwsLeftOut) left += (left.empty() ? "" : ", ") + std::to_string(n);
    t.cells({"left out", left, "", "", "", "see the warnings"});
  }
}
}  // namespace

std::string designReportHtml(const ImplantDesign& d, const DesignVerification& v, const DesignParams& p,
                             const std::vector<render::Figure>& figures) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tantalus design</title><style>"
    << render::reportStyle() << "</style></head><body>\n<h1>Cup-plus-augment design</h1>\n"
    << "<p>One Ti6Al4V part from the plan (report.html): the cup at the planned centre, its augment filling the defect, "
       "the liner's seat, the screw holes. Positions are DICOM LPS millimetres. The print body is what the EB-PBF machine "
       "builds (machining stock on the seat); the machined body is the part after the CNC finish.</p>\n<h2>Pictures</h2>\n";
  for (const auto& f : figures) h << render::figureHtml(f);
  cupTable(h, d, v, p);
  augmentTable(h, d, v, p);
  bodiesTable(h, v);
  screwTable(h, d);
  h << render::warningsHtml(d.warnings) << "</body></html>\n";
  return h.str();
}

}  // namespace tantalus::design
