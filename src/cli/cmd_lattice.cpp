// tantalus lattice: pore size + porosity -> printable, measured RD strut lattice
// filling a box or a closed zone mesh, as binary STL (tiled, streamed) or 3MF
// (Beam Lattice extension), with a JSON report.
#include <iostream>
#include <memory>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_report.h"

namespace tantalus::cli {

namespace {
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

void addLatticeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("lattice", "Porous rhombic-dodecahedral strut lattice filling a zone (STL or 3MF beam lattice)");
  struct Opts {
    LatticeParams p;
    std::string box, zone, out, report, skinFaces = "all", buildDir = "0,0,1", orientDeg, gradeFrom, grade;
    double voxelUm = 0;
    int tileVoxels = 256;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--pore-um", o->p.poreUm, "pore size, µm (see --definition)")->required();
  cmd->add_option("--porosity", o->p.porosity, "porosity, 0..1 (e.g. 0.80)")->required();
  cmd->add_option("--definition", o->p.definition, "pore reading: window (largest sphere through a face) | cell-sphere")
      ->capture_default_str();
  cmd->add_option("--machine", o->p.machine, "machine profile in resources/machines")->capture_default_str();
  auto* box = cmd->add_option("--box", o->box, "box zone X,Y,Z in mm (corner at the origin)");
  auto* zone = cmd->add_option("--zone", o->zone, "closed zone mesh (STL, LPS mm)");
  box->excludes(zone);
  cmd->add_option("--skin-mm", o->p.skinMm, "dense skin thickness on the zone faces, mm (0 = none)")->capture_default_str();
  cmd->add_option("--skin-faces", o->skinFaces, "box zones: all | none | list of x-,x+,y-,y+,z-,z+")->capture_default_str();
  cmd->add_option("--voxel-um", o->voxelUm, "voxel size, µm (default: strut diameter / 6)");
  cmd->add_option("--tile-voxels", o->tileVoxels, "tile edge in voxels (memory bound); 0 = one tile")->capture_default_str();
  cmd->add_option("--build-dir", o->buildDir, "build direction in LPS; the cell axis goes along it (struts at 35.26°)")
      ->capture_default_str();
  cmd->add_option("--orient-deg", o->orientDeg, "cell rotation RX,RY,RZ in degrees (overrides --build-dir)");
  cmd->add_option("--grade-from", o->gradeFrom, "grading surface: plane:PX,PY,PZ,NX,NY,NZ or sphere:CX,CY,CZ,R");
  cmd->add_option("--grade", o->grade, "POROSITY_AT_SURFACE,RAMP_MM: porosity rises linearly to --porosity over the ramp");
  cmd->add_option("-o,--output", o->out, "OUT.stl or OUT.3mf")->required();
  cmd->add_option("--report", o->report, "report JSON")->required();
  cmd->add_flag("--force", o->force, "build below the machine minimums (a warning goes into the report)");
  cmd->callback([o] {
    using namespace tantalus::lattice;
    if (o->box.empty() == o->zone.empty()) throw Error("give exactly one zone", "--box / --zone", "e.g. --box 20,20,20");
    if (o->voxelUm > 0) o->p.voxelUm = o->voxelUm;
    const std::filesystem::path out(o->out), report(o->report);
    const std::string ext = lower(out.extension().string());
    if (ext != ".stl" && ext != ".3mf") throw Error("output must end in .stl or .3mf", o->out, "e.g. -o lattice.stl");
    // Fail before any work (and before any file) when an output cannot be written.
    ensureWritableParent(out);
    ensureWritableParent(report);
    checkOutputPaths({}, {{"-o", out}, {"--report", report}});

    const LatticeDesign design = designLattice(o->p, o->force, "lattice options");
    for (const auto& w : design.warnings) warn(w);

    LatticeZone z;
    std::string zoneSource;
    if (!o->box.empty()) {
      const auto s = parseNumberList(o->box, 3, "--box");
      z = LatticeZone::fromBox(Eigen::Vector3d(s[0], s[1], s[2]));
      zoneSource = "box " + o->box + " mm";
    } else {
      z = LatticeZone::fromMesh(readStl(o->zone), o->zone);
      checkOutputPaths({{"--zone", o->zone}}, {{"-o", out}, {"--report", report}});
      zoneSource = o->zone;
    }

    LatticeBuildOptions b;
    std::vector<std::string> gradingWarnings;
    b.frame.cell = design.cell;
    if (!o->orientDeg.empty()) {
      const auto a = parseNumberList(o->orientDeg, 3, "--orient-deg");
      b.frame.rotation = orientationFromEulerDeg(Eigen::Vector3d(a[0], a[1], a[2]));
    } else {
      const auto d = parseNumberList(o->buildDir, 3, "--build-dir");
      b.frame.rotation = orientationForBuildDirection(Eigen::Vector3d(d[0], d[1], d[2]));
    }
    b.frame.origin = z.box.min();
    if (!o->grade.empty() || !o->gradeFrom.empty()) {
      if (o->grade.empty() || o->gradeFrom.empty())
        throw Error("grading needs both --grade and --grade-from", "--grade", "e.g. --grade 0.70,5 --grade-from plane:0,0,0,0,0,1");
      const auto g = parseNumberList(o->grade, 2, "--grade");
      Grading gr;
      gr.porosityAtSurface = g[0];
      gr.porosityFar = o->p.porosity;
      gr.rampMm = g[1];
      if (o->gradeFrom.rfind("plane:", 0) == 0) {
        const auto v = parseNumberList(o->gradeFrom.substr(6), 6, "--grade-from");
        gr.surface = Grading::Surface::Plane;
        gr.point = Eigen::Vector3d(v[0], v[1], v[2]);
        gr.normal = Eigen::Vector3d(v[3], v[4], v[5]);
        if (!(gr.normal.norm() > 1e-9))
          throw Error("the grading plane's normal is the zero vector", "--grade-from", "give NX,NY,NZ, e.g. 0,0,1");
      } else if (o->gradeFrom.rfind("sphere:", 0) == 0) {
        const auto v = parseNumberList(o->gradeFrom.substr(7), 4, "--grade-from");
        gr.surface = Grading::Surface::Sphere;
        gr.point = Eigen::Vector3d(v[0], v[1], v[2]);
        gr.radiusMm = v[3];
      } else {
        throw Error("unknown grading surface '" + o->gradeFrom + "'", "--grade-from", "plane:PX,PY,PZ,NX,NY,NZ or sphere:CX,CY,CZ,R");
      }
      if (!(gr.porosityAtSurface > 0 && gr.porosityAtSurface < 1) || !(gr.rampMm >= 0))
        throw Error("grading porosity must be in (0,1) and the ramp >= 0 mm", "--grade");
      ratioForSolidFraction(1 - gr.porosityAtSurface);  // throws when the windows would close
      b.frame.grading = gr;
      // The machine check of the design covers the base porosity only: check both ends
      // of the grading range too (thinnest strut, smallest window).
      const double a = design.cell.cellMm;
      const double dThin = ratioForSolidFraction(1 - std::max(gr.porosityAtSurface, gr.porosityFar)) * a;
      const double dThick = ratioForSolidFraction(1 - std::min(gr.porosityAtSurface, gr.porosityFar)) * a;
      const double windowMin = a / std::sqrt(6.0) - dThick;
      std::vector<std::string> problems;
      if (dThin < design.machine.minStrutMm)
        problems.push_back("graded struts down to " + std::to_string(dThin) + " mm, below the " + design.machine.name +
                           " minimum strut of " + std::to_string(design.machine.minStrutMm) + " mm");
      if (windowMin < design.machine.minPoreMm)
        problems.push_back("graded windows down to " + std::to_string(windowMin) + " mm, below the " +
                           design.machine.name + " minimum pore of " + std::to_string(design.machine.minPoreMm) +
                           " mm (powder would be trapped)");
      for (const auto& p : problems) {
        if (!o->force)
          throw Error("not printable: " + p, "--grade", "narrow the grading range, or --force to build it anyway");
        gradingWarnings.push_back(p + " (built anyway: --force)");
      }
    }
    b.voxelMm = o->p.voxelUm ? *o->p.voxelUm / 1000.0 : 0.0;
    b.skinMm = o->p.skinMm;
    b.skinFaces = z.kind == LatticeZone::Kind::Box ? parseSkinFaces(o->skinFaces, "--skin-faces") : kSkinAll;
    b.tileVoxels = o->tileVoxels;
    if (b.tileVoxels < 0) throw Error("--tile-voxels must be >= 0", "--tile-voxels");

    requireLatticeBudget(z, b, ext == ".stl" ? out : std::filesystem::path());  // before any work
    const Progress progress = terminalProgress();
    const BeamLattice counts = beamLatticeInZone(z, b);
    LatticeReportInputs in;
    in.warnings = latticeBuildWarnings(z, b);
    in.warnings.insert(in.warnings.end(), gradingWarnings.begin(), gradingWarnings.end());
    for (const auto& w : in.warnings) warn(w);
    in.design = &design;
    in.zone = &z;
    in.zoneSource = zoneSource;
    in.output = o->out;
    in.nodes = counts.nodes.size();
    in.struts = counts.beams.size();
    LatticeBuildStats stl;
    Beam3mfStats beams;
    if (ext == ".stl") {
      stl = buildLatticeStl(z, b, out, progress);
      in.stl = &stl;
    } else {
      beams = writeBeamLattice3mf(z, b, out, progress);
      in.beams = &beams;
    }
    try {
      writeTextFile(report, latticeReportJson(in));
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove(out, ec);  // both files or neither
      throw;
    }
    std::cout << "lattice: a = " << design.cell.cellMm << " mm, d = " << design.cell.strutMm << " mm, window "
              << design.pores.windowMm << " mm; " << in.struts << " struts";
    if (in.stl)
      std::cout << "; " << stl.triangles << " triangles, porosity measured " << stl.porosityFromMesh() << " (mesh) / "
                << stl.porosityFromVoxels() << " (voxels)";
    else
      std::cout << "; 3MF " << beams.bytes << " bytes";
    const std::uint64_t islands = in.stl ? stl.islandStruts : beams.islandStruts;
    const std::uint64_t slivers = in.stl ? stl.sliverStruts : beams.sliverStruts;
    if (islands) std::cout << "; " << islands << " struts of floating fragments left out";
    if (slivers) std::cout << "; " << slivers << " grazing boundary slivers trimmed";
    if (in.stl && stl.latticeBodies > 1)
      warn("the lattice falls into " + std::to_string(stl.latticeBodies) +
           " separate bodies (the zone has several parts, or a neck thinner than a cell): all are kept");
    std::cout << " -> " << o->out << "\n";
  });
}

}  // namespace tantalus::cli
