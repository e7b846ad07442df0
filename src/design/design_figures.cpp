// The design's pictures, rendered off-screen like the plan's.
#include <cmath>

#include "tantalus/core/number_text.h"
#include "tantalus/design/design_report_html.h"
#include "tantalus/render/scene.h"
#include "tantalus/render/slice.h"

namespace tantalus::design {

namespace {
using render::Figure;
using render::OrthoView;

constexpr int kMaxWidth = 640, kMaxHeight = 560;
const Eigen::Vector3d kBone{0.92, 0.87, 0.76}, kTitanium{0.55, 0.62, 0.78}, kScrew{0.95, 0.75, 0.2};
const char* const kMachinedInk = "#4d9bff";
const char* const kPrintInk = "#ff9f40";
const char* const kLinerInk = "#5ee07a";
const char* const kScrewInk = "#ffc933";

std::string mm(double v) { return fixedText(v, 1) + " mm"; }
std::string scale(const OrthoView& v) { return fixedText(v.mmPerPixel, 2) + " mm per pixel"; }

Eigen::Vector3d lateralOf(const plan::HipPlan& p) {
  const Eigen::Vector3d left = p.anatomy.frame.axes.col(0);
  return p.side.side == plan::Side::left ? left : Eigen::Vector3d(-left);
}

render::Scene implantScene(const plan::HipPlan& p, const render::MaskIndex& pelvisIndex, const ImplantDesign& d,
                           const Mesh& body, double boneOpacity) {
  render::Scene s;
  if (boneOpacity > 0) s.masks.push_back({&p.anatomy.pelvis, {kBone, boneOpacity}, &pelvisIndex});
  s.meshes.push_back({&body, {kTitanium, 1.0}});
  for (const auto& screw : d.screwHoles)
    s.rods.push_back({screw.seatPointLps, screw.tipLps, 0.5 * screw.diameterMm, {kScrew, 1.0}});
  return s;
}

void numberScrews(Figure& f, const ImplantDesign& d) {
  for (const auto& s : d.screwHoles) f.label(s.tipLps, kScrewInk, std::to_string(s.number));
}

std::string legend(const ImplantDesign& d) {
  std::string s = "Ivory: pelvis (host bone, translucent); steel blue: the print body (cup " + mm(2 * d.cup.outerRadiusMm) +
                  " with its augment)";
  if (!d.screwHoles.empty()) s += "; gold: screws (" + mm(d.screwHoles.front().diameterMm) + ", numbered as in the table)";
  return s + ".";
}


// The CT in the plane through the cup's axis and the pelvis's superior direction, with
// the machined and print bodies' sections and the liner's back.
Figure seatSection(const CtVolume& ct, const plan::HipPlan& p, const ImplantDesign& d, const Progress& progress) {
  const Eigen::Vector3d c = d.cup.frame.origin, axis = d.cup.frame.axis, sup = p.anatomy.frame.axes.col(2);
  Eigen::Vector3d normal = axis.cross(sup);
  if (normal.norm() < 1e-3) normal = axis.cross(p.anatomy.frame.axes.col(1));
  normal.normalize();
  if (normal.dot(p.anatomy.frame.axes.col(1)) < 0) normal = -normal;  // seen from the front
  const double r = d.cup.outerRadiusMm + 30;
  std::vector<Eigen::Vector3d> box;
  for (const Eigen::Vector3d& u : {axis, axis.cross(normal).normalized()}) {
    box.push_back(c + r * u);
    box.push_back(c - r * u);
  }
  Figure f;
  f.id = "section";
  f.title = "Section through the seat";
  f.view = OrthoView::framing(box, normal, sup, 5, kMaxWidth, kMaxHeight);
  f.view.centre += f.view.forward * f.view.depth(c);
  f.image = render::sliceImage(ct, f.view, {400, 1800}, {}, progress);
  for (const auto& [a, b] : planeSection(d.printBody, c, normal)) f.polyline({a, b}, kPrintInk, true);
  for (const auto& [a, b] : planeSection(d.machinedBody, c, normal)) f.polyline({a, b}, kMachinedInk);
  f.sphereSection(c, 0.5 * d.liner.outerDiameterMm, axis, kLinerInk, true);
  for (const auto& s : d.screwHoles)
    if (std::abs((s.tipLps - c).dot(normal)) < 3.0) f.polyline({s.seatPointLps, s.tipLps}, kScrewInk);
  f.caption = "The CT in the plane through the cup's axis (bone window, level 400 HU, width 1800 HU), " + scale(f.view) +
              ", seen from the front. Blue: the machined body's section (the finished seat, " +
              fixedText(d.liner.seatDiameterMm(), 2) + " mm, groove and slots); orange dashed: the print body's (" +
              fixedText(d.cup.denseMm, 1) + " mm dense shell around the seat, machining stock on it); green dashed: the " +
              d.liner.name + " liner's back (" + mm(d.liner.outerDiameterMm) + "); gold: screws within 3 mm of the plane.";
  return f;
}
}  // namespace

std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> planeSection(const Mesh& m, const Eigen::Vector3d& point,
                                                                      const Eigen::Vector3d& normal) {
  std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> out;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    Eigen::Vector3d p[3];
    double s[3];
    for (int k = 0; k < 3; ++k) p[k] = corner(m, f, k), s[k] = (p[k] - point).dot(normal);
    std::vector<Eigen::Vector3d> cut;
    for (int k = 0; k < 3; ++k) {
      const int l = (k + 1) % 3;
      if ((s[k] < 0) != (s[l] < 0)) cut.push_back(p[k] + (s[k] / (s[k] - s[l])) * (p[l] - p[k]));
    }
    if (cut.size() == 2) out.emplace_back(cut[0], cut[1]);
  }
  return out;
}

