// tantalus segment CT -o DIR: host bone and old implant as meshes and masks.
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/staged_output.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/segment/presets.h"
#include "tantalus/segment/segment_pipeline.h"

namespace fs = std::filesystem;

namespace tantalus::cli {

void addSegmentCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("segment", "Segment host bone and the old implant; write STL, NIfTI masks and segment.json");
  struct Opts {
    std::string ct, out, preset, hu, seed, series, casePath, components;
    int metalHu = 0, smooth = 0;
    double margin = 0, decimate = 0, minComponentMl = 0;
    bool allowGaps = false, noFill = false, noTilt = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("ct", o->ct, "CT: DICOM folder/file or .nii/.nii.gz/.nrrd/.mha");
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--case", o->casePath, "take input and parameters from a *.tantalus.json case file");
  auto* preset = cmd->add_option("--preset", o->preset, "bone HU preset (resources/presets): bone, compact-bone, spongy-bone, soft-tissue");
  auto* hu = cmd->add_option("--hu", o->hu, "custom bone window LO,HI in HU (instead of a preset)");
  preset->excludes(hu);
  auto* metal = cmd->add_option("--metal-hu", o->metalHu, "old implant: voxels at or above this HU (default 2500)");
  auto* margin = cmd->add_option("--margin-mm", o->margin, "dilate the implant by this margin before removing it from bone (default 1.0)");
  auto* comps = cmd->add_option("--components", o->components, "all | largest | seed (keep which bone components)");
  auto* seed = cmd->add_option("--seed", o->seed, "X,Y,Z in LPS mm: keep the component under this point");
  auto* minc = cmd->add_option("--min-component-ml", o->minComponentMl, "with --components all: drop specks below this");
  auto* smooth = cmd->add_option("--smooth", o->smooth, "smoothing iterations (0 = off; volume kept within 1 %)");
  auto* dec = cmd->add_option("--decimate", o->decimate, "remove this fraction of triangles (0 = off)");
  cmd->add_option("--series", o->series, "DICOM series UID or index when the folder holds several");
  cmd->add_flag("--allow-gaps", o->allowGaps, "interpolate across missing slices instead of refusing");
  cmd->add_flag("--no-tilt-correction", o->noTilt, "refuse a gantry-tilted series instead of resampling it");
  cmd->add_flag("--no-fill-holes", o->noFill, "keep enclosed cavities in the bone mask");
  cmd->callback([=] {
    SegmentationParams p = segment::defaultSegmentationParams();
    std::string input = o->ct, series = o->series;
    if (!o->casePath.empty()) {
      const CaseFile c = loadCaseFile(o->casePath);
      p = c.segmentation;
      if (input.empty()) {
        const fs::path in = c.inputPath;
        input = in.is_absolute() ? in.string() : (fs::path(o->casePath).parent_path() / in).string();
      }
      if (series.empty()) series = c.series;
    }
    if (input.empty()) throw Error("no CT given", "tantalus segment", "give the CT folder or file, or --case FILE");
    if (preset->count()) p.preset = o->preset;
    if (hu->count()) {
      const auto v = parseNumberList(o->hu, 2, "--hu");
      p.preset = "custom";
      p.huMin = int(std::lround(v[0]));
      p.huMax = int(std::lround(v[1]));
    }
    if (metal->count()) p.metalHu = o->metalHu;
    if (margin->count()) p.marginMm = o->margin;
    if (comps->count()) p.components = o->components;
    if (seed->count()) {
      const auto v = parseNumberList(o->seed, 3, "--seed");
      p.seedLps = std::array<double, 3>{v[0], v[1], v[2]};
      if (!comps->count()) p.components = "seed";
    }
    if (minc->count()) p.minComponentMl = o->minComponentMl;
    if (smooth->count()) p.smoothingIterations = o->smooth;
    if (dec->count()) p.decimate = o->decimate;
    if (o->noFill) p.fillHoles = false;
    segment::resolveThresholds(p);  // bad parameters fail here, before any work or output
    checkOutputPaths({{"CT", input}}, {{"-o", o->out}});

    StagedOutput out(o->out, {"bone.stl", "implant.stl", "bone_mask.nii.gz", "implant_mask.nii.gz", "segment.json"});
    io::ImportOptions io;
    io.series = series;
    io.allowGaps = o->allowGaps;
    io.correctTilt = !o->noTilt;
    Progress progress = terminalProgress();
    const io::ImportResult imp = io::importCt(input, io, progress.sub(0, 0.3));
    if (!imp.choiceNote.empty()) note(imp.choiceNote);
    for (const auto& w : imp.warnings) warn(w);
    segment::SegmentResult r = segment::segmentCt(imp.volume, p, progress.sub(0.3, 0.9));
    for (const auto& w : r.warnings) warn(w);

    writeStl(out.file("bone.stl"), r.boneMesh, "host bone");
    if (!r.implantMesh.empty()) writeStl(out.file("implant.stl"), r.implantMesh, "old implant");
    io::writeMaskVolume(out.file("bone_mask.nii.gz"), r.bone);
    io::writeMaskVolume(out.file("implant_mask.nii.gz"), r.implant);
    writeTextFile(out.file("segment.json"), segment::segmentReportJson(r, imp.volume, p));
    out.commit();
    progress.report(1.0, "done");
    const double vv = imp.volume.geometry.voxelVolumeMm3();
    std::cout << "host bone " << r.bone.count() * vv / 1000.0 << " mL (" << r.boneMesh.faceCount() << " triangles), "
              << "old implant " << r.implant.count() * vv / 1000.0 << " mL at >= " << r.metalHu << " HU; wrote "
              << o->out << "/{bone.stl," << (r.implantMesh.empty() ? "" : "implant.stl,")
              << "bone_mask.nii.gz,implant_mask.nii.gz,segment.json}\n";
  });
}

}  // namespace tantalus::cli
