#pragma once
// tantalus-gui's command line: [CASE|CT] [--run STEP] [--screenshot FILE.png]
// [--view 3d|axial|coronal|sagittal|all] [--panel segment|plan|design|lattice|export]
// [--section axial|coronal|sagittal] [--size WxH] [--quit].
#include <optional>
#include <string>

namespace tantalus::gui {

struct GuiOptions {
  std::string input;       // case file, CT file or DICOM folder
  std::string run;         // after opening: run up to this step (segment | plan | design)
  std::string screenshot;  // PNG written once everything asked for is shown
  std::string view = "all";
  std::string panel;       // segment | plan | design | lattice | export: the panel shown
  std::string section;     // axial | coronal | sagittal: the 3D view cut through the cursor
  int width = 1600, height = 1000;
  bool quit = false;       // exit after the screenshot (or after opening)
};

// Parses argv (Qt's own options already removed). Returns an exit code when the
// program should stop at once (help: 0, a bad option: 2, printed to stderr).
std::optional<int> parseGuiOptions(int argc, char** argv, GuiOptions& o);

}  // namespace tantalus::gui
