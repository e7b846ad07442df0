// The plan step: the old implant, the affected side, the anatomy, the native centre
// of rotation and the proposed cup (report.json), and the case as planned.
#include <chrono>
#include <sstream>

#include "plan_choices.h"
#include "tantalus/core/file_output.h"
#include "tantalus/pipeline/pipeline.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/plan/plan_figures.h"
#include "tantalus/plan/plan_html.h"
#include "tantalus/plan/plan_report.h"

namespace tantalus::pipeline {

namespace {

void warnCutParts(StepContext& ctx, const plan::OldImplant& implant) {
  for (const auto& part : implant.parts)
    if (part.cutByScan) {
      std::ostringstream w;
      w.precision(3);
      if (part.kind == plan::MetalPart::Kind::stem)
        w << "the " << part.volumeMl << " mL femoral stem reaches the scan's first or last slice: its length is not known "
             "from this CT (a stem's full length needs a CT down the femur)";
      else
        w << "a " << part.volumeMl << " mL metal part (" << plan::kindName(part.kind)
          << ") reaches the scan's first or last slice: it is cut off, so what it is (a cup, a stem) cannot be told; "
             "a CT covering the whole hip and the iliac crests is needed";
      ctx.warn(w.str(), ctx.inputPath().string());
    }
}

std::string summaryOf(const plan::HipPlan& p) {
  std::ostringstream s;
  s.precision(3);
  s << "affected side " << p.side.reason;
  if (p.implant.cup)
    s << "; old cup " << p.implant.cup->outerDiameterMm << " mm, " << p.oldCupApp->inclinationDeg << "° / "
      << p.oldCupApp->anteversionDeg << "° (APP)";
  if (p.implant.head) s << "; head " << p.implant.head->diameterMm << " mm";
  s << "; planned cup " << p.cup.outerDiameterMm << " mm at the native centre, " << p.cup.app.inclinationDeg << "° / "
    << p.cup.app.anteversionDeg << "°; defect " << p.defect.volumeMl << " mL (" << p.defect.description
    << "); symmetry residual " << p.anatomy.symmetry.residualMm << " mm";
  return s.str();
}

class PlanStep final : public Step {
public:
  std::string name() const override { return "plan"; }
  // The CT itself for the report's slices.
  std::vector<std::string> dependsOn() const override { return {"import", "segment"}; }
  std::string version() const override { return "plan 7"; }
  double weight() const override { return 0.15; }
  std::vector<std::string> outputs() const override { return {"report.json", "report.html", "case.tantalus.json"}; }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    return {{"plan", caseSectionJson(ctx.caseFile, "plan")}};
  }
  void run(StepContext& ctx, const Progress& progress) override {
    const auto start = std::chrono::steady_clock::now();
    const segment::SegmentResult& seg = *ctx.segmented;
    // The band of bone the segmentation removed around the metal: its margin and a voxel of partial volume.
    plan::MetalContext metal;
    metal.bandMm = segment::effectiveMarginMm(seg.marginMm, seg.bone.geometry) + seg.bone.geometry.spacing.maxCoeff();
    metal.streaks = segment::metalStreaksSuspected(seg);
    const plan::HipPlan p = plan::planHip(seg.bone, seg.implant, ctx.caseFile.plan, metal, progress.sub(0, 0.8));
    warnCutParts(ctx, p.implant);
    for (const auto& w : p.warnings) ctx.warn(w, "plan");
    std::vector<plan::ReportTiming> timings;
    for (const auto& r : ctx.earlier) timings.push_back({r.step, r.seconds, r.peakRssMb});
    // Its own so far: the analysis, before the report's pictures (the whole step is in steps.json).
    timings.push_back({"plan (analysis)", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                       peakRssMb()});
    std::vector<std::string> warnings;  // every step's, this one's last
    for (const auto& r : ctx.earlier)
      for (const auto& w : r.warnings) warnings.push_back(r.step + ": " + w.what);
    for (const auto& w : ctx.warnings) warnings.push_back("plan: " + w.what);
    writeTextFile(ctx.out->file("report.json"), plan::planReportJson(p, timings, warnings));
    progress.report(0.8, "rendering the report's pictures");
    const auto figures = plan::planFigures(ctx.imported->volume, seg.implant, p, progress.sub(0.8, 0.98));
    writeTextFile(ctx.out->file("report.html"), plan::planReportHtml(p, figures, timings, warnings));
    ctx.caseFile.choices = planChoices(ctx.caseFile, *ctx.imported, p);
    writeTextFile(ctx.out->file("case.tantalus.json"), toCaseJson(ctx.caseForOutput()));
    ctx.summary = summaryOf(p);
    ctx.planned = p;
  }
};
}  // namespace

std::unique_ptr<Step> makePlanStep() { return std::make_unique<PlanStep>(); }

}  // namespace tantalus::pipeline
