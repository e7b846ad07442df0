// tantalus design CASE|CT -o DIR: the pipeline up to the design step (the
// cup-plus-augment as print and machined bodies, the seat, the screws; docs/design.md).
#include "cli_util.h"
#include "commands.h"

namespace tantalus::cli {

void addDesignCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("design", "Design the cup-plus-augment from the plan: print body, machined body, seat, screws (design.json)");
  struct Opts {
    std::string input, out, casePath, liner, side, porousFill;
    double cupMm = 0, stockMm = 0, reachMm = 0, flangeMm = 0, clearanceMm = 0, beyondDeg = 0, voxelMm = 0, adaptivity = 0;
    int screws = 0;
    bool recompute = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("input", o->input, "a *.tantalus.json case file, or a CT (DICOM folder/file, .nii/.nii.gz/.nrrd/.mha)");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  auto* side = cmd->add_option("--side", o->side, "auto | left | right: the hip being revised (as for tantalus plan)");
  auto* cup = cmd->add_option("--cup-mm", o->cupMm, "cup outer diameter, 42-68 mm in 2 mm steps (default: the plan's)");
  auto* scr = cmd->add_option("--screws", o->screws, "6.5 mm screws, at most (0-12, default 8)");
  auto* liner = cmd->add_option("--liner", o->liner, "liner profile in resources/liners, or auto (the largest the cup takes)");
  auto* stock = cmd->add_option("--stock-mm", o->stockMm, "machining stock on the printed seat, mm (default 0.5)");
  auto* reach = cmd->add_option("--reach-mm", o->reachMm, "augment envelope beyond the cup's sphere, mm (0: no augment; default 25)");
  auto* flange = cmd->add_option("--flange-mm", o->flangeMm, "a flange on the ilium above the cup, this thick, 2-6 mm (default 0: none)");
  auto* clear = cmd->add_option("--clearance-mm", o->clearanceMm, "augment to bone, mm (negative: press-fit; default 0)");
  auto* beyond = cmd->add_option("--beyond-equator-deg", o->beyondDeg, "shell past the equator, 0-10° (default 0)");
  auto* voxel = cmd->add_option("--voxel-mm", o->voxelMm, "grid of the solid body, mm (default 0.35)");
  auto* fill = cmd->add_option("--porous-fill", o->porousFill,
                               "solid | lattice: the porous layer as solid (default) or filled with the lattice (docs/design.md)");
  auto* adapt = cmd->add_option("--mesh-adaptivity", o->adaptivity, "with --porous-fill lattice: OpenVDB adaptivity 0-1 (default 0)");
  cmd->add_flag("--recompute", o->recompute, "run every step even when DIR/steps.json says it is up to date");
  cmd->callback([=] {
    std::vector<CaseOverride> ov;
    overrideIfGiven(ov, side, "plan.side", o->side);
    overrideIfGiven(ov, cup, "plan.cup_mm", o->cupMm);
    overrideIfGiven(ov, scr, "plan.screws", o->screws);
    overrideIfGiven(ov, liner, "design.liner", o->liner);
    overrideIfGiven(ov, stock, "design.machining_stock_mm", o->stockMm);
    overrideIfGiven(ov, reach, "design.augment_reach_mm", o->reachMm);
    overrideIfGiven(ov, flange, "design.flange_mm", o->flangeMm);
    overrideIfGiven(ov, clear, "design.bone_clearance_mm", o->clearanceMm);
    overrideIfGiven(ov, beyond, "design.beyond_equator_deg", o->beyondDeg);
    overrideIfGiven(ov, voxel, "design.voxel_mm", o->voxelMm);
    overrideIfGiven(ov, fill, "design.porous_fill", o->porousFill);
    overrideIfGiven(ov, adapt, "design.mesh_adaptivity", o->adaptivity);
    runToStep(caseSource(o->input, o->casePath, ov), o->out, "design", o->recompute);
  });
}

}  // namespace tantalus::cli
