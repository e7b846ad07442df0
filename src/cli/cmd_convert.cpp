// tantalus convert CT -o OUT.nii[.gz|.nrrd|.mha]: import (DICOM or volume) and
// write the HU volume in LPS, e.g. to hand a chosen series to another tool.
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/io/ct_import.h"

namespace tantalus::cli {

void addConvertCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("convert", "Import a CT and write it as NIfTI/NRRD/MHA (HU, LPS)");
  struct Opts {
    std::string ct, out, series;
    bool allowGaps = false, noTilt = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("ct", o->ct, "DICOM folder/file or volume file")->required();
  cmd->add_option("-o,--output", o->out, "output volume (.nii, .nii.gz, .nrrd, .mha)")->required();
  cmd->add_option("--series", o->series, "DICOM series UID or index");
  cmd->add_flag("--allow-gaps", o->allowGaps, "interpolate across missing slices");
  cmd->add_flag("--no-tilt-correction", o->noTilt, "refuse a gantry-tilted series instead of resampling it");
  cmd->callback([o] {
    ensureWritableParent(o->out);
    checkOutputPaths({{"CT", o->ct}}, {{"-o", o->out}});
    io::ImportOptions opt;
    opt.series = o->series;
    opt.allowGaps = o->allowGaps;
    opt.correctTilt = !o->noTilt;
    const io::ImportResult r = io::importCt(o->ct, opt, terminalProgress());
    if (!r.choiceNote.empty()) note(r.choiceNote);
    for (const auto& w : r.warnings) warn(w);
    io::writeCtVolume(o->out, r.volume);
    const auto& g = r.volume.geometry;
    std::cout << "wrote " << o->out << " (" << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << ")\n";
  });
}

}  // namespace tantalus::cli
