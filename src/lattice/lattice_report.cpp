#include "tantalus/lattice/lattice_report.h"

#include <nlohmann/json.hpp>

#include "tantalus/core/error.h"
#include "tantalus/core/json_text.h"

namespace tantalus::lattice {

LatticeDesign designLattice(const LatticeParams& p, bool force, const std::string& where) {
  validate(p, where);
  LatticeDesign d;
  d.params = p;
  d.definition = parsePoreDefinition(p.definition, where + ".definition");
  d.machine = loadMachineProfile(p.machine);
  const double poreMm = p.poreUm / 1000.0;
  d.cell = solveCell(poreMm, p.porosity, d.definition);
  d.pores = poreReadings(d.cell);
  d.predictedPorosity = 1.0 - solidFractionFit(d.cell.ratio());
  d.printability = checkPrintable(poreMm, p.porosity, d.definition, d.machine);
  if (!d.printability.printable) {
    std::string problems, hint = "nearest printable: ";
    for (const auto& s : d.printability.problems) problems += (problems.empty() ? "" : "; ") + s;
    for (std::size_t i = 0; i < d.printability.suggestions.size(); ++i)
      hint += (i ? "  or  " : "") + d.printability.suggestions[i];
    hint += "  (or --force to build it anyway)";
    if (!force) throw Error("not printable on " + d.machine.name + ": " + problems, where, hint);
    d.forced = true;
    for (const auto& s : d.printability.problems) d.warnings.push_back("FORCED: " + s);
  }
  return d;
}

std::string latticeReportJson(const LatticeReportInputs& in) {
  using nlohmann::json;
  const LatticeDesign& d = *in.design;
  json j;
  j["schema"] = "tantalus.lattice-report";
  j["version"] = 1;
  j["space"] = "LPS";
  j["units"] = "mm";
  j["request"] = {{"poreUm", d.params.poreUm},
                  {"porosity", d.params.porosity},
                  {"definition", toString(d.definition)},
                  {"machine", d.machine.name},
                  {"skinMm", d.params.skinMm}};
  j["cell"] = {{"type", "rhombic dodecahedron (FCC Voronoi), struts along <111>"},
               {"cellEdgeMm", d.cell.cellMm},
               {"strutDiameterMm", d.cell.strutMm},
               {"strutLengthMm", d.cell.strutLengthMm()},
               {"strutToCellRatio", d.cell.ratio()}};
  j["pores"] = {{"windowMm", d.pores.windowMm},
                {"cellSphereMm", d.pores.cellSphereMm},
                {"tbSpEstimateMm", d.pores.tbSpEstimateMm},
                {"tbSpNote", "estimate from a one-point calibration (LATTICE.md), not measured"}};
  j["predicted"] = {{"porosity", d.predictedPorosity}, {"solidFraction", 1.0 - d.predictedPorosity},
                    {"model", "rho = 10.883 x^2 - 14.71 x^3, x = d/a"}};
  j["machine"] = {{"name", d.machine.name},      {"process", d.machine.process},
                  {"material", d.machine.material}, {"minStrutMm", d.machine.minStrutMm},
                  {"minPoreMm", d.machine.minPoreMm}, {"layerUm", d.machine.layerUm},
                  {"printable", d.printability.printable}, {"forced", d.forced}};
  j["warnings"] = d.warnings;
  for (const auto& w : in.warnings) j["warnings"].push_back(w);
  if (!d.printability.suggestions.empty()) j["suggestions"] = d.printability.suggestions;
  if (in.zone) {
    const auto& z = *in.zone;
    j["zone"] = {{"source", in.zoneSource},
                 {"kind", z.kind == LatticeZone::Kind::Box ? "box" : z.kind == LatticeZone::Kind::Mesh ? "mesh" : "level set"},
                 {"volumeMm3", z.volumeMm3()},
                 {"boundsMinMm", {z.box.min().x(), z.box.min().y(), z.box.min().z()}},
                 {"boundsMaxMm", {z.box.max().x(), z.box.max().y(), z.box.max().z()}}};
  }
  j["counts"] = {{"nodes", in.nodes}, {"struts", in.struts}};
  j["output"] = {{"file", in.output}};
  if (in.stl || in.beams) {
    const std::uint64_t n = in.stl ? in.stl->islandStruts : in.beams->islandStruts;
    const std::uint64_t k = in.stl ? in.stl->islandComponents : in.beams->islandComponents;
    const std::uint64_t sl = in.stl ? in.stl->sliverStruts : in.beams->sliverStruts;
    j["islands"] = {{"droppedStruts", n},
                    {"droppedFragments", k},
                    {"trimmedSliverStruts", sl},
                    {"keptBodies", in.stl ? in.stl->latticeBodies : 0},
                    {"subVoxelPocketsFilled", in.stl ? in.stl->pocketsFilled : 0},
                    {"rule", "struts joined through nodes whose ball reaches r/2 into the zone (and through the skin); kept: the part "
                             "attached to the skin, else the largest; other fragments are not built; solid specks of <= 27 voxels are removed; with a bonded solid, enclosed sub-voxel "
                             "pockets of <= 27 voxels (no wider than a strut) are filled"}};
  }
  if (in.stl) {
    const auto& s = *in.stl;
    j["output"]["format"] = "binary STL";
    j["output"]["bytes"] = s.stlBytes;
    j["mesh"] = {{"voxelMm", s.voxelMm},
                 {"tiles", s.tiles},
                 {"triangles", s.triangles},
                 {"activeVoxels", s.activeVoxels},
                 {"volumeMm3", s.meshVolumeMm3}};
    j["measured"] = {{"porosityFromMesh", s.porosityFromMesh()},
                     {"porosityFromVoxels", s.porosityFromVoxels()},
                     {"note", d.params.skinMm > 0 ? "includes the dense skin" : "lattice only"}};
    j["timing"] = {{"fillSeconds", s.fillSeconds}, {"meshSeconds", s.meshSeconds}, {"totalSeconds", s.totalSeconds}};
  }
  if (in.beams) {
    const auto& b = *in.beams;
    j["output"]["format"] = "3MF with Beam Lattice extension";
    j["output"]["bytes"] = b.bytes;
    j["beamLattice"] = {{"nodes", b.nodes}, {"beams", b.beams}, {"skinTriangles", b.skinTriangles}};
  }
  return jsonText(j) + "\n";
}

}  // namespace tantalus::lattice
