// tantalus phantom -o DIR: the synthetic revision-hip CT with known answers.
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

namespace tantalus::cli {

void addPhantomCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("phantom", "Write the synthetic revision-hip CT (DICOM series + truth.json)");
  struct Opts {
    std::string out, drop, pose, shift, lesion;
    io::PhantomOptions p;
    bool uneven = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("-o,--output", o->out, "output folder (gets dicom/ and truth.json)")->required();
  cmd->add_option("--matrix", o->p.matrix, "rows = columns")->capture_default_str();
  cmd->add_option("--slices", o->p.slices, "number of slices")->capture_default_str();
  cmd->add_option("--pixel-mm", o->p.pixelMm, "in-plane spacing, mm")->capture_default_str();
  cmd->add_option("--slice-mm", o->p.sliceMm, "slice spacing, mm")->capture_default_str();
  cmd->add_option("--tilt-deg", o->p.gantryTiltDeg, "gantry tilt (image plane tilted about L)")->capture_default_str();
  cmd->add_option("--noise-hu", o->p.noiseHu, "Gaussian noise SD, HU")->capture_default_str();
  cmd->add_option("--metal-hu", o->p.metalHu, "HU of the old implant's metal")->capture_default_str();
  cmd->add_option("--streak-hu", o->p.streakHu, "depth of dark radial metal streaks through the cup (0 = none)")->capture_default_str();
  cmd->add_option("--transfer-syntax", o->p.transferSyntax, "explicit | implicit | big-endian | deflated | rle | jpeg-lossless")
      ->capture_default_str();
  cmd->add_option("--photometric", o->p.photometric, "MONOCHROME2, or MONOCHROME1 (same stored values, inverted display)")
      ->capture_default_str();
  cmd->add_option("--modality", o->p.modality, "CT, or MR for a (wrong-modality) test series")->capture_default_str();
  cmd->add_option("--drop-slices", o->drop, "comma-separated slice indices to leave out (missing-slice tests)");
  cmd->add_flag("--uneven", o->uneven, "second half of the slices at 1.25× the spacing (protocol change)");
  cmd->add_option("--pose-deg", o->pose, "patient rotated about the scanner's x,y,z axes, degrees (e.g. 4,-3,6)");
  cmd->add_option("--shift-mm", o->shift, "patient shifted, mm (e.g. 12,-8,5)");
  cmd->add_flag("--swap-sides", o->p.swapSides, "the revised hip on the right");
  cmd->add_flag("--bilateral", o->p.bilateral, "the other hip replaced too");
  cmd->add_flag("--table", o->p.table, "a CT table under the patient");
  cmd->add_flag("--beads", o->p.beads, "six metal skin markers");
  cmd->add_flag("--stem", o->p.stem, "a femoral stem carrying the old head (one metal part with it)");
  cmd->add_option("--top-mm", o->p.topMm, "no slices above this z (a scan stopping short of the iliac crests)");
  cmd->add_flag("--enhanced", o->p.enhanced, "write one multi-frame Enhanced CT file instead of one file per slice");
  cmd->add_option("--lesion", o->lesion, "also write lesion.nii.gz: a spherical lesion X,Y,Z,R (LPS mm) on the CT's grid (guide tests)");
  cmd->callback([o] {
    auto vec3 = [](const std::string& text, const char* option) {
      if (text.empty()) return Eigen::Vector3d(0, 0, 0);
      const std::vector<double> v = parseNumberList(text, 3, option);
      return Eigen::Vector3d(v[0], v[1], v[2]);
    };
    o->p.poseDeg = vec3(o->pose, "--pose-deg");
    o->p.poseShiftMm = vec3(o->shift, "--shift-mm");
    if (!o->drop.empty() || o->uneven) {
      std::vector<double> z;
      double pos = -(o->p.slices - 1) / 2.0 * o->p.sliceMm;
      for (int k = 0; k < o->p.slices; ++k) {
        z.push_back(pos);
        pos += (o->uneven && k >= o->p.slices / 2) ? 1.25 * o->p.sliceMm : o->p.sliceMm;
      }
      if (!o->drop.empty()) {
        std::vector<double> drop = parseNumberList(o->drop, 0, "--drop-slices");
        std::vector<double> kept;
        for (int k = 0; k < int(z.size()); ++k)
          if (std::find(drop.begin(), drop.end(), double(k)) == drop.end()) kept.push_back(z[std::size_t(k)]);
        z = kept;
      }
      o->p.slicePositionsMm = z;
    }
    std::optional<Mask> lesion;
    if (!o->lesion.empty()) {
      const std::vector<double> v = parseNumberList(o->lesion, 4, "--lesion");
      lesion = io::phantomLesionMask(o->p, Eigen::Vector3d(v[0], v[1], v[2]), v[3]);
      if (lesion->count() == 0) throw Error("the lesion lies outside the phantom's image", "--lesion", "give a centre inside it (LPS mm)");
    }
    const io::PhantomTruth t = io::writePhantom(o->out, o->p, terminalProgress());
    if (lesion) io::writeMaskVolume(std::filesystem::path(o->out) / "lesion.nii.gz", *lesion);
    std::cout << "phantom written to " << o->out << "/dicom (" << (o->p.slicePositionsMm.empty() ? o->p.slices : int(o->p.slicePositionsMm.size()))
              << " slices), truth in " << o->out << "/truth.json: metal " << t.metalVolumeMm3 / 1000.0 << " mL, defect "
              << t.defectVolumeMm3 / 1000.0 << " mL\n";
  });
}

}  // namespace tantalus::cli
