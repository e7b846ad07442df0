// The design step: the cup-plus-augment from the plan, as the print body and the
// machined body, the seat cutter and the screws, each checked (design.json).
#include <sstream>

#include "content_hash.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/resources.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/design/design_report_html.h"
#include "tantalus/design/design_verification.h"
#include "tantalus/design/united_body.h"
#include "tantalus/pipeline/pipeline.h"

namespace tantalus::pipeline {

namespace {

// design.augment_envelope, resolved against the case file's folder (empty: none).
std::filesystem::path envelopePath(const StepContext& ctx) { return ctx.resolved(ctx.caseFile.design.augmentEnvelope); }

std::optional<Mesh> envelopeMesh(const StepContext& ctx, std::string& name) {
  const std::filesystem::path file = envelopePath(ctx);
  if (file.empty()) return std::nullopt;
  name = file.string();
  const Mesh m = weldVertices(readStl(file));
  const MeshTopology t = analyseTopology(m);
  if (!t.watertight() || !t.consistentlyOriented())
    throw Error("the augment envelope is not closed and consistently oriented (" + std::to_string(t.boundaryEdges) +
                    " edges border a hole, " + std::to_string(t.nonManifoldEdges) + " are shared by three or more faces, " +
                    std::to_string(t.misorientedEdges) + " are walked the same way by both faces)",
                name + " (design.augment_envelope)", "close it in a mesh editor (tantalus check shows where), or remove design.augment_envelope");
  return m;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
  return s;
}

// Problems that mean the geometry is wrong stop the step; the others (build envelope,
// thin walls) are warnings for the people choosing the machine.
void judge(StepContext& ctx, const design::ImplantDesign& d, const design::DesignVerification& v) {
  for (const check::MeshCheck* c : {&v.print, &v.machined}) {
    const bool broken = !c->topology.watertight() || c->topology.misorientedEdges || c->shells.bodyVolumesMm3.size() != 1 ||
                        !c->shells.voidVolumesMm3.empty() || (c->selfIntersections && *c->selfIntersections);
    if (broken)
      throw Error(c->file + " is not one closed, intersection-free shell: " + joined(c->problems),
                  "design", "a defect in the design step: please report it with the case file");
    for (const auto& p : c->problems) ctx.warn(c->file + ": " + p, "design");
  }
  const double seat = v.seat.points ? std::abs(v.seat.diameterMm - d.liner.seatDiameterMm()) : 1e9;
  if (seat > 0.05 || v.seat.centreOffsetMm > 0.1)
    throw Error("the machined seat measures " + fixedText(v.seat.diameterMm, 3) + " mm, centred " + fixedText(v.seat.centreOffsetMm, 3) +
                    " mm from the plan (profile " + fixedText(d.liner.seatDiameterMm(), 3) + " mm)",
                "design", "a defect in the design step: please report it with the case file");
  if (v.contact.samples == 0 && d.augment.volumeMl > 1.0)
    ctx.warn("the augment's contact with the host bone could not be measured: no surface of the bone faces the defect it fills",
             "design");
  if (v.contact.samples > 0 && v.contact.within05Fraction < 0.9)
    ctx.warn("only " + fixedText(100 * v.contact.within05Fraction, 0) +
                 " % of the bone's surface facing the defect lies within 0.5 mm of the augment (90 % wanted): check the envelope and "
                 "the clearance",
             "design");
  if (v.machinedInPrint.verticesOutside)
    throw Error("the machined body pokes " + fixedText(v.machinedInPrint.maxOutsideMm, 3) + " mm out of the print body", "design",
                "a defect in the design step: please report it with the case file");
}

// The layer's porosity as measured on the build, against the lattice's target.
void judgeLayer(StepContext& ctx, const design::UnitedBodyFigures& f, double target) {
  if (std::abs(f.porosity - target) > 0.01)
    ctx.warn("the porous layer measures " + fixedText(100 * f.porosity, 1) + " % porosity against " + fixedText(100 * target, 0) +
                 " % asked (outside ±1 %): a layer thinner than a cell clips most struts; check design.porous_mm against the cell (" +
                 fixedText(f.cellMm, 2) + " mm)",
             "design");
  if (f.latticeBodies > 1)
    ctx.warn("the lattice falls into " + std::to_string(f.latticeBodies) + " separate bodies", "design");
}

// What the read-back of a united body found: debris removed (said), anything else wrong.
void judgeUnited(StepContext& ctx, const design::UnitedBodyFigures& f, const std::string& file) {
  if (f.debrisPieces)
    ctx.warn(file + ": " + std::to_string(f.debrisPieces) + " pieces of mesher debris removed (" + std::to_string(f.debrisFaces) +
                 " triangles, each smaller than a pore, the largest " + fixedText(f.largestDebrisMm, 2) + " mm)",
             "design", Severity::info);
  if (f.cavitiesFilled)
    ctx.warn(file + ": " + std::to_string(f.cavitiesFilled) + " sub-pore cavities filled solid (the largest " +
                 fixedText(f.largestCavityFilledMm, 2) + " mm across: pockets sealed where a strut meets the solid)",
             "design", Severity::info);
  if (!f.closedSingleShell())
    ctx.warn(file + " (lattice united with the solid) is not one closed shell: " + std::to_string(f.topology.boundaryEdges) +
                 " open edges, " + std::to_string(f.topology.nonManifoldEdges) + " non-manifold, " +
                 std::to_string(f.topology.components) +
                 " pieces; do not print it as is (design.porous_fill \"solid\" gives the exact solid bodies)",
             "design");
}

// The share of the step's progress the solid design takes (the rest: checks, lattice).
constexpr double kSolidShare = 0.6;

class DesignStep final : public Step {
public:
  std::string name() const override { return "design"; }
  std::vector<std::string> dependsOn() const override { return {"segment", "plan"}; }
  bool leavesProduct() const override { return false; }  // its product is its files
  std::string version() const override { return "design 6"; }
  double weight() const override { return 0.5; }
  std::vector<std::string> outputs() const override {
    return {"implant_print.stl", "implant_print.3mf", "implant_machined.stl", "liner_seat.stl", "screws.stl", "screws.json", "design.json",
            "design.html"};
  }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    std::vector<std::pair<std::string, std::string>> in{{"design", caseSectionJson(ctx.caseFile, "design")},
                                                        {"lattice", caseSectionJson(ctx.caseFile, "lattice")}};
    // The resources the design reads: an edited or added liner profile, machine or
    // material makes it stale too.
    const std::string liner = ctx.caseFile.design.liner;
    for (const auto& name : resourceNames("liners"))
      if (liner == "auto" || liner == name) in.push_back({"liner " + name, readTextFile(resourceFile("liners", name))});
    in.push_back({"machine", readTextFile(resourceFile("machines", ctx.caseFile.lattice.machine))});
    for (const char* m : {"ti6al4v", "tantalum"}) in.push_back({std::string("material ") + m, readTextFile(resourceFile("materials", m))});
    if (const auto file = envelopePath(ctx); !file.empty()) {
      std::error_code ec;
      in.push_back({"augment envelope", std::filesystem::exists(file, ec) ? readTextFile(file) : std::string("missing")});
    }
    return in;
  }
  void run(StepContext& ctx, const Progress& progress) override {
    design::DesignInputs in;
    in.hostBone = &ctx.segmented->bone;
    in.plan = &*ctx.planned;
    in.params = ctx.caseFile.design;
    in.envelope = envelopeMesh(ctx, in.envelopeName);
    const design::ImplantDesign d = design::designImplant(in, progress.sub(0.0, kSolidShare));
    for (const auto& w : d.warnings) ctx.warn(w, "design");
    progress.report(kSolidShare, "checking both bodies");
    const design::DesignVerification v = design::verifyDesign(d, ctx.planned->defect.region, ctx.segmented->boneMesh,
                                                              in.params.augmentReachMm, in.envelope ? &*in.envelope : nullptr,
                                                              ctx.caseFile.lattice.machine,
                                                              progress.sub(kSolidShare, 0.78));
    judge(ctx, d, v);
    progress.report(0.78, "rendering the design's pictures");
    const auto figures = design::designFigures(ctx.imported->volume, *ctx.planned, d, progress.sub(0.78, 0.8));
    StagedOutput& out = *ctx.out;
    std::optional<design::UnitedBodyFigures> print, machined;
    if (d.porousZone) {
      progress.report(0.8, "lattice in the porous layer, united with the solid as printed");
      print = design::writeUnitedBody(d, d.printBody, ctx.caseFile.lattice, in.params, out.file("implant_print.stl"),
                                      "implant_print.stl", progress.sub(0.8, 0.86));
      progress.report(0.86, "the print body as a 3MF beam lattice");
      print->beams = design::writeBeamBody(d, d.printBody, ctx.caseFile.lattice, in.params, out.file("implant_print.3mf"),
                                           progress.sub(0.86, 0.88));
      progress.report(0.88, "the same with the machined solid");
      machined = design::writeUnitedBody(d, d.machinedBody, ctx.caseFile.lattice, in.params, out.file("implant_machined.stl"),
                                         "implant_machined.stl", progress.sub(0.88, 0.96));
      judgeLayer(ctx, *print, ctx.caseFile.lattice.porosity);
      judgeUnited(ctx, *print, "implant_print.stl");
      judgeUnited(ctx, *machined, "implant_machined.stl");
    } else {
      if (in.params.porousFill == "lattice")
        ctx.warn("design.porous_fill is \"lattice\" but the body has no porous layer (design.porous_mm " +
                     fixedText(in.params.porousMm, 1) + "): both bodies are solid", "design");
      writeStl(out.file("implant_print.stl"), d.printBody, "print body (as printed, machining stock on the seat)");
      writeStl(out.file("implant_machined.stl"), d.machinedBody, "machined body (after CNC)");
    }
    writeStl(out.file("liner_seat.stl"), d.seatCutter, "liner seat cutter (finished)");
    writeStl(out.file("screws.stl"), d.screws, "screws");
    writeTextFile(out.file("screws.json"), design::screwsJson(d));
    writeTextFile(out.file("design.json"), design::designReportJson(d, v, in.params, print ? &*print : nullptr,
                                                                    machined ? &*machined : nullptr));
    writeTextFile(out.file("design.html"), design::designReportHtml(d, v, in.params, figures));
    std::ostringstream s;
    s << "cup " << fixedText(2 * d.cup.outerRadiusMm, 0) << " mm with liner " << d.liner.name << " (seat "
      << fixedText(v.seat.diameterMm, 3) << " mm measured), augment " << fixedText(d.augment.volumeMl, 1) << " mL, "
      << d.screwHoles.size() << " screw holes; print body " << fixedText(v.print.volumeMm3 / 1000, 1) << " mL, "
      << fixedText(v.print.massG(v.print.material), 0) << " g Ti6Al4V";
    if (print) {
      // The printed titanium: the solid and the struts' share of the layer.
      const double ml = v.print.volumeMm3 / 1000 + print->latticeSolidMl();
      s << " solid + porous layer " << fixedText(print->porousLayerMl, 1) << " mL at " << fixedText(100 * print->porosity, 1)
        << " % porosity measured: " << fixedText(ml, 1) << " mL, " << fixedText(ml * v.print.material.densityGPerCm3, 0)
        << " g of titanium in all (" << print->triangles << " triangles, one STL; implant_print.3mf with beams)";
    }
    ctx.summary = s.str();
  }
};
}  // namespace

std::unique_ptr<Step> makeDesignStep() { return std::make_unique<DesignStep>(); }

}  // namespace tantalus::pipeline
