// The plan step (first stage): the affected side and the old implant (plan.json).
#include <sstream>

#include "tantalus/core/file_output.h"
#include "tantalus/pipeline/pipeline.h"
#include "tantalus/plan/plan_report.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::pipeline {

namespace {
class PlanStep final : public Step {
public:
  std::string name() const override { return "plan"; }
  std::vector<std::string> dependsOn() const override { return {"segment"}; }
  std::string version() const override { return "plan 2"; }
  double weight() const override { return 0.1; }
  std::vector<std::string> outputs() const override { return {"plan.json"}; }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    return {{"plan", caseSectionJson(ctx.caseFile, "plan")}};
  }
  void run(StepContext& ctx, const Progress& progress) override {
    const segment::SegmentResult& seg = *ctx.segmented;
    const plan::OldImplant implant = plan::analyseOldImplant(seg.implant, progress.sub(0, 0.9));
    const plan::SideChoice side = plan::chooseSide(implant, segment::centroidLps(seg.bone), ctx.caseFile.plan.side);
    if (ctx.caseFile.plan.side != "auto" && implant.cup && implant.cup->side != side.side)
      ctx.warn(std::string("the old cup is on the ") + plan::sideName(implant.cup->side) + ", the plan is for the " +
                   plan::sideName(side.side),
               "plan.side");
    for (const auto& part : implant.parts)
      if (part.cutByScan) {
        std::ostringstream w;
        w.precision(3);
        w << "a " << part.volumeMl << " mL metal part (" << plan::kindName(part.kind)
          << ") reaches the scan's first or last slice: it is cut off, so what it is (a cup, a stem) cannot be told; "
             "a CT covering the whole hip and the iliac crests is needed";
        ctx.warn(w.str(), ctx.inputPath().string());
      }
    writeTextFile(ctx.out->file("plan.json"), plan::planReportJson(side, implant));
    std::ostringstream s;
    s.precision(3);
    s << "affected side " << side.reason;
    if (implant.cup)
      s << "; old cup " << implant.cup->outerDiameterMm << " mm, " << implant.cup->scanner.inclinationDeg << "° / "
        << implant.cup->scanner.anteversionDeg << "° (scanner axes)";
    if (implant.head) s << "; head " << implant.head->diameterMm << " mm";
    ctx.summary = s.str();
  }
};
}  // namespace

std::unique_ptr<Step> makePlanStep() { return std::make_unique<PlanStep>(); }

}  // namespace tantalus::pipeline
