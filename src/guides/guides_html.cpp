// guides.html: pictures rendered off-screen (render/scene.h) and the tables.
#include "tantalus/guides/guides_html.h"

#include <sstream>

#include "tantalus/core/number_text.h"
#include "tantalus/render/html_page.h"
#include "tantalus/render/scene.h"

namespace tantalus::guides {

namespace {
using render::Figure;
using render::OrthoView;

constexpr int kMaxWidth = 560, kMaxHeight = 480;
const Eigen::Vector3d kBone{0.92, 0.87, 0.76}, kGuide{0.35, 0.65, 0.95}, kPiece{0.9, 0.35, 0.3}, kLesion{0.6, 0.3, 0.75};
const char* const kPlaneInk = "#ff5050";
const char* const kMarginInk = "#ffd040";

std::string mm(double v) { return fixedText(v, 1) + " mm"; }

// Bounding-box corners of a mesh, to frame a view on it.
std::vector<Eigen::Vector3d> cornersOf(const Mesh& m) {
  const Eigen::AlignedBox3d b = bounds(m);
  std::vector<Eigen::Vector3d> c;
  for (int k = 0; k < 8; ++k) c.push_back(b.corner(Eigen::AlignedBox3d::CornerType(k)));
  return c;
}

// The guide on the bone, seen along its insertion (from where the surgeon places it).
Figure guideOnBone(const GuideSet& s, std::size_t i, const Mesh& bone, const Progress& progress) {
  const CuttingGuide& g = s.guides[i];
  render::Scene scene;
  scene.meshes.push_back({&bone, {kBone, 1.0}});
  scene.meshes.push_back({&g.mesh, {kGuide, 1.0}});
  Figure f;
  f.id = "guide-" + std::to_string(i + 1);
  f.title = "Guide " + std::to_string(i + 1) + " (" + g.label + ") on the bone";
  f.view = OrthoView::framing(cornersOf(g.mesh), -g.insertion, g.slotAlong.cross(g.insertion), 12, kMaxWidth, kMaxHeight);
  f.image = render::renderScene(scene, f.view, progress);
  for (const auto& w : g.kwires) f.marker(w.entryMm, kMarginInk, "K");
  f.caption = "Seen along the guide's insertion (it goes onto the bone along the view), " + fixedText(f.view.mmPerPixel, 2) +
              " mm per pixel. Blue: the guide (shell " + "on the bone, the saw slot's block, the K-wire sleeves, marked K); ivory: "
              "the bone. Contact " + fixedText(g.seating.contactAreaMm2, 0) + " mm², largest gap " + mm(g.seating.maxGapMm) + ".";
  return f;
}

// The planes edge-on beside the first guide's slot: the bone, the piece removed, the lesion.
Figure planesView(const GuideSet& s, const Mesh& bone, const Progress& progress) {
  render::Scene scene;
  scene.meshes.push_back({&bone, {kBone, 0.35}});
  scene.meshes.push_back({&s.resection.piece, {kPiece, 1.0}});
  if (s.lesion) scene.meshes.push_back({&*s.lesion, {kLesion, 1.0}});
  for (const auto& g : s.guides) scene.meshes.push_back({&g.mesh, {kGuide, 1.0}});
  const CuttingGuide& g0 = s.guides.front();
  std::vector<Eigen::Vector3d> box = cornersOf(s.resection.piece);
  for (const auto& g : s.guides)
    for (const auto& c : cornersOf(g.mesh)) box.push_back(c);
  Figure f;
  f.id = "planes";
  f.title = "Osteotomy planes and the piece removed";
  f.view = OrthoView::framing(box, g0.slotAlong, g0.insertion, 15, kMaxWidth, kMaxHeight);
  f.image = render::renderScene(scene, f.view, progress);
  const double reach = 0.5 * f.view.mmPerPixel * double(std::max(f.view.width, f.view.height));
  for (std::size_t i = 0; i < s.planes.size(); ++i) {
    const Plane& p = s.planes[i];
    Eigen::Vector3d in = p.normal.cross(f.view.forward);
    if (in.norm() < 1e-6) continue;  // the plane faces the view: no line
    in.normalize();
    f.polyline({p.point - reach * in, p.point + reach * in}, kPlaneInk, true);
    f.label(p.point, kPlaneInk, std::to_string(i + 1));
  }
  std::string margins;
  for (std::size_t i = 0; i < s.resection.margins.size(); ++i) {
    const PlaneMargin& m = s.resection.margins[i];
    f.marker(m.nearestLesionPointMm, kMarginInk, mm(m.minDistanceMm));
    margins += (margins.empty() ? "" : ", ") + std::string("plane ") + std::to_string(i + 1) + " " + mm(m.minDistanceMm) +
               (m.violated ? " (inside the margin)" : "");
  }
  f.caption = "Seen along the first guide's slot, " + fixedText(f.view.mmPerPixel, 2) +
              " mm per pixel. Red dashed: the planes (numbered); red: the piece removed (" +
              fixedText(s.resection.volumeMm3 / 1000, 2) + " mL); blue: the guides; ivory: the bone (translucent)" +
              (s.lesion ? "; purple: the lesion, its nearest points to the planes marked in yellow (" + margins + "; margin " +
                              mm(s.marginMm) + ")"
                        : "") +
              ".";
  return f;
}

void planesTable(std::ostringstream& h, const GuideSet& s) {
  render::HtmlTable t(h, "Osteotomy planes");
  t.header({"plane", "point (LPS)", "normal (into the piece)", "cut area", "to the lesion"});
  for (std::size_t i = 0; i < s.planes.size(); ++i) {
    const auto& p = s.planes[i];
    std::string lesion = "—";
    if (i < s.resection.margins.size())
      lesion = mm(s.resection.margins[i].minDistanceMm) + (s.resection.margins[i].violated ? " (inside the margin)" : "");
    t.cells({std::to_string(i + 1), pointMmText(p.point),
             "(" + fixedText(p.normal.x(), 3) + ", " + fixedText(p.normal.y(), 3) + ", " + fixedText(p.normal.z(), 3) + ")",
             fixedText(s.resection.cutAreaMm2[i], 0) + " mm²", lesion});
  }
}

void guidesTable(std::ostringstream& h, const GuideSet& s) {
  render::HtmlTable t(h, "Guides");
  t.header({"guide", "label", "volume", "contact", "at clearance ± 0.2 mm", "largest gap", "undercuts", "bone's curvature spread", "K-wires"});
  for (std::size_t i = 0; i < s.guides.size(); ++i) {
    const auto& g = s.guides[i];
    t.cells({"guide_" + std::to_string(i + 1) + ".stl", g.label, fixedText(g.volumeMm3 / 1000, 2) + " mL",
             fixedText(g.seating.contactAreaMm2, 0) + " mm²", fixedText(100 * g.seating.withinToleranceFraction, 1) + " %",
             mm(g.seating.maxGapMm), std::to_string(g.seating.undercutPoints), fixedText(g.seating.curvatureSpreadDeg, 1) + "°",
             std::to_string(g.kwires.size())});
  }
}
}  // namespace

std::vector<Figure> guidesFigures(const GuideSet& s, const Mesh& bone, const Progress& progress) {
  std::vector<Figure> out;
  const double n = double(s.guides.size() + 1);
  out.push_back(planesView(s, bone, progress.sub(0, 1 / n)));
  for (std::size_t i = 0; i < s.guides.size(); ++i) out.push_back(guideOnBone(s, i, bone, progress.sub(double(i + 1) / n, double(i + 2) / n)));
  return out;
}

std::string guidesReportHtml(const GuideSet& s, const Mesh& bone, const Progress& progress) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tantalus cutting guides</title><style>"
    << render::reportStyle() << "</style></head><body>\n<h1>Cutting guides</h1>\n"
    << "<p>The resection and its guides, from the case's osteotomy planes. Each guide seats on the bone along one "
       "direction, holds the saw blade in its plane and is pinned by K-wires aimed away from the cuts. Positions are "
       "DICOM LPS millimetres.</p>\n<h2>Pictures</h2>\n";
  for (const auto& f : guidesFigures(s, bone, progress)) h << render::figureHtml(f);
  planesTable(h, s);
  {
    render::HtmlTable t(h, "Resection");
    t.row("piece removed (resection.stl)", fixedText(s.resection.volumeMm3 / 1000, 2) + " mL");
    t.row("margin asked", mm(s.marginMm));
    if (s.lesion) t.row("lesion surface outside the piece", fixedText(100 * s.resection.lesionOutsideFraction, 1) + " %");
    t.row("bone surface repair", s.boneRepair.summary());
  }
  guidesTable(h, s);
  h << render::warningsHtml(s.warnings) << "</body></html>\n";
  return h.str();
}

}  // namespace tantalus::guides
