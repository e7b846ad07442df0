// tantalus plan CT -o DIR: the pipeline up to the plan step (first stage: the
// affected side and the old implant, in plan.json; see docs/plan.md).
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "commands.h"

namespace tantalus::cli {

void addPlanCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("plan", "Find the affected side and the old implant (cup, head, other metal); write plan.json");
  struct Opts {
    std::string ct, out, side, series, casePath;
    bool recompute = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("ct", o->ct, "CT: DICOM folder/file or .nii/.nii.gz/.nrrd/.mha");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  auto* side = cmd->add_option("--side", o->side, "auto | left | right: the hip being revised (auto: the side of the hip-joint metal)");
  auto* series = cmd->add_option("--series", o->series, "DICOM series UID or index when the folder holds several");
  cmd->add_flag("--recompute", o->recompute, "run every step even when DIR/steps.json says it is up to date");
  cmd->callback([=] {
    std::vector<CaseOverride> ov;
    if (side->count()) ov.push_back({"plan.side", nlohmann::json(o->side).dump(), "--side"});
    if (series->count()) ov.push_back({"input.series", nlohmann::json(o->series).dump(), "--series"});
    runToStep({o->casePath, o->ct, ov}, o->out, "plan", o->recompute);
  });
}

}  // namespace tantalus::cli
