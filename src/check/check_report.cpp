#include <cstdio>
#include <nlohmann/json.hpp>

#include "tantalus/check/mesh_check.h"

namespace tantalus::check {

namespace {
nlohmann::json materialJson(const MeshCheck& c, const Material& m) {
  return {{"name", m.name},
          {"density_g_per_cm3", m.densityGPerCm3},
          {"density_source", m.densitySource},
          {"mass_g", c.massG(m)},
          {"price_per_kg", m.pricePerKg},
          {"currency", m.currency},
          {"price_source", m.priceSource},
          {"material_cost", c.cost(m)}};
}
}  // namespace

std::string checkReportJson(const MeshCheck& c) {
  nlohmann::json j;
  j["schema"] = "tantalus-check/1";
  j["file"] = c.file;
  j["printable"] = c.printable();
  j["problems"] = c.problems;
  j["triangles"] = c.triangles;
  j["vertices"] = c.vertices;
  const MeshTopology& t = c.topology;
  j["topology"] = {{"watertight", t.watertight()},
                   {"boundary_edges", t.boundaryEdges},
                   {"non_manifold_edges", t.nonManifoldEdges},
                   {"misoriented_edges", t.misorientedEdges},
                   {"degenerate_faces", t.degenerateFaces}};
  j["self_intersecting_face_pairs"] = c.selfIntersections ? nlohmann::json(*c.selfIntersections) : nlohmann::json();
  j["not_checked"] = c.notChecked;
  j["complete"] = c.complete();
  j["bodies_mm3"] = c.shells.bodyVolumesMm3;
  j["enclosed_voids_mm3"] = c.shells.voidVolumesMm3;
  j["volume_mm3"] = c.volumeMm3;
  j["surface_area_mm2"] = c.areaMm2;
  j["thickness_mm"] = {{"rays", c.thickness.rays}, {"misses", c.thickness.misses}, {"min", c.thickness.minMm},
                       {"p1", c.thickness.p1Mm}, {"p5", c.thickness.p5Mm}, {"median", c.thickness.medianMm}, {"machine_min_strut", c.minStrutMm}};
  j["porous_surface_mm2"] = {{"estimate", c.thickness.thinAreaMm2},
                             {"features_thinner_than_mm", c.thickness.thinBelowMm},
                             {"how", "faces whose inward ray meets the opposite face within that distance (struts), from the sampled faces"}};
  const Eigen::Vector3d lo = c.bounds.min(), hi = c.bounds.max();
  j["bounding_box_mm"] = {{"min", {lo.x(), lo.y(), lo.z()}}, {"max", {hi.x(), hi.y(), hi.z()}}};
  j["build_envelope"] = {{"machine", c.machine},
                         {"size_mm", {c.envelopeMm.x(), c.envelopeMm.y(), c.envelopeMm.z()}},
                         {"source", c.envelopeSource}};
  j["material"] = materialJson(c, c.material);
  j["reference_material"] = materialJson(c, c.reference);
  return j.dump(2) + "\n";
}

std::string checkSummaryText(const MeshCheck& c) {
  char b[512];
  std::string s;
  std::snprintf(b, sizeof b, "%s: %zu triangles, %zu bodies, %zu enclosed voids, volume %.1f mm³, area %.1f mm²\n",
                c.file.c_str(), c.triangles, c.shells.bodyVolumesMm3.size(), c.shells.voidVolumesMm3.size(), c.volumeMm3,
                c.areaMm2);
  s += b;
  std::snprintf(b, sizeof b, "thickness: min %.3f mm, 1st / 5th percentile %.3f / %.3f mm, median %.3f mm (machine minimum %.2f mm)\n",
                c.thickness.minMm, c.thickness.p1Mm, c.thickness.p5Mm, c.thickness.medianMm, c.minStrutMm);
  s += b;
  std::snprintf(b, sizeof b, "porous surface: about %.0f mm² (faces on features under %.1f mm thick: a lattice's struts, on a solid body its thin edges; a lower bound of what a coating must cover)\n",
                c.thickness.thinAreaMm2, c.thickness.thinBelowMm);
  s += b;
  std::snprintf(b, sizeof b, "mass: %.1f g in %s (%.0f %s), %.1f g in %s (%.0f %s); prices are indicative\n",
                c.massG(c.material), c.material.name.c_str(), c.cost(c.material), c.material.currency.c_str(),
                c.massG(c.reference), c.reference.name.c_str(), c.cost(c.reference), c.reference.currency.c_str());
  s += b;
  s += !c.printable() ? "printable: NO\n" : c.complete() ? "printable: yes\n" : "printable: yes, as far as tested (not every test ran)\n";
  for (const auto& p : c.problems) s += "  - " + p + "\n";
  for (const auto& n : c.notChecked) s += "  (" + n + ")\n";
  return s;
}

}  // namespace tantalus::check
