#include "tantalus/plan/plan_figures.h"

#include <Eigen/Eigenvalues>
#include <string>

#include "figure_text.h"
#include "tantalus/render/scene.h"
#include "tantalus/render/slice.h"

namespace tantalus::plan {

namespace {

using render::Figure;
using render::OrthoView;

constexpr int kMaxWidth = 640, kMaxHeight = 560;
const Eigen::Vector3d kBone{0.92, 0.87, 0.76}, kMetal{0.62, 0.64, 0.68}, kCup{0.25, 0.55, 0.95}, kScrew{0.95, 0.75, 0.2};
const char* const kCupInk = "#4d9bff";
const char* const kOldCupInk = "#ff9f40";
const char* const kNativeInk = "#5ee07a";
const char* const kLandmarkInk = "#ffe14d";
const char* const kScrewInk = "#ffc933";

Eigen::Vector3d lateralOf(const HipPlan& p) {
  const Eigen::Vector3d left = p.anatomy.frame.axes.col(0);
  return p.side.side == Side::left ? left : Eigen::Vector3d(-left);
}
Eigen::Vector3d posterior(const HipPlan& p) { return p.anatomy.frame.axes.col(1); }
Eigen::Vector3d superior(const HipPlan& p) { return p.anatomy.frame.axes.col(2); }

std::string mmText(double v) { return figureText(v) + " mm"; }

std::string scaleText(const OrthoView& v) { return figureText(v.mmPerPixel) + " mm per pixel"; }

// The masks with their indices, built once for every view.
struct Masks {
  const Mask& pelvis;
  const Mask& metal;
  render::MaskIndex pelvisIndex, metalIndex;
};

render::Scene planScene(const Masks& m, const HipPlan& p, double boneOpacity, double cupOpacity, bool withMetal) {
  render::Scene s;
  s.masks.push_back({&m.pelvis, {kBone, boneOpacity}, &m.pelvisIndex});
  if (withMetal) s.masks.push_back({&m.metal, {kMetal, 0.4}, &m.metalIndex});  // translucent: the planned cup shows through
  s.cups.push_back({p.cup.centreLps, p.cup.axisLps, 0.5 * p.cup.outerDiameterMm, {kCup, cupOpacity}});
  for (const auto& screw : p.screws) s.rods.push_back({screw.entryLps, screw.tipLps, 0.5 * screw.diameterMm, {kScrew, 1.0}});
  return s;
}

void markAnatomy(Figure& f, const HipPlan& p, bool landmarks) {
  const auto& l = p.anatomy.landmarks;
  if (landmarks) {
    f.marker(l.asis[0], kLandmarkInk, "ASIS R");
    f.marker(l.asis[1], kLandmarkInk, "ASIS L");
    f.marker(l.pubicTubercle[0], kLandmarkInk, "PT R");
    f.marker(l.pubicTubercle[1], kLandmarkInk, "PT L");
  }
  f.marker(p.native.mirroredLps, kNativeInk, "native COR");
}

void numberScrews(Figure& f, const HipPlan& p) {
  for (std::size_t i = 0; i < p.screws.size(); ++i) f.label(p.screws[i].tipLps, kScrewInk, std::to_string(i + 1));
}

std::string sceneLegend(const HipPlan& p) {
  std::string s = "Ivory: pelvis (host bone, translucent); grey: old implant (metal, translucent); blue: planned cup, " +
                  mmText(p.cup.outerDiameterMm) + " outer diameter";
  if (!p.screws.empty()) s += "; gold: screws (" + mmText(p.screws.front().diameterMm) + ", numbered as in the table)";
  return s + ". Green cross: native centre of rotation (mirrored).";
}


Figure sliceFigure(const std::string& id, const std::string& title, OrthoView v, const CtVolume& ct, const Mask& metal,
                   const HipPlan& p, const Progress& progress) {
  v.centre += v.forward * v.depth(p.cup.centreLps);  // the plane through the planned centre
  Figure f;
  f.id = id;
  f.title = title;
  f.view = v;
  const render::Window bone{400, 1800};
  f.image = render::sliceImage(ct, v, bone, {{&metal, {80, 220, 255}, 0.55}}, progress);
  f.sphereSection(p.cup.centreLps, 0.5 * p.cup.outerDiameterMm, p.cup.axisLps, kCupInk);
  for (const auto& old : p.implant.cups) f.sphereSection(old.centreLps, 0.5 * old.outerDiameterMm, old.axisLps, kOldCupInk, true);
  const char* oldCups = p.implant.cups.size() > 1 ? "the old cups' shells" : "the old cup's shell";
  markAnatomy(f, p, false);
  f.caption = title + " of the CT in the pelvic frame, through the planned centre; " + scaleText(v) +
              "; bone window (level 400 HU, width 1800 HU); cyan: metal. Blue: planned cup's shell, " +
              mmText(p.cup.outerDiameterMm) + "; orange dashed: " + oldCups +
              (p.implant.cups.empty() ? " (none found)" : "") +
              " (each outline the half of the sphere away from its opening); green cross: native centre of rotation.";
  return f;
}

// Across the screws' fan: along the normal of the plane their directions lie
// closest to, from the affected side.
Eigen::Vector3d acrossScrews(const HipPlan& p) {
  Eigen::Matrix3d c = Eigen::Matrix3d::Zero();
  for (const auto& s : p.screws) c += s.directionLps * s.directionLps.transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eig(c);
  Eigen::Vector3d n = eig.eigenvectors().col(0);
  if (p.screws.size() < 2 || !n.allFinite()) n = -lateralOf(p);
  return n.dot(lateralOf(p)) > 0 ? Eigen::Vector3d(-n) : n;
}

}  // namespace

std::vector<Figure> planFigures(const CtVolume& ct, const Mask& metal, const HipPlan& p, const Progress& progress) {
  const Masks masks{p.anatomy.pelvis, metal, render::indexMask(p.anatomy.pelvis), render::indexMask(metal)};
  const std::vector<Eigen::Vector3d> box = render::boxCorners(p.anatomy.pelvis.geometry, masks.pelvisIndex.box);
  const Eigen::Vector3d sup = superior(p), post = posterior(p), lat = lateralOf(p);
  const char* side = sideName(p.side.side);
  std::vector<Figure> out;

  progress.report(0, "rendering the anterior view");
  Figure ap = render::sceneFigure("ap", "Anterior view", OrthoView::framing(box, post, sup, 15, kMaxWidth, kMaxHeight),
                     planScene(masks, p, 0.45, 1.0, true), progress.sub(0, 0.25));
  markAnatomy(ap, p, true);
  numberScrews(ap, p);
  ap.caption = "Anterior view along the pelvic frame's anterior–posterior axis (perpendicular to the APP), orthographic, " +
               scaleText(ap.view) + "; the patient's right on the left. " + sceneLegend(p) +
               " Yellow crosses: the landmarks of the APP (ASIS, pubic tubercles).";
  out.push_back(std::move(ap));

  progress.report(0.25, "rendering the lateral view");
  Figure lateral = render::sceneFigure("lateral", std::string("Lateral view (") + side + ")",
                          OrthoView::framing(box, -lat, sup, 15, kMaxWidth, kMaxHeight),
                          planScene(masks, p, 0.45, 1.0, true), progress.sub(0.25, 0.5));
  markAnatomy(lateral, p, false);
  numberScrews(lateral, p);
  lateral.caption = std::string("Lateral view from the ") + side + " side, orthographic, " + scaleText(lateral.view) +
                    ". " + sceneLegend(p);
  out.push_back(std::move(lateral));

  progress.report(0.5, "reslicing the CT");
  out.push_back(sliceFigure("axial", "Axial slice", OrthoView::framing(box, sup, -post, 10, kMaxWidth, kMaxHeight), ct,
                            metal, p, progress.sub(0.5, 0.6)));
  out.push_back(sliceFigure("coronal", "Coronal slice", OrthoView::framing(box, post, sup, 10, kMaxWidth, kMaxHeight), ct,
                            metal, p, progress.sub(0.6, 0.7)));

  if (!p.screws.empty()) {
    std::vector<Eigen::Vector3d> pts;
    const double r = 0.5 * p.cup.outerDiameterMm;
    for (const Eigen::Vector3d& d : {sup, post, lat}) {
      pts.push_back(p.cup.centreLps + r * d);
      pts.push_back(p.cup.centreLps - r * d);
    }
    for (const auto& s : p.screws) pts.push_back(s.tipLps);
    progress.report(0.7, "rendering the screws");
    Figure screws = render::sceneFigure("screws", "Screws", OrthoView::framing(pts, acrossScrews(p), sup, 25, kMaxWidth, kMaxHeight),
                           planScene(masks, p, 0.3, 0.5, false), progress.sub(0.7, 1));
    numberScrews(screws, p);
    screws.caption = "Across the screws' fan (the view's normal is the direction their axes lie closest to), from the " +
                     std::string(side) + " side, orthographic, " + scaleText(screws.view) +
                     ". Ivory: pelvis (translucent); blue: planned cup (translucent); gold: " +
                     std::to_string(p.screws.size()) + " screws, " + mmText(p.screws.front().diameterMm) +
                     ", numbered as in the table; the old implant is left out.";
    out.push_back(std::move(screws));
  }
  progress.report(1);
  return out;
}

}  // namespace tantalus::plan
