#include "gui/app/gui_options.h"

#include <CLI/CLI.hpp>
#include <cstdio>

namespace tantalus::gui {

std::optional<int> parseGuiOptions(int argc, char** argv, GuiOptions& o) {
  CLI::App app{"Tantalus workstation: plan and design a cup-plus-augment (docs/gui.md)", "tantalus-gui"};
  app.add_option("input", o.input, "a *.tantalus.json case, a CT file (NIfTI, NRRD, MHA) or a DICOM folder");
  app.add_option("--run", o.run, "after opening, run up to this step")->check(CLI::IsMember({"import", "segment", "plan", "design", "guides"}));
  app.add_option("--screenshot", o.screenshot, "write a PNG of --view once the case is shown");
  app.add_option("--view", o.view, "what the screenshot shows")->check(CLI::IsMember({"3d", "axial", "coronal", "sagittal", "all"}));
  app.add_option("--panel", o.panel, "the side panel shown")->check(CLI::IsMember({"segment", "plan", "design", "lattice", "guides", "export"}));
  app.add_option("--section", o.section, "cut the 3D view through the cursor (the cup's centre once planned)")
      ->check(CLI::IsMember({"axial", "coronal", "sagittal"}));
  std::string size;
  app.add_option("--size", size, "window size WxH in pixels (default 1600x1000)");
  app.add_flag("--quit", o.quit, "exit after the screenshot (or once the case is shown)");
  try {
    app.parse(argc, argv);
    if (!size.empty() && std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2)
      throw CLI::ValidationError("--size", "expected WxH, e.g. 1280x800");
    if (o.width < 320 || o.height < 240 || o.width > 8000 || o.height > 8000)
      throw CLI::ValidationError("--size", "between 320x240 and 8000x8000");
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints the help, or the error and the usage
    return code == 0 ? 0 : 2;
  }
  return std::nullopt;
}

}  // namespace tantalus::gui
