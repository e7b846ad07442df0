// tantalus segment CT -o DIR: host bone and old implant as meshes and masks, through
// the pipeline's import and segment steps (skipped when nothing changed).
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "commands.h"

namespace fs = std::filesystem;

namespace tantalus::cli {

namespace {
template <class T>
std::string js(const T& v) { return nlohmann::json(v).dump(); }
}  // namespace

void addSegmentCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("segment", "Segment host bone and the old implant; write STL, NIfTI masks and segment.json");
  struct Opts {
    std::string ct, out, preset, hu, seed, series, casePath, components;
    int metalHu = 0, metalLowHu = 0, smooth = 0;
    double margin = 0, grow = 0, decimate = 0, minComponentMl = 0;
    bool allowGaps = false, noFill = false, noTilt = false, recompute = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("ct", o->ct, "CT: DICOM folder/file or .nii/.nii.gz/.nrrd/.mha");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  auto* preset = cmd->add_option("--preset", o->preset, "bone HU preset (resources/presets): bone, compact-bone, spongy-bone, soft-tissue");
  auto* hu = cmd->add_option("--hu", o->hu, "custom bone window LO,HI in HU (instead of a preset)");
  preset->excludes(hu);
  auto* metal = cmd->add_option("--metal-hu", o->metalHu, "old implant: voxels at or above this HU (default 2500)");
  auto* low = cmd->add_option("--metal-low-hu", o->metalLowHu, "hysteresis: also remove voxels at or above this HU connected to the metal (default metal - 500)");
  auto* grow = cmd->add_option("--metal-grow-mm", o->grow, "hysteresis reach from the metal, mm (default 3; 0 = off)");
  auto* margin = cmd->add_option("--margin-mm", o->margin, "dilate the implant by this margin before removing it from bone (default 1.0)");
  auto* comps = cmd->add_option("--components", o->components, "all | largest | seed (keep which bone components)");
  auto* seed = cmd->add_option("--seed", o->seed, "X,Y,Z in LPS mm: keep the component under this point");
  auto* minc = cmd->add_option("--min-component-ml", o->minComponentMl, "with --components all: drop specks below this");
  auto* smooth = cmd->add_option("--smooth", o->smooth, "smoothing iterations (0 = off; volume kept within 1 %)");
  auto* dec = cmd->add_option("--decimate", o->decimate, "remove this fraction of triangles (0 = off)");
  auto* series = cmd->add_option("--series", o->series, "DICOM series UID or index when the folder holds several");
  cmd->add_flag("--allow-gaps", o->allowGaps, "interpolate across missing slices instead of refusing");
  cmd->add_flag("--no-tilt-correction", o->noTilt, "refuse a gantry-tilted series instead of resampling it");
  cmd->add_flag("--no-fill-holes", o->noFill, "keep enclosed cavities in the bone mask");
  cmd->add_flag("--recompute", o->recompute, "run every step even when DIR/steps.json says it is up to date");
  cmd->callback([=] {
    // Each option given becomes an override of its case-file field (docs/case-file.md).
    std::vector<CaseOverride> ov;
    overrideIfGiven(ov, preset, "segmentation.preset", o->preset);
    if (hu->count()) {
      const auto v = parseNumberList(o->hu, 2, "--hu");
      ov.push_back({"segmentation.preset", js("custom"), "--hu"});
      ov.push_back({"segmentation.hu_min", js(std::lround(v[0])), "--hu"});
      ov.push_back({"segmentation.hu_max", js(std::lround(v[1])), "--hu"});
    }
    overrideIfGiven(ov, metal, "segmentation.metal_hu", o->metalHu);
    overrideIfGiven(ov, low, "segmentation.metal_low_hu", o->metalLowHu);
    overrideIfGiven(ov, grow, "segmentation.metal_grow_mm", o->grow);
    overrideIfGiven(ov, margin, "segmentation.margin_mm", o->margin);
    overrideIfGiven(ov, comps, "segmentation.components", o->components);
    if (seed->count()) {
      ov.push_back({"segmentation.seed_lps", js(parseNumberList(o->seed, 3, "--seed")), "--seed"});
      if (!comps->count()) ov.push_back({"segmentation.components", js("seed"), "--seed"});
    }
    overrideIfGiven(ov, minc, "segmentation.min_component_ml", o->minComponentMl);
    overrideIfGiven(ov, smooth, "segmentation.smoothing_iterations", o->smooth);
    overrideIfGiven(ov, dec, "segmentation.decimate", o->decimate);
    if (o->noFill) ov.push_back({"segmentation.fill_holes", "false", "--no-fill-holes"});
    overrideIfGiven(ov, series, "input.series", o->series);
    if (o->allowGaps) ov.push_back({"import.allow_gaps", "true", "--allow-gaps"});
    if (o->noTilt) ov.push_back({"import.correct_tilt", "false", "--no-tilt-correction"});
    runToStep({o->casePath, o->ct, ov}, o->out, "segment", o->recompute);
  });
}

}  // namespace tantalus::cli
