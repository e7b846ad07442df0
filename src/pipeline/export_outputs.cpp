// Export: the design's files and reports copied from the session's work folder into
// the folder the user chose, all or nothing (core/staged_output.h).
#include "tantalus/pipeline/export_outputs.h"

#include <fstream>
#include <vector>

#include "tantalus/core/error.h"
#include "tantalus/core/staged_output.h"

namespace fs = std::filesystem;

namespace tantalus::pipeline {

std::vector<std::string> exportedNames() {
  return {"implant_print.stl", "implant_print.3mf", "implant_machined.stl", "liner_seat.stl", "screws.stl", "screws.json",
          "design.json",       "design.html",       "report.json",          "report.html",    "case.tantalus.json"};
}

namespace {
void copyFile(const fs::path& from, const fs::path& to, std::uintmax_t& done, std::uintmax_t total, const Progress& progress) {
  std::ifstream in(from, std::ios::binary);
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  if (!in) throw Error("cannot read " + from.string(), from.string(), "run the design again: the work folder lost it");
  if (!out) throw Error("cannot write " + to.string(), to.parent_path().string(), "choose a folder you can write to");
  std::vector<char> buf(std::size_t(4) << 20);
  const std::uintmax_t start = done;
  while (in) {
    progress.check();
    in.read(buf.data(), std::streamsize(buf.size()));
    const std::streamsize got = in.gcount();
    if (got > 0 && !out.write(buf.data(), got))
      throw Error("writing " + to.filename().string() + " failed (disk full?)", to.parent_path().string(), "free space or choose another folder");
    done += std::uintmax_t(got);
    progress.report(total ? double(done) / double(total) : 1.0, "copying " + from.filename().string());
  }
  if (in.bad() || done - start != fs::file_size(from))
    throw Error("reading " + from.filename().string() + " failed part way", from.string(), "run the design again, then export");
  out.flush();
  if (!out) throw Error("writing " + to.filename().string() + " failed (disk full?)", to.parent_path().string(), "free space or choose another folder");
}
}  // namespace

void checkExportFolder(const fs::path& workDir, const fs::path& exportDir) {
  if (fs::weakly_canonical(workDir) == fs::weakly_canonical(exportDir))
    throw Error("the export folder is the session's work folder", exportDir.string(), "choose another folder");
  std::error_code ec;
  fs::create_directories(exportDir, ec);
  const fs::path probe = exportDir / ".tantalus-export-probe";
  if (ec || !std::ofstream(probe)) throw Error("cannot write to the export folder", exportDir.string(), "choose a folder you can write to");
  fs::remove(probe, ec);
}

ExportResult exportOutputs(const fs::path& workDir, const fs::path& exportDir, const Progress& progress) {
  if (!fs::exists(workDir / "implant_print.stl"))
    throw Error("there is no designed implant to export", workDir.string(), "run the design first");
  checkExportFolder(workDir, exportDir);
  ExportResult r;
  r.dir = exportDir;
  std::uintmax_t total = 0, done = 0;
  for (const auto& n : exportedNames())
    if (fs::is_regular_file(workDir / n)) {
      r.files.push_back(n);
      total += fs::file_size(workDir / n);
    }
  StagedOutput out(exportDir, exportedNames());
  for (const auto& n : r.files) copyFile(workDir / n, out.file(n), done, total, progress);
  progress.check();
  out.commit();
  r.bytes = total;
  progress.report(1.0, "exported");
  return r;
}

}  // namespace tantalus::pipeline