std::vector<Figure> designFigures(const CtVolume& ct, const plan::HipPlan& p, const ImplantDesign& d, const Progress& progress) {
  const render::MaskIndex pelvisIndex = render::indexMask(p.anatomy.pelvis);
  const std::vector<Eigen::Vector3d> box = render::boxCorners(p.anatomy.pelvis.geometry, pelvisIndex.box);
  const Eigen::Vector3d sup = p.anatomy.frame.axes.col(2), post = p.anatomy.frame.axes.col(1), lat = lateralOf(p);
  std::vector<Figure> out;
  progress.report(0, "rendering the implant on the bone");
  Figure ap = render::sceneFigure("implant-ap", "Implant on the bone, anterior view", OrthoView::framing(box, post, sup, 15, kMaxWidth, kMaxHeight),
                       implantScene(p, pelvisIndex, d, d.printBody, 0.45), progress.sub(0, 0.3));
  numberScrews(ap, d);
  ap.caption = "Anterior view along the pelvic frame's anterior–posterior axis, orthographic, " + scale(ap.view) +
               "; the patient's right on the left. " + legend(d);
  out.push_back(std::move(ap));
  Figure lateral = render::sceneFigure("implant-lateral", std::string("Implant on the bone, lateral view (") + plan::sideName(p.side.side) + ")",
                            OrthoView::framing(box, -lat, sup, 15, kMaxWidth, kMaxHeight),
                            implantScene(p, pelvisIndex, d, d.printBody, 0.45), progress.sub(0.3, 0.6));
  numberScrews(lateral, d);
  lateral.caption = std::string("Lateral view from the ") + plan::sideName(p.side.side) + " side, orthographic, " +
                    scale(lateral.view) + ". " + legend(d);
  out.push_back(std::move(lateral));
  progress.report(0.6, "the section through the seat");
  out.push_back(seatSection(ct, p, d, progress.sub(0.6, 0.7)));
  // Into the seat from the joint: the machined body with its holes, slots and groove.
  const double r = d.cup.outerRadiusMm + 4;
  std::vector<Eigen::Vector3d> cupBox;
  for (const Eigen::Vector3d& u : {d.cup.frame.u(), d.cup.frame.v()}) {
    cupBox.push_back(d.cup.frame.origin + r * u);
    cupBox.push_back(d.cup.frame.origin - r * u);
  }
  Figure seat = render::sceneFigure("seat", "The seat, seen from the joint", OrthoView::framing(cupBox, -d.cup.frame.axis, sup, 5, 520, 520),
                         implantScene(p, pelvisIndex, d, d.machinedBody, 0.0), progress.sub(0.7, 1.0));
  numberScrews(seat, d);
  seat.caption = "Looking into the machined seat along the cup's axis, orthographic, " + scale(seat.view) +
                 ": the finished seat (" + fixedText(d.liner.seatDiameterMm(), 2) + " mm), " +
                 std::to_string(d.liner.slotCount) + " anti-rotation slots at the rim, " +
                 std::to_string(d.screwHoles.size()) + " countersunk screw holes; gold: the screws, numbered as in the table.";
  out.push_back(std::move(seat));
  progress.report(1);
  return out;
}

}  // namespace tantalus::design
