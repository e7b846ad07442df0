// tantalus check MESH: is it a printable part? Summary on stdout, the JSON report on
// request; exit 0 printable, 1 not printable, 2 bad input.
#include <iostream>
#include <memory>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/stl_io.h"

namespace tantalus::cli {

void addCheckCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("check", "Printability of a mesh: watertight, manifold, self-intersections, shells, "
                                          "trapped powder, wall thickness, build envelope, mass and cost");
  struct Opts {
    std::string mesh, json;
    check::CheckOptions o;
    bool fast = false, allFaces = false;
  };
  auto opts = std::make_shared<Opts>();
  cmd->add_option("mesh", opts->mesh, "STL to check (LPS mm)")->required();
  cmd->add_option("--machine", opts->o.machine, "machine profile in resources/machines (minimum strut, build envelope)")
      ->capture_default_str();
  cmd->add_option("--material", opts->o.material, "printed material in resources/materials")->capture_default_str();
  cmd->add_option("--reference", opts->o.reference, "material to compare mass and cost with")->capture_default_str();
  cmd->add_option("--json", opts->json, "write the report as JSON");
  cmd->add_flag("--no-self-intersections", opts->fast, "skip the (slowest) self-intersection test");
  cmd->add_flag("--all-faces", opts->allFaces, "test self-intersections however many faces (default: up to 4 million)");
  cmd->callback([opts] {
    if (!opts->json.empty()) {
      ensureWritableParent(opts->json);
      checkOutputPaths({{"mesh", opts->mesh}}, {{"--json", opts->json}});
    }
    opts->o.selfIntersections = !opts->fast;
    if (opts->allFaces) opts->o.selfIntersectionMaxFaces = 0;
    const Mesh mesh = readStl(opts->mesh);
    const check::MeshCheck c = check::checkMesh(mesh, opts->mesh, opts->o, terminalProgress());
    std::cout << check::checkSummaryText(c) << std::flush;
    if (!opts->json.empty()) writeTextFile(opts->json, check::checkReportJson(c));
    if (!c.printable()) throw Verdict{1};
  });
}

}  // namespace tantalus::cli
