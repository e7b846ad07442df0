// tantalus demo -o DIR [--ct CT]: the whole pipeline in one command — the phantom (or a
// given CT), the plan, the design, and the check of both bodies — into DIR.
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/phantom.h"

namespace tantalus::cli {

namespace fs = std::filesystem;

void addDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "The whole pipeline: phantom (or --ct) → plan → design → check, into DIR");
  struct Opts {
    std::string out, ct;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("-o,--output", o->out, "output folder")->required();
  cmd->add_option("--ct", o->ct, "a CT to run on instead of the phantom (DICOM folder/file or a volume)");
  cmd->callback([o] {
    const fs::path out = o->out;
    ensureWritableDirectory(out);
    fs::path ct = o->ct;
    if (ct.empty()) {
      // The phantom is written once and reused by later demos into the same folder.
      const fs::path phantom = out / "phantom";
      if (!fs::exists(phantom / "truth.json")) {
        note("writing the phantom CT into " + phantom.string());
        io::writePhantom(phantom, {});
      }
      ct = phantom / "dicom";
    }
    const fs::path run = out / "run";
    runToStep({{}, ct, {}}, run.string(), "design", false);
    bool printable = true;
    for (const char* body : {"print", "machined"}) {
      const fs::path stl = run / ("implant_" + std::string(body) + ".stl");
      const check::MeshCheck c = check::checkMesh(readStl(stl), stl.string(), {}, terminalProgress());
      std::cout << check::checkSummaryText(c);
      writeTextFile(run / ("check_" + std::string(body) + ".json"), check::checkReportJson(c));
      printable = printable && c.printable();
    }
    std::cout << "demo: the plan " << (run / "report.html").string() << ", the design " << (run / "design.html").string()
              << "\n";
    if (!printable) throw Verdict{1};
  });
}

}  // namespace tantalus::cli
