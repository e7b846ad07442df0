// guides.json: the planes and their margins, the piece removed, each guide's seating.
#include <nlohmann/json.hpp>
#include <sstream>

#include "tantalus/core/json_text.h"
#include "tantalus/guides/guide_set.h"

using nlohmann::json;

namespace tantalus::guides {

namespace {
json vec(const Eigen::Vector3d& v) { return json::array({v.x(), v.y(), v.z()}); }

json guideJson(const CuttingGuide& g, std::size_t i) {
  json wires = json::array();
  for (const auto& w : g.kwires) wires.push_back({{"entry_mm", vec(w.entryMm)}, {"direction", vec(w.direction)}});
  const Seating& s = g.seating;
  return {{"file", "guide_" + std::to_string(i + 1) + ".stl"},
          {"label", g.label},
          {"entry_mm", vec(g.entryMm)},
          {"insertion", vec(g.insertion)},
          {"slot_along", vec(g.slotAlong)},
          {"slot_width_mm", g.slotWidthMm},
          {"volume_mm3", g.volumeMm3},
          {"triangles", g.mesh.faceCount()},
          {"kwires", wires},
          {"seating",
           {{"contact_area_mm2", s.contactAreaMm2},
            {"patch_area_mm2", s.patchAreaMm2},
            {"within_clearance_tolerance", s.withinToleranceFraction},
            {"max_gap_mm", s.maxGapMm},
            {"undercut_points", s.undercutPoints},
            {"penetrating_points", s.penetratingPoints},
            {"curvature_spread_deg", s.curvatureSpreadDeg},
            {"one_position", s.unique()}}},
          {"warnings", g.warnings}};
}
}  // namespace

std::string guidesReportJson(const GuideSet& s) {
  json planes = json::array();
  for (std::size_t i = 0; i < s.planes.size(); ++i) {
    json p = {{"point_mm", vec(s.planes[i].point)}, {"normal", vec(s.planes[i].normal)}, {"cut_area_mm2", s.resection.cutAreaMm2[i]}};
    if (i < s.resection.margins.size()) {
      const PlaneMargin& m = s.resection.margins[i];
      p["lesion_distance_mm"] = m.minDistanceMm;
      p["lesion_nearest_mm"] = vec(m.nearestLesionPointMm);
      p["margin_violated"] = m.violated;
    }
    planes.push_back(p);
  }
  json guides = json::array();
  for (std::size_t i = 0; i < s.guides.size(); ++i) guides.push_back(guideJson(s.guides[i], i));
  json j = {{"schema", "tantalus.guides"},
            {"version", 1},
            {"margin_mm", s.marginMm},
            {"planes", planes},
            {"resection",
             {{"file", "resection.stl"},
              {"volume_mm3", s.resection.volumeMm3},
              {"volume_ml", s.resection.volumeMm3 / 1000},
              {"whole_bones_left", s.resection.wholeBonesLeft}}},
            {"lesion", s.lesion ? json{{"outside_piece_fraction", s.resection.lesionOutsideFraction},
                                       {"surface_triangles", s.lesion->faceCount()}}
                                : json()},
            {"guides", guides},
            {"bone_repair", s.boneRepair.summary()},
            {"seconds", s.seconds},
            {"warnings", s.warnings}};
  return jsonText(j) + "\n";
}

std::string guidesSummary(const GuideSet& s) {
  std::ostringstream o;
  o.precision(3);
  o << s.guides.size() << " guide(s) for " << s.planes.size() << " plane(s); resection " << s.resection.volumeMm3 / 1000 << " mL";
  if (!s.resection.margins.empty()) {
    double worst = 1e9;
    for (const auto& m : s.resection.margins) worst = std::min(worst, m.minDistanceMm);
    o << ", nearest plane " << worst << " mm from the lesion (margin " << s.marginMm << " mm)";
  }
  for (std::size_t i = 0; i < s.guides.size(); ++i)
    o << "; guide " << i + 1 << " " << s.guides[i].label << ": contact " << s.guides[i].seating.contactAreaMm2 << " mm², max gap "
      << s.guides[i].seating.maxGapMm << " mm";
  return o.str();
}

}  // namespace tantalus::guides
