#include <nlohmann/json.hpp>

#include "tantalus/core/content_hash.h"
#include "tantalus/design/design_verification.h"
#include "tantalus/design/united_body.h"

namespace tantalus::design {

namespace {
using nlohmann::json;
json vec(const Eigen::Vector3d& v) { return json::array({v.x(), v.y(), v.z()}); }

json bodyJson(const check::MeshCheck& c) {
  return {{"printable", c.printable()},
          {"problems", c.problems},
          {"triangles", c.triangles},
          {"watertight", c.topology.watertight()},
          {"non_manifold_edges", c.topology.nonManifoldEdges},
          {"self_intersecting_face_pairs", c.selfIntersections ? json(*c.selfIntersections) : json()},
          {"bodies", c.shells.bodyVolumesMm3.size()},
          {"enclosed_voids", c.shells.voidVolumesMm3.size()},
          {"volume_mm3", c.volumeMm3},
          {"surface_area_mm2", c.areaMm2},
          {"thickness_p5_mm", c.thickness.p5Mm},
          {"size_mm", vec(c.bounds.sizes())},
          {"build_envelope_mm", vec(c.envelopeMm)},
          {"build_envelope_source", c.envelopeSource},
          {"mass_g", {{c.material.name, c.massG(c.material)}, {c.reference.name, c.massG(c.reference)}}},
          {"material_cost", {{c.material.name, c.cost(c.material)}, {c.reference.name, c.cost(c.reference)}}},
          {"currency", c.material.currency},
          {"prices", "indicative (resources/materials), not quotes"}};
}

json screwJson(const DesignedScrew& s) {
  return {{"number", s.number},          {"seat_point_lps", vec(s.seatPointLps)}, {"direction_lps", vec(s.directionLps)},
          {"tip_lps", vec(s.tipLps)},     {"length_mm", s.lengthMm},               {"diameter_mm", s.diameterMm},
          {"in_implant_mm", s.implantMm}, {"in_bone_mm", s.boneMm},                {"in_bone_fraction", s.boneFraction}};
}
}  // namespace

std::string screwsJson(const ImplantDesign& d) {
  json a = json::array();
  for (const auto& s : d.screwHoles) a.push_back(screwJson(s));
  return json({{"schema", "tantalus-screws/1"}, {"space", "LPS mm"}, {"screws", a}, {"left_out", d.screwsLeftOut}}).dump(2) +
         "\n";
}

namespace {
json unitedJson(const UnitedBodyFigures& f, const check::MeshCheck& solid) {
  const double latticeMl = f.latticeSolidMl();
  const double ml = solid.volumeMm3 / 1000.0 + latticeMl;
  json j = {{"porosity_measured", f.porosity},
          {"porous_layer_ml", f.porousLayerMl},
          {"lattice_solid_ml", latticeMl},
          {"titanium_ml", ml},
          {"mass_g", ml * solid.material.densityGPerCm3},
          {"triangles", f.triangles},
          {"stl_bytes", f.stlBytes},
          {"floating_fragments_dropped", f.floatingFragments},
          {"surface_mm2", f.surfaceMm2},
          {"porous_surface_mm2", f.porousSurfaceMm2},
          {"sub_voxel_pockets_filled", f.pocketsFilled},
          {"sub_voxel_pocket_voxels", f.pocketVoxels},
          {"lattice_bodies", f.latticeBodies},
          {"seconds", f.seconds},
          {"read_back", {{"debris_pieces_removed", f.debrisPieces},
                         {"debris_triangles_removed", f.debrisFaces},
                         {"largest_debris_mm", f.largestDebrisMm},
                         {"sub_pore_cavities_filled", f.cavitiesFilled},
                         {"largest_cavity_filled_mm", f.largestCavityFilledMm},
                         {"open_edges", f.topology.boundaryEdges},
                         {"non_manifold_edges", f.topology.nonManifoldEdges},
                         {"pieces", f.topology.components},
                         {"closed_single_shell", f.closedSingleShell()}}}};
  if (f.beams)
    j["beam_3mf"] = {{"beams", f.beams->beams}, {"nodes", f.beams->nodes}, {"solid_triangles", f.beams->triangles},
                     {"bytes", f.beams->bytes}};
  return j;
}
}  // namespace

std::string designReportJson(const ImplantDesign& d, const DesignVerification& v, const DesignParams& p,
                             const UnitedBodyFigures* print, const UnitedBodyFigures* machined) {
  json j;
  j["schema"] = "tantalus-design/1";
  j["liner"] = {{"name", d.liner.name},
                {"illustrative", d.liner.illustrative},
                {"inner_diameter_mm", d.liner.innerDiameterMm},
                {"outer_diameter_mm", d.liner.outerDiameterMm},
                {"seat_diameter_mm", d.liner.seatDiameterMm()},
                {"clearance_mm", d.liner.clearanceMm}};
  j["cup"] = {{"centre_lps", vec(d.cup.frame.origin)},
              {"axis_lps", vec(d.cup.frame.axis)},
              {"outer_diameter_mm", 2 * d.cup.outerRadiusMm},
              {"rim_above_centre_mm", d.cup.rimHeightMm},
              {"dense_shell_mm", d.cup.denseMm},
              {"porous_mm", d.cup.porousMm},
              {"wall_at_pole_mm", d.cup.wallAtPoleMm},
              {"machining_stock_mm", p.machiningStockMm}};
  j["augment"] = {{"volume_ml", d.augment.volumeMl},
                  {"defect_filled_fraction", d.augment.defectFilledFraction},
                  {"reach_mm", p.augmentReachMm},
                  {"envelope", p.augmentEnvelope.empty() ? json() : json(p.augmentEnvelope)},
                  {"bone_clearance_mm", p.boneClearanceMm}};
  j["flange"] = p.flangeMm > 0 ? json{{"thickness_mm", p.flangeMm},
                                      {"length_mm", p.flangeLengthMm},
                                      {"width_mm", p.flangeWidthMm},
                                      {"volume_ml", d.augment.flangeMl}}
                               : json();
  j["measured"] = {{"seat_diameter_mm", v.seat.diameterMm},
                   {"seat_rms_mm", v.seat.rmsMm},
                   {"seat_centre_from_plan_mm", v.seat.centreOffsetMm},
                   {"seat_points", v.seat.points},
                   {"liner_fit_mm", v.seat.diameterMm - d.liner.outerDiameterMm},
                   {"contact_samples", v.contact.samples},
                   {"contact_within_0_5_mm", v.contact.within05Fraction},
                   {"contact_median_mm", v.contact.medianMm},
                   {"contact_p90_mm", v.contact.p90Mm},
                   {"machined_vertices_outside_print", v.machinedInPrint.verticesOutside},
                   {"machined_max_outside_print_mm", v.machinedInPrint.maxOutsideMm}};
  j["print_body"] = bodyJson(v.print);
  j["machined_body"] = bodyJson(v.machined);
  // The same case gives the same geometry: these change only when the geometry does.
  j["print_body"]["geometry_hash"] = meshHash(d.printBody);
  j["machined_body"]["geometry_hash"] = meshHash(d.machinedBody);
  json screws = json::array();
  for (const auto& s : d.screwHoles) screws.push_back(screwJson(s));
  j["screws"] = screws;
  j["screws_left_out"] = d.screwsLeftOut;
  if (print && machined) {
    j["porous_layer"] = {{"fill", "lattice"},
                         {"cell_mm", print->cellMm},
                         {"strut_mm", print->strutMm},
                         {"voxel_mm", print->voxelMm},
                         {"mesh_adaptivity", print->adaptivity},
                         {"design_voxels_ml", d.porousMl},
                         {"print_body", unitedJson(*print, v.print)},
                         {"machined_body", unitedJson(*machined, v.machined)},
                         {"solid_parts", "print_body and machined_body above are the exact solid titanium the lattice is bonded to"}};
  } else {
    j["porous_layer"] = {{"fill", "solid"}, {"note", "design.porous_fill is solid (or porous_mm 0): the bodies are solid throughout"}};
  }
  j["warnings"] = d.warnings;
  return j.dump(2) + "\n";
}

}  // namespace tantalus::design
