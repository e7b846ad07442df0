#include "tantalus/design/implant_design.h"

#include "design_internal.h"
#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"
#include "tantalus/machining/liner_seat.h"
#include "tantalus/machining/mesh_boolean.h"
#include "tantalus/meshing/mask_surface.h"

namespace tantalus::design {

namespace {
void checkInputs(const DesignInputs& in) {
  if (!in.hostBone || !in.plan) throw Error("design needs the host bone and the plan", "design", "a programming error");
  const Eigen::Vector3d x = in.hostBone->geometry.lpsToIndex(in.plan->cup.centreLps);
  const auto& size = in.hostBone->geometry.size;
  for (int a = 0; a < 3; ++a)
    if (!(x[a] >= 0 && x[a] <= size[std::size_t(a)] - 1))
      throw Error("the planned cup's centre " + pointMmText(in.plan->cup.centreLps) + " lies outside the CT", "plan",
                  "re-run the plan on a CT that covers the hip, or correct the cup's centre");
}

void fixationWarnings(const DesignInputs& in, ImplantDesign& d) {
  const bool noneFound = in.plan->screws.empty() && in.plan->screwsAsked > 0;  // said once, below
  if (d.screwHoles.empty() && d.augment.volumeMl > 1.0 && !noneFound)
    d.warnings.push_back("no screws fix a cup with a " + fixedText(d.augment.volumeMl, 1) +
                         " mL augment: a revision cup-plus-augment needs screw fixation (plan.screws)");
  if (d.screwHoles.size() == 1 && d.augment.volumeMl > 1.0)
    d.warnings.push_back("one screw fixes a cup with a " + fixedText(d.augment.volumeMl, 1) +
                         " mL augment: revision cups are fixed with two or more (a larger cup or liner spacing, or more screws planned)");
  if (d.screwHoles.empty() && !in.plan->screws.empty())
    d.warnings.push_back("every planned screw was left out (see above): the cup has no screw fixation");
  if (noneFound)
    d.warnings.push_back("the plan asked for " + std::to_string(in.plan->screwsAsked) +
                         " screws and found bone for none (15 mm in the safe zones): the cup" +
                         (d.augment.volumeMl > 1.0 ? " and its " + fixedText(d.augment.volumeMl, 1) + " mL augment have" : std::string(" has")) +
                         " no screw fixation, press-fit alone; check the bone segmentation, or set plan.screws to 0 if none are wanted");
}
}  // namespace

ImplantDesign designImplant(const DesignInputs& in, const Progress& progress) {
  checkInputs(in);
  ImplantDesign d;
  std::string linerReason;
  d.liner = chooseLiner(in.plan->cup, in.params, linerReason);
  d.cup = cupGeometry(in.plan->cup, d.liner, in.params);
  progress.report(0.0, "solid body");
  const BodyGrid grid = bodyGrid(in, d.cup, progress.sub(0.0, 0.25));
  d.augment.volumeMl = grid.augmentMl;
  d.augment.flangeMl = grid.flangeMl;
  if (in.params.flangeMm > 0 && grid.flangeMl < 0.2)
    d.warnings.push_back("the flange found no ilium to lie on above the cup (" + fixedText(grid.flangeMl, 2) +
                         " mL): check design.flange_length_mm and flange_width_mm against the bone");
  d.augment.defectFilledFraction = grid.defectInEnvelopeMl > 0 ? grid.defectFilledMl / grid.defectInEnvelopeMl : 0;
  if (grid.defectInEnvelopeMl > 1.0 && d.augment.defectFilledFraction < 0.8)
    d.warnings.push_back("the augment fills only " + fixedText(100 * d.augment.defectFilledFraction, 0) + " % of the " +
                         fixedText(grid.defectInEnvelopeMl, 1) + " mL defect within its envelope (the clearance, or parts "
                         "not joined to the cup)");
  if (grid.defectInEnvelopeMl < 0.1 && in.plan->defect.volumeMl > 1.0 && in.params.augmentReachMm > 0)
    d.warnings.push_back("the envelope holds none of the plan's " + fixedText(in.plan->defect.volumeMl, 1) +
                         " mL defect: the cup has no augment");
  progress.report(0.25, "meshing the solid body");
  // Not smoothed: windowed-sinc smoothing folds thin parts of the augment into
  // self-intersections (seen on a 66 mm cup), which no Boolean should have to repair.
  ScrewHoles holes = screwHoles(*in.plan, d.cup, d.liner, grid.body, *in.hostBone);
  PorousLayer layer = porousLayer(grid.body, d.cup, holes.screws, in.params, grid.flange);
  d.porousMl = layer.porousMl;
  d.porousZone = std::move(layer.zone);
  d.outerBody = meshing::maskToSurface(grid.body, {}, progress.sub(0.25, 0.3));
  const Mesh body = d.porousZone ? meshing::maskToSurface(layer.core, {}, progress.sub(0.3, 0.35)) : d.outerBody;
  d.screwsLeftOut = holes.leftOut;
  d.warnings.insert(d.warnings.end(), holes.warnings.begin(), holes.warnings.end());
  const machining::ExactSolid common = rimAndHoles(d.cup, holes.cutters, progress.sub(0.35, 0.42));
  d.seatCutter = seatCutterMesh(d.cup, d.liner, 0.0, progress.sub(0.42, 0.46));
  const machining::ExactSolid printCut =
      removedVolume(seatCutterMesh(d.cup, d.liner, in.params.machiningStockMm), "seat as printed", common, progress.sub(0.46, 0.5));
  const machining::ExactSolid finishCut = removedVolume(d.seatCutter, "finished seat", common, progress.sub(0.5, 0.55));
  progress.report(0.55, "print body: seat with machining stock, holes, rim");
  const machining::ExactSolid solid(body, d.porousZone ? "solid core" : "solid body", progress.sub(0.55, 0.6));
  machining::ExactSolid print = solid;
  print.apply(machining::BooleanOp::Difference, printCut, progress.sub(0.6, 0.75));
  d.printBody = print.mesh();
  progress.report(0.75, "machined body: finished seat, groove and slots");
  machining::ExactSolid machined = solid;
  machined.apply(machining::BooleanOp::Difference, finishCut, progress.sub(0.75, 0.95));
  d.machinedBody = machined.mesh();
  d.screwHoles = holes.screws;
  d.screws = machining::concatenate(holes.shafts);
  d.warnings.insert(d.warnings.begin(), "liner " + d.liner.name + ": " + linerReason +
                                            (d.liner.illustrative ? " (an illustrative profile, not a real product)" : ""));
  fixationWarnings(in, d);
  progress.report(1.0, "designed");
  return d;
}

}  // namespace tantalus::design
