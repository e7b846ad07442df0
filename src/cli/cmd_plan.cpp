// tantalus plan CT -o DIR: the pipeline up to the plan step (the affected side, the
// old implant, the anatomy and the proposed cup, in report.json; see docs/plan.md).
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "commands.h"

namespace tantalus::cli {

void addPlanCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("plan", "Find the side, the old implant, the anatomy and the native centre; propose the cup (report.json)");
  struct Opts {
    std::string ct, out, side, series, casePath, shift;
    double cupMm = 0, inclination = 0, anteversion = 0;
    int screws = 0;
    std::vector<std::string> screwTargets;
    bool recompute = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("ct", o->ct, "CT: DICOM folder/file or .nii/.nii.gz/.nrrd/.mha");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  auto* side = cmd->add_option("--side", o->side, "auto | left | right: the hip being revised (auto: the side of the hip-joint metal)");
  auto* series = cmd->add_option("--series", o->series, "DICOM series UID or index when the folder holds several");
  auto* cup = cmd->add_option("--cup-mm", o->cupMm, "cup outer diameter, 42-68 mm in 2 mm steps (default: sized to the anatomy)");
  auto* incl = cmd->add_option("--inclination", o->inclination, "cup inclination, degrees, radiographic, to the APP (default 40)");
  auto* ante = cmd->add_option("--anteversion", o->anteversion, "cup anteversion, degrees, radiographic, to the APP (default 15)");
  auto* shift = cmd->add_option("--cup-shift", o->shift, "SUP,LAT,ANT: move the cup from the native centre, mm in the pelvis's frame (each within ±30)");
  auto* scr = cmd->add_option("--screws", o->screws, "6.5 mm screws to propose, at most (0-12, default 8)");
  auto* targets = cmd->add_option("--screw-target", o->screwTargets,
                                  "X,Y,Z: a screw aimed from the cup toward this point, LPS mm (repeat for each; replaces the proposal)")
                      ->expected(1)
                      ->allow_extra_args(false);
  cmd->add_flag("--recompute", o->recompute, "run every step even when DIR/steps.json says it is up to date");
  cmd->callback([=] {
    std::vector<CaseOverride> ov;
    overrideIfGiven(ov, side, "plan.side", o->side);
    overrideIfGiven(ov, cup, "plan.cup_mm", o->cupMm);
    overrideIfGiven(ov, incl, "plan.inclination_deg", o->inclination);
    overrideIfGiven(ov, ante, "plan.anteversion_deg", o->anteversion);
    if (shift->count()) {
      const auto v = parseNumberList(o->shift, 3, "--cup-shift");
      ov.push_back({"plan.cup_shift_mm", nlohmann::json{{"superior", v[0]}, {"lateral", v[1]}, {"anterior", v[2]}}.dump(), "--cup-shift"});
    }
    overrideIfGiven(ov, scr, "plan.screws", o->screws);
    if (targets->count()) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& t : o->screwTargets) list.push_back(parseNumberList(t, 3, "--screw-target"));
      ov.push_back({"plan.screw_targets", list.dump(), "--screw-target"});
    }
    overrideIfGiven(ov, series, "input.series", o->series);
    runToStep({o->casePath, o->ct, ov}, o->out, "plan", o->recompute);
  });
}

}  // namespace tantalus::cli
