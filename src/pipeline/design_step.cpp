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
#include "tantalus/pipeline/pipeline.h"

namespace tantalus::pipeline {

namespace {

std::optional<Mesh> envelopeMesh(const StepContext& ctx, std::string& name) {
  const std::string& rel = ctx.caseFile.design.augmentEnvelope;
  if (rel.empty()) return std::nullopt;
  const std::filesystem::path file = std::filesystem::path(rel).is_absolute() ? std::filesystem::path(rel) : ctx.caseDir / rel;
  name = file.string();
  const Mesh m = weldVertices(readStl(file));
  const MeshTopology t = analyseTopology(m);
  if (!t.watertight())
    throw Error("the augment envelope is not closed (" + std::to_string(t.boundaryEdges) + " edges border a hole, " +
                    std::to_string(t.nonManifoldEdges) + " are shared by three or more faces)",
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
void judge(StepContext& ctx, const design::DesignVerification& v) {
  for (const check::MeshCheck* c : {&v.print, &v.machined}) {
    const bool broken = !c->topology.watertight() || c->topology.misorientedEdges || c->shells.bodyVolumesMm3.size() != 1 ||
                        !c->shells.voidVolumesMm3.empty() || (c->selfIntersections && *c->selfIntersections);
    if (broken)
      throw Error(c->file + " is not one closed, intersection-free shell: " + joined(c->problems),
                  "design", "a defect in the design step: please report it with the case file");
    for (const auto& p : c->problems) ctx.warn(c->file + ": " + p, "design");
  }
  if (v.machinedInPrint.verticesOutside)
    throw Error("the machined body pokes " + fixedText(v.machinedInPrint.maxOutsideMm, 3) + " mm out of the print body", "design",
                "a defect in the design step: please report it with the case file");
}

class DesignStep final : public Step {
public:
  std::string name() const override { return "design"; }
  std::vector<std::string> dependsOn() const override { return {"segment", "plan"}; }
  std::string version() const override { return "design 1"; }
  double weight() const override { return 0.5; }
  std::vector<std::string> outputs() const override {
    return {"implant_print.stl", "implant_machined.stl", "liner_seat.stl", "screws.stl", "screws.json", "design.json",
            "design.html"};
  }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    std::vector<std::pair<std::string, std::string>> in{{"design", caseSectionJson(ctx.caseFile, "design")},
                                                        {"lattice", caseSectionJson(ctx.caseFile, "lattice")}};
    if (!ctx.caseFile.design.augmentEnvelope.empty()) {
      const std::filesystem::path rel = ctx.caseFile.design.augmentEnvelope;
      const auto file = rel.is_absolute() ? rel : ctx.caseDir / rel;
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
    const design::ImplantDesign d = design::designImplant(in, progress.sub(0.0, 0.8));
    for (const auto& w : d.warnings) ctx.warn(w, "design");
    progress.report(0.8, "checking both bodies");
    const design::DesignVerification v = design::verifyDesign(d, ctx.planned->defect.region, ctx.segmented->boneMesh,
                                                              in.params.augmentReachMm, ctx.caseFile.lattice.machine,
                                                              progress.sub(0.8, 0.97));
    judge(ctx, v);
    progress.report(0.97, "rendering the design's pictures");
    const auto figures = design::designFigures(ctx.imported->volume, *ctx.planned, d, progress.sub(0.97, 1.0));
    StagedOutput& out = *ctx.out;
    writeStl(out.file("implant_print.stl"), d.printBody, "print body (as printed, machining stock on the seat)");
    writeStl(out.file("implant_machined.stl"), d.machinedBody, "machined body (after CNC)");
    writeStl(out.file("liner_seat.stl"), d.seatCutter, "liner seat cutter (finished)");
    writeStl(out.file("screws.stl"), d.screws, "screws");
    writeTextFile(out.file("screws.json"), design::screwsJson(d));
    writeTextFile(out.file("design.json"), design::designReportJson(d, v, in.params));
    writeTextFile(out.file("design.html"), design::designReportHtml(d, v, in.params, figures));
    std::ostringstream s;
    s << "cup " << fixedText(2 * d.cup.outerRadiusMm, 0) << " mm with liner " << d.liner.name << " (seat "
      << fixedText(v.seat.diameterMm, 3) << " mm measured), augment " << fixedText(d.augment.volumeMl, 1) << " mL, "
      << d.screwHoles.size() << " screw holes; print body " << fixedText(v.print.volumeMm3 / 1000, 1) << " mL, "
      << fixedText(v.print.massG(v.print.material), 0) << " g Ti6Al4V";
    ctx.summary = s.str();
  }
};
}  // namespace

std::unique_ptr<Step> makeDesignStep() { return std::make_unique<DesignStep>(); }

}  // namespace tantalus::pipeline
