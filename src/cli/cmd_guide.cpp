// tantalus guide CASE|CT -o DIR: the pipeline up to the guides step (the piece a
// resection removes and a cutting guide per osteotomy plane; docs/guides.md).
#include "cli_util.h"
#include "commands.h"

#include <cmath>

namespace tantalus::cli {

namespace {
// The case's planes followed by those given with --plane (X,Y,Z,NX,NY,NZ each).
nlohmann::json planesWith(const pipeline::CaseSource& source, const std::vector<std::string>& added) {
  nlohmann::json planes = nlohmann::json::array();
  for (const auto& p : pipeline::resolveCase(source).caseFile.guides.planes) planes.push_back({{"point", p.point}, {"normal", p.normal}});
  for (const auto& text : added) {
    const std::vector<double> v = parseNumberList(text, 6, "--plane");
    planes.push_back({{"point", {v[0], v[1], v[2]}}, {"normal", {v[3], v[4], v[5]}}});
  }
  return planes;
}
}  // namespace

void addGuideCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("guide", "Cutting guides for a resection: the piece removed (resection.stl), one guide per plane "
                                          "(guide_N.stl), margins and seating (guides.json, guides.html)");
  struct Opts {
    std::string input, out, casePath, lesion, lesionHu, lesionSeed;
    std::vector<std::string> planes;
    double marginMm = 0, thicknessMm = 0, clearanceMm = 0, patchMm = 0, slotLengthMm = 0;
    int openSides = 0, kwires = 0;
    bool recompute = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("input", o->input, "a *.tantalus.json case file, or a CT (DICOM folder/file, .nii/.nii.gz/.nrrd/.mha)");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  cmd->add_option("--plane", o->planes,
                  "an osteotomy plane X,Y,Z,NX,NY,NZ: a point on the bone and the normal into the piece removed (LPS mm); "
                  "repeatable, added to the case's")
      ->allow_extra_args(false);
  auto* lesion = cmd->add_option("--lesion", o->lesion, "a NIfTI label map of the lesion (non-zero voxels), on the CT's patient space");
  cmd->add_option("--lesion-hu", o->lesionHu, "or the lesion as a threshold region LO,HI (HU), joined to --lesion-seed");
  cmd->add_option("--lesion-seed", o->lesionSeed, "a point X,Y,Z inside the lesion (LPS mm), with --lesion-hu");
  auto* margin = cmd->add_option("--margin-mm", o->marginMm, "each plane at least this far from the lesion, mm (default 10)");
  auto* thick = cmd->add_option("--thickness-mm", o->thicknessMm, "the guide's shell, mm (default 3)");
  auto* clear = cmd->add_option("--clearance-mm", o->clearanceMm, "shell to bone, mm (default 0.2)");
  auto* patch = cmd->add_option("--patch-radius-mm", o->patchMm, "the bone patch the guide seats on, mm about the plane's entry (default 25)");
  auto* slot = cmd->add_option("--slot-length-mm", o->slotLengthMm, "the saw slot along the cut line, mm (default 30)");
  auto* open = cmd->add_option("--slot-open-sides", o->openSides, "1: the slot open on top only, 2: and one end, 3: and both ends (default 1)");
  auto* kw = cmd->add_option("--kwires", o->kwires, "K-wires per guide, 0-4 (default 2)");
  cmd->add_flag("--recompute", o->recompute, "run every step even when DIR/steps.json says it is up to date");
  cmd->callback([=] {
    pipeline::CaseSource source = caseSource(o->input, o->casePath);
    auto& ov = source.overrides;
    overrideIfGiven(ov, lesion, "guides.lesion", o->lesion);
    overrideIfGiven(ov, margin, "guides.margin_mm", o->marginMm);
    overrideIfGiven(ov, thick, "guides.thickness_mm", o->thicknessMm);
    overrideIfGiven(ov, clear, "guides.clearance_mm", o->clearanceMm);
    overrideIfGiven(ov, patch, "guides.patch_radius_mm", o->patchMm);
    overrideIfGiven(ov, slot, "guides.slot_length_mm", o->slotLengthMm);
    overrideIfGiven(ov, open, "guides.slot_open_sides", o->openSides);
    overrideIfGiven(ov, kw, "guides.kwires", o->kwires);
    if (!o->lesionHu.empty()) {
      const std::vector<double> hu = parseNumberList(o->lesionHu, 2, "--lesion-hu");
      ov.push_back({"guides.lesion_hu", nlohmann::json::array({std::lround(hu[0]), std::lround(hu[1])}).dump(), "--lesion-hu"});
    }
    if (!o->lesionSeed.empty())
      ov.push_back({"guides.lesion_seed", nlohmann::json(parseNumberList(o->lesionSeed, 3, "--lesion-seed")).dump(), "--lesion-seed"});
    if (!o->planes.empty()) ov.push_back({"guides.planes", planesWith(source, o->planes).dump(), "--plane"});
    runToStep(source, o->out, "guides", o->recompute);
  });
}

}  // namespace tantalus::cli
