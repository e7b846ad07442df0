#include "tantalus/plan/plan_report.h"

#include <nlohmann/json.hpp>

#include "tantalus/core/json_text.h"

using nlohmann::json;

namespace tantalus::plan {

namespace {
json vec(const Eigen::Vector3d& v) { return json::array({v.x(), v.y(), v.z()}); }

json partJson(const MetalPart& p) {
  json j = {{"kind", kindName(p.kind)}, {"volume_ml", p.volumeMl}, {"centroid_lps", vec(p.centroidLps)}, {"why", p.why},
            {"cut_by_scan", p.cutByScan}};
  if (p.kind != MetalPart::Kind::other)
    j["sphere"] = {{"centre_lps", vec(p.sphere.centre)}, {"radius_mm", p.sphere.radiusMm}, {"rms_mm", p.sphere.rmsMm}};
  return j;
}
}  // namespace

std::string planReportJson(const SideChoice& side, const OldImplant& implant) {
  json parts = json::array();
  for (const auto& p : implant.parts) parts.push_back(partJson(p));
  json cup, head;
  if (implant.cup) {
    const auto& c = *implant.cup;
    cup = {{"centre_lps", vec(c.centreLps)},
           {"outer_diameter_mm", c.outerDiameterMm},
           {"inner_diameter_mm", c.innerDiameterMm},
           {"axis_lps", vec(c.axisLps)},
           {"side", sideName(c.side)},
           {"inclination_deg", c.scanner.inclinationDeg},
           {"anteversion_deg", c.scanner.anteversionDeg},
           {"angles_relative_to", "scanner axes"},
           {"fit_rms_mm", c.fitRmsMm}};
  }
  if (implant.head)
    head = {{"centre_lps", vec(implant.head->centreLps)}, {"diameter_mm", implant.head->diameterMm}, {"fit_rms_mm", implant.head->fitRmsMm}};
  const json j = {{"schema", "tantalus.plan"},
                  {"version", 1},
                  {"space", "LPS"},
                  {"units", {{"length", "mm"}, {"angle", "deg"}, {"volume", "mL"}}},
                  {"affected_side", sideName(side.side)},
                  {"side_reason", side.reason},
                  {"old_implant", {{"parts", parts}, {"cup", cup}, {"head", head}, {"min_part_ml", OldImplant::kMinPartMl}}}};
  return jsonText(j) + "\n";
}

}  // namespace tantalus::plan
