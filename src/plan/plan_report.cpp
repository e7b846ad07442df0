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
  if (p.kind == MetalPart::Kind::head || p.kind == MetalPart::Kind::cupShell ||
      (p.kind == MetalPart::Kind::stem && p.sphere.valid()))  // a stem's: the head on it
    j["sphere"] = {{"centre_lps", vec(p.sphere.centre)}, {"radius_mm", p.sphere.radiusMm}, {"rms_mm", p.sphere.rmsMm}};
  return j;
}


json sphereJson(const std::optional<HipSphere>& s) {
  if (!s) return nullptr;
  return {{"centre_lps", vec(s->centre)}, {"diameter_mm", 2 * s->radiusMm}, {"rms_mm", s->rmsMm},
          {"coverage", s->coverage}, {"points", s->inliers.size()}};
}

json offsetJson(const CorOffset& o) {
  return {{"superior_mm", o.superiorMm}, {"lateral_mm", o.lateralMm}, {"anterior_mm", o.anteriorMm}};
}

json anglesJson(const CupAngles& a) { return {{"inclination_deg", a.inclinationDeg}, {"anteversion_deg", a.anteversionDeg}}; }

json oldImplantJson(const HipPlan& p) {
  const OldImplant& implant = p.implant;
  json parts = json::array();
  for (const auto& part : implant.parts) parts.push_back(partJson(part));
  json cup, head;
  if (implant.cup) {
    const auto& c = *implant.cup;
    cup = {{"centre_lps", vec(c.centreLps)},
           {"outer_diameter_mm", c.outerDiameterMm},
           {"inner_diameter_mm", c.innerDiameterMm},
           {"axis_lps", vec(c.axisLps)},
           {"side", sideName(c.side)},
           {"relative_to_app", anglesJson(*p.oldCupApp)},
           {"relative_to_scanner", anglesJson(c.scanner)},
           {"from_native_cor", p.oldCupFromNative ? offsetJson(*p.oldCupFromNative) : json()},
           {"fit_rms_mm", c.fitRmsMm}};
  }
  if (implant.head)
    head = {{"centre_lps", vec(implant.head->centreLps)}, {"diameter_mm", implant.head->diameterMm}, {"fit_rms_mm", implant.head->fitRmsMm}};
  return {{"parts", parts}, {"cup", cup}, {"head", head}, {"min_part_ml", OldImplant::kMinPartMl}};
}

json anatomyJson(const HipPlan& p) {
  const HipAnatomy& a = p.anatomy;
  json hips = json::object();
  for (int side = 0; side < 2; ++side)
    hips[side ? "left" : "right"] = {{"acetabulum", sphereJson(a.hip[std::size_t(side)].socket)},
                                     {"femoral_head", sphereJson(a.hip[std::size_t(side)].head)}};
  json parts = json::array();
  for (const auto& b : a.parts)
    parts.push_back({{"kind", b.kind}, {"volume_ml", b.volumeMl}, {"centroid_lps", vec(b.centroidLps)}, {"why", b.why}});
  const auto& l = a.landmarks;
  return {{"hips", hips},
          {"bone_parts", parts},
          {"symmetry_plane", {{"normal_lps", vec(a.symmetry.normal)}, {"point_lps", vec(a.symmetry.point)},
                              {"residual_mm", a.symmetry.residualMm}, {"median_mm", a.symmetry.medianMm},
                              {"iterations", a.symmetry.iterations}}},
          {"landmarks", {{"asis_right", vec(l.asis[0])}, {"asis_left", vec(l.asis[1])},
                         {"pubic_tubercle_right", vec(l.pubicTubercle[0])}, {"pubic_tubercle_left", vec(l.pubicTubercle[1])},
                         {"source", l.source}}},
          {"app", {{"left_lps", vec(a.frame.axes.col(0))}, {"posterior_lps", vec(a.frame.axes.col(1))},
                   {"superior_lps", vec(a.frame.axes.col(2))}, {"origin_lps", vec(a.frame.origin)}}}};
}

json nativeJson(const NativeCentre& n) {
  return {{"mirrored_lps", vec(n.mirroredLps)},
          {"contralateral_acetabulum_diameter_mm", n.socketDiameterMm},
          {"mirrored_femoral_head_lps", n.headMirroredLps ? vec(*n.headMirroredLps) : json()},
          {"own_acetabulum_lps", n.ownSocketLps ? vec(*n.ownSocketLps) : json()}};
}

json cupJson(const CupPlan& c) {
  return {{"centre_lps", vec(c.centreLps)},
          {"axis_lps", vec(c.axisLps)},
          {"outer_diameter_mm", c.outerDiameterMm},
          {"size_reason", c.sizeReason},
          {"centre_reason", c.centreReason},
          {"relative_to_app", anglesJson(c.app)},
          {"relative_to_scanner", anglesJson(c.scanner)},
          {"in_lewinnek_zone", c.inLewinnekZone},
          {"cor_offset_from_native", offsetJson(c.fromNative)}};
}
json screwsJson(const std::vector<Screw>& screws) {
  json a = json::array();
  for (const auto& s : screws)
    a.push_back({{"entry_lps", vec(s.entryLps)}, {"direction_lps", vec(s.directionLps)}, {"tip_lps", vec(s.tipLps)},
                 {"exit_lps", vec(s.exitLps)}, {"length_mm", s.lengthMm}, {"bone_length_mm", s.boneLengthMm},
                 {"diameter_mm", s.diameterMm}, {"quadrant", s.quadrant}, {"warnings", s.warnings}});
  return a;
}
}  // namespace

std::string planReportJson(const HipPlan& p, const std::vector<ReportTiming>& timings,
                           const std::vector<std::string>& warnings) {
  json t = json::array();
  for (const auto& s : timings) t.push_back({{"step", s.step}, {"seconds", s.seconds}, {"peak_rss_mib", s.peakRssMiB}});
  const json j = {{"schema", "tantalus.plan"},
                  {"version", 3},
                  {"space", "LPS"},
                  {"units", {{"length", "mm"}, {"angle", "deg"}, {"volume", "mL"}}},
                  {"angle_convention", "radiographic (Murray 1993)"},
                  {"affected_side", sideName(p.side.side)},
                  {"side_reason", p.side.reason},
                  {"old_implant", oldImplantJson(p)},
                  {"anatomy", anatomyJson(p)},
                  {"native_cor", nativeJson(p.native)},
                  {"planned_cup", cupJson(p.cup)},
                  {"defect", {{"volume_ml", p.defect.volumeMl}, {"superior_ml", p.defect.superiorMl},
                              {"medial_ml", p.defect.medialMl}, {"posterior_ml", p.defect.posteriorMl},
                              {"description", p.defect.description}, {"doubtful_streaks", p.defect.doubtful}, {"far_ml", p.defect.farMl},
                              {"definition", "native bone (the mirrored contralateral pelvis) missing from the host bone, outside the planned cup's outer sphere"}}},
                  {"screws", screwsJson(p.screws)},
                  {"warnings", warnings},
                  {"timings", t}};
  return jsonText(j) + "\n";
}

}  // namespace tantalus::plan
