// Export: the design's files copied whole into the folder the user chose, or nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/pipeline/export_outputs.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::pipeline;

namespace {
std::string slurp(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
fs::path workWithDesign(const std::string& name) {
  const fs::path work = test::scratchDir(name) / "work";
  fs::create_directories(work);
  writeTextFile(work / "implant_print.stl", std::string(9 << 20, 'p'));  // over two copy chunks
  writeTextFile(work / "design.json", "{\"x\": 1}");
  writeTextFile(work / "segment.json", "{}");  // not exported
  return work;
}
}  // namespace

TEST(ExportOutputs, CopiesTheDesignsFilesByteForByteAndNothingElse) {
  const fs::path work = workWithDesign("export-ok");
  double last = 0;
  const ExportResult r = exportOutputs(work, work.parent_path() / "to", Progress([&](double f, const std::string&) { last = f; }));
  EXPECT_EQ(r.files, (std::vector<std::string>{"implant_print.stl", "design.json"}));
  EXPECT_EQ(r.bytes, fs::file_size(work / "implant_print.stl") + fs::file_size(work / "design.json"));
  EXPECT_EQ(slurp(r.dir / "implant_print.stl"), slurp(work / "implant_print.stl"));
  EXPECT_EQ(slurp(r.dir / "design.json"), "{\"x\": 1}");
  EXPECT_FALSE(fs::exists(r.dir / "segment.json"));
  EXPECT_EQ(last, 1.0);
}

TEST(ExportOutputs, NoDesignTheSameFolderOrACancelLeaveNothing) {
  const fs::path work = workWithDesign("export-bad");
  const fs::path to = work.parent_path() / "to";
  try {
    exportOutputs(work, work);
    FAIL() << "exported onto itself";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("work folder"), std::string::npos) << e.what();
  }
  Progress p;
  p.cancel();
  EXPECT_THROW(exportOutputs(work, to, p), Cancelled);
  EXPECT_FALSE(fs::exists(to / "implant_print.stl"));
  EXPECT_FALSE(fs::exists(to / "design.json"));
  fs::remove(work / "implant_print.stl");
  try {
    exportOutputs(work, to);
    FAIL() << "exported without a design";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no designed implant"), std::string::npos) << e.what();
  }
}
