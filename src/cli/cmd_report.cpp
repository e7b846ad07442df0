// tantalus report DIR: a Markdown summary of a pipeline run (what make demo
// writes to out/report.md): inputs, figures, checks of every STL, and the
// phantom's truth when there is one.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/resources.h"
#include "tantalus/core/stl_io.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace tantalus::cli {

namespace {

std::string num(double v, int p = 2) { return fixedText(v, p); }

json loadJson(const fs::path& p) {
  try {
    return json::parse(readTextFile(p));
  } catch (const json::exception& e) {
    throw Error(std::string("not valid JSON: ") + e.what(), p.string(), "re-run the step that wrote it");
  }
}

void meshRow(std::ostringstream& md, const fs::path& stl) {
  // A binary STL of no triangles (screws.stl of a design without screws) is valid, and empty.
  if (fs::file_size(stl) == 84) {
    md << "| `" << fs::relative(stl, stl.parent_path().parent_path()).string() << "` | 0 | — | — | — | — | — | (empty) |\n";
    return;
  }
  const Mesh m = readStl(stl);
  const MeshTopology t = analyseTopology(m);
  md << "| `" << fs::relative(stl, stl.parent_path().parent_path()).string() << "` | " << m.faceCount() << " | "
     << num(signedVolume(m) / 1000.0, 3) << " | " << t.components << " | " << t.boundaryEdges << " | "
     << t.nonManifoldEdges << " | " << t.misorientedEdges << " | "
     << (t.watertight() && t.consistentlyOriented() ? "yes" : "**NO**") << " |\n";
}

}  // namespace

void addReportCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "Write DIR/report.md summarising a run (segment.json, truth.json, STL checks)");
  auto dir = std::make_shared<std::string>();
  cmd->add_option("dir", *dir, "run folder (as written by make demo)")->required();
  cmd->callback([dir] {
    const fs::path root = *dir;
    if (!fs::is_directory(root)) throw Error("no such run folder", root.string(), "give the folder make demo wrote (out/)");
    std::ostringstream md;
    md << "# Tantalus run report\n\nSpace: DICOM LPS, millimetres; volumes in mL.\n\n";
    const fs::path seg = root / "segment" / "segment.json";
    if (fs::exists(seg)) try {
      const json s = loadJson(seg);  // accessed with at(): a missing field throws
      const auto& th = s.at("thresholds");
      md << "## Segmentation\n\n"
         << "| figure | value |\n|---|---|\n"
         << "| study (hash) | " << s.at("study_hash").get<std::string>() << " |\n"
         << "| grid | " << s.at("grid").at("size").dump() << " voxels, spacing " << s.at("grid").at("spacing_mm").dump() << " mm |\n"
         << "| bone window | " << th.at("bone_hu_min") << "–" << th.at("bone_hu_max") << " HU (preset " << th.at("preset").get<std::string>() << ") |\n"
         << "| metal threshold, margin | ≥ " << th.at("metal_hu") << " HU, " << th.at("margin_mm") << " mm |\n"
         << "| host bone | " << num(s.at("bone").at("volume_ml").get<double>(), 1) << " mL, " << s.at("bone").at("components_kept")
         << " of " << s.at("bone").at("components_found") << " components kept |\n"
         << "| removed from bone by the dilated implant | " << s.at("bone").at("removed_by_implant_voxels") << " voxels |\n"
         << "| old implant (metal) | " << num(s.at("implant").at("volume_ml").get<double>(), 3) << " mL in "
         << s.at("implant").at("components") << " component(s) |\n"
         << "| time | " << num(s.at("timing_s").at("total").get<double>(), 2) << " s |\n\n";
      const fs::path truth = root / "phantom" / "truth.json";
      if (fs::exists(truth)) {
        const json t = loadJson(truth);
        const double tv = t.at("metal_volume_mm3").get<double>() / 1000.0, mv = s.at("implant").at("volume_ml").get<double>();
        md << "### Against the phantom's truth\n\n| figure | measured | truth | error |\n|---|---|---|---|\n"
           << "| metal volume (mL) | " << num(mv, 3) << " | " << num(tv, 3) << " | " << num(100.0 * (mv - tv) / tv, 2) << " % |\n\n"
           << "Truth also holds: native COR right " << t.at("cor_right_mm").dump() << ", cup centre "
           << t.at("cup").at("centre_mm").dump() << ", inclination/anteversion " << t.at("cup").at("inclination_deg") << "°/"
           << t.at("cup").at("anteversion_deg") << "°, defect " << num(t.at("defect").at("volume_mm3").get<double>() / 1000.0, 2)
           << " mL (used by later pipeline steps).\n\n";
      }
      for (const auto& w : s.at("warnings")) md << "- warning: " << w.get<std::string>() << "\n";
    } catch (const json::exception& e) {
      throw Error(std::string("missing or malformed field (") + e.what() + ")", seg.string(),
                  "the file is from another version or was edited: re-run tantalus segment");
    }
    const fs::path lat = root / "lattice";
    if (fs::is_directory(lat)) {
      md << "## Lattice\n\n";
      for (const auto& e : fs::directory_iterator(lat))
        if (e.path().extension() == ".json") {
          const json l = loadJson(e.path());
          md << "`" << e.path().filename().string() << "`:\n\n```json\n" << l.dump(2) << "\n```\n\n";
        }
    }
    md << "## Mesh checks (every STL of the run)\n\n"
       << "| file | triangles | volume (mL) | parts | open edges | non-manifold edges | flipped edges | watertight & oriented |\n"
       << "|---|---|---|---|---|---|---|---|\n";
    std::vector<fs::path> stls;
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.path().extension() == ".stl") stls.push_back(e.path());
    std::sort(stls.begin(), stls.end());
    for (const auto& s : stls) meshRow(md, s);
    const fs::path admesh = root / "admesh.txt";
    if (fs::exists(admesh)) md << "\nIndependent check: `admesh` output in `admesh.txt`.\n";
    writeTextFile(root / "report.md", md.str());
    std::cout << "wrote " << (root / "report.md").string() << "\n";
  });
}

}  // namespace tantalus::cli
