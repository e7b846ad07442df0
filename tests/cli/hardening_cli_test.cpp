// Hardening, the command line and the case file: what once ended as an internal
// error (exit 3), an undocumented exit code, a silently ignored option or a hang
// is a clear refusal (exit 2, one line naming the option or field and the fix).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {

fs::path smallSeries() {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  return test::cachedPhantom("small24", o) / "dicom";
}

fs::path caseFileWith(const fs::path& dir, const std::string& segmentationJson, const std::string& latticeJson = "{}") {
  const fs::path f = dir / "p.tantalus.json";
  std::ofstream(f) << R"({"schema": "tantalus.case", "version": 1, "input": {"path": ")" << smallSeries().string()
                   << R"("}, "segmentation": )" << segmentationJson << R"(, "lattice": )" << latticeJson << "}";
  return f;
}

}  // namespace

TEST(HardeningCli, CaseFileNumbersOutOfRangeAreNamedNotInternalErrors) {
  const fs::path dir = test::scratchDir("hc-case");
  // 1e309 is beyond double (was exit 3); 2^63 wrapped to 0.
  auto r = test::runCli("case validate " + caseFileWith(dir, R"({"hu_min": 1e309})").string());
  test::expectRefused(r, {}, "p.tantalus.json", "out of range");
  r = test::runCli("case validate " + caseFileWith(dir, R"({"metal_hu": 9223372036854775808})").string());
  test::expectRefused(r, {}, "segmentation.metal_hu", "out of range");
  r = test::runCli("case validate " + caseFileWith(dir, R"({"metal_hu": -9223372036854775808})").string());
  test::expectRefused(r, {}, "segmentation.metal_hu", "out of range");
  r = test::runCli("case validate " + caseFileWith(dir, R"({"margin_mm": 1e308})").string());
  test::expectRefused(r, {}, "segmentation", "metal margin");
}

TEST(HardeningCli, PresetAndMachineNamesArePlainNamesNotPaths) {
  const fs::path dir = test::scratchDir("hc-names");
  auto r = test::runCli("case validate " + caseFileWith(dir, R"({"preset": "../../etc/passwd"})").string());
  test::expectRefused(r, {}, "segmentation.preset", "names are lower-case letters");
  r = test::runCli("case validate " + caseFileWith(dir, "{}", R"({"machine": "../machines/ebpbf-ti6al4v"})").string());
  test::expectRefused(r, {}, "lattice.machine", "no machine named");
  r = test::runCli("case validate " + caseFileWith(dir, R"({"preset": "no-such-preset"})").string());
  test::expectRefused(r, {}, "segmentation.preset", "choose one of: bone");
  const fs::path out = dir / "lat.stl";
  r = test::runCli("lattice --pore-um 600 --porosity 0.8 --box 5,5,5 --machine ../../etc/passwd -o " + out.string() +
                   " --report " + (dir / "lat.json").string());
  test::expectRefused(r, {out, dir / "lat.json"}, "machine", "no machine named");
}

TEST(HardeningCli, AbsurdOptionsAreRefusedNotInternalErrors) {
  const fs::path dir = test::scratchDir("hc-absurd");
  const fs::path out = dir / "l.stl", rep = dir / "l.json";
  const std::string io = " -o " + out.string() + " --report " + rep.string();
  // --force overrides the machine's limits, not physics.
  auto r = test::runCli("lattice --pore-um 1e-9 --porosity 0.8 --box 5,5,5 --force" + io);
  test::expectRefused(r, {out, rep}, "lattice", "pore size");
  r = test::runCli("lattice --pore-um 600 --porosity 0.8 --box 5,5,5 --voxel-um nan" + io);
  test::expectRefused(r, {out, rep}, "--voxel-um", "not a finite number");
  r = test::runCli("lattice --pore-um inf --porosity 0.8 --box 5,5,5" + io);
  test::expectRefused(r, {out, rep}, "--pore-um", "not a finite number");
  // A folder where the zone STL should be.
  r = test::runCli("lattice --pore-um 600 --porosity 0.8 --zone " + dir.string() + io);
  test::expectRefused(r, {out, rep}, dir.string(), "is a folder, not an STL file");
}

TEST(HardeningCli, CommandLineSyntaxErrorsExitTwoWithOneLine) {
  // CLI11's own codes (105-109) are replaced by 2 and a hint.
  auto r = test::runCli("segment --no-such-option");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(test::errorLine(r).find("--help"), std::string::npos) << r.err;
  r = test::runCli("lattice --pore-um abc --porosity 0.8 --box 5,5,5 -o x.stl --report x.json");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_NE(test::errorLine(r).find("tantalus lattice"), std::string::npos) << r.err;
  r = test::runCli("");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  r = test::runCli("frobnicate");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_EQ(test::runCli("--help").exitCode, 0);
  EXPECT_EQ(test::runCli("segment --help").exitCode, 0);
}

TEST(HardeningCli, FileNamesTooLongOrNotUtf8AreHandled) {
  const fs::path dir = test::scratchDir("hc-names2");
  const std::string longName(300, 'a');
  auto r = test::runCli("convert " + smallSeries().string() + " -o " + (dir / (longName + ".nii")).string());
  test::expectRefused(r, {}, longName.substr(0, 40), "file systems allow 255");
  r = test::runCli("segment " + smallSeries().string() + " -o " + (dir / longName).string());
  test::expectRefused(r, {}, longName.substr(0, 40), "");
  // A folder name that is not valid UTF-8: --json still prints valid JSON.
  const fs::path bad = dir / std::string("ct\xff\xfe");
  fs::create_directories(bad);
  fs::copy(smallSeries(), bad);
  r = test::runCli("info --json '" + bad.string() + "'");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("\"root\""), std::string::npos);
  EXPECT_NE(r.out.find("\xef\xbf\xbd"), std::string::npos) << "invalid bytes become U+FFFD";
}

TEST(HardeningCli, OutputsThatCollideWithEachOtherOrWithTheInputAreRefused) {
  const fs::path dir = test::scratchDir("hc-collide");
  auto r = test::runCli("lattice --pore-um 600 --porosity 0.8 --box 5,5,5 -o " + (dir / "a.stl").string() + " --report " +
                        (dir / "a.stl").string());
  test::expectRefused(r, {dir / "a.stl"}, "a.stl", "name the same file");
  // segment ct -o ct: writing into the DICOM folder.
  const fs::path ct = dir / "ct";
  fs::copy(smallSeries(), ct);
  const std::size_t files = std::distance(fs::directory_iterator(ct), fs::directory_iterator());
  r = test::runCli("segment " + ct.string() + " -o " + ct.string());
  test::expectRefused(r, {}, ct.string(), "is the input");
  r = test::runCli("segment " + ct.string() + " -o " + (ct / "seg").string());
  test::expectRefused(r, {ct / "seg"}, (ct / "seg").string(), "inside the input folder");
  EXPECT_EQ(std::size_t(std::distance(fs::directory_iterator(ct), fs::directory_iterator())), files);
  // convert a.nii -o a.nii would destroy the input.
  ASSERT_EQ(test::runCli("convert " + ct.string() + " -o " + (dir / "a.nii").string()).exitCode, 0);
  const auto size = fs::file_size(dir / "a.nii");
  r = test::runCli("convert " + (dir / "a.nii").string() + " -o " + (dir / "a.nii").string());
  test::expectRefused(r, {}, "a.nii", "is the input");
  EXPECT_EQ(fs::file_size(dir / "a.nii"), size);
}

TEST(HardeningCli, ScanningTheWholeFileSystemStopsWithAMessage) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = test::runCli("info /");
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  test::expectRefused(r, {}, "/", "the scan stopped");
  EXPECT_LT(s, 150.0);
  // The bounds themselves, small: depth and entry count.
  const fs::path dir = test::scratchDir("hc-scan");
  fs::path deep = dir / "deep";
  for (int i = 0; i < 15; ++i) deep /= "d";
  fs::create_directories(deep);
  std::ofstream(deep / "x.dcm") << "x";
  try {
    io::scanDicom(dir / "deep");
    FAIL() << "a 15-level tree passed the 12-level bound";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("deeper than 12"), std::string::npos) << e.what();
  }
  for (int i = 0; i < 50; ++i) std::ofstream(dir / ("f" + std::to_string(i))) << "x";
  io::ScanLimits limits;
  limits.maxEntries = 20;
  EXPECT_THROW(io::scanDicom(dir, Progress::none(), limits), Error);
}

TEST(HardeningCli, RequestsBeyondTheMemoryAreRefusedUpFrontWithTheFigure) {
  const fs::path dir = test::scratchDir("hc-memory");
  const fs::path out = dir / "big.stl", rep = dir / "big.json";
  // The representative case: 300 mm, once ~5 GB allocated before "out of memory". Its
  // STL alone would be terabytes: refused for the disk, at once.
  auto t0 = std::chrono::steady_clock::now();
  auto r = test::runCli("lattice --pore-um 600 --porosity 0.8 --box 300,300,300 -o " + out.string() + " --report " + rep.string());
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  test::expectRefused(r, {out, rep}, dir.string(), "TiB of disk");
  EXPECT_LT(s, 5.0) << "refused only after working";
  // As 3MF the island graph of ~70 M struts needs ~11 GiB: refused where less is available.
  const fs::path tmf = dir / "big.3mf";
  t0 = std::chrono::steady_clock::now();
  r = test::runShell("TANTALUS_MEMORY_LIMIT_MB=4096 " + test::cliPath().string() +
                     " lattice --pore-um 600 --porosity 0.8 --box 300,300,300 -o " + tmf.string() + " --report " + rep.string());
  s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  test::expectRefused(r, {tmf, rep}, "zone", "GiB of memory; 4.0 GiB is available");
  EXPECT_LT(s, 5.0) << "refused only after working";
  // Import and segmentation check too (a limit forced low).
  r = test::runShell("TANTALUS_MEMORY_LIMIT_MB=2 " + test::cliPath().string() + " segment " + smallSeries().string() +
                     " -o " + (dir / "seg").string());
  test::expectRefused(r, {dir / "seg"}, "dicom", "of memory");
}

TEST(HardeningCli, AMissingLatticeEngineModuleIsAClearError) {
  const fs::path dir = test::scratchDir("hc-engine");
  const auto r = test::runShell("TANTALUS_LATTICE_ENGINE=" + (dir / "nowhere.so").string() + " " + test::cliPath().string() +
                                " lattice --pore-um 600 --porosity 0.8 --box 5,5,5 -o " + (dir / "l.stl").string() +
                                " --report " + (dir / "l.json").string());
  test::expectRefused(r, {dir / "l.stl", dir / "l.json"}, "nowhere.so", "cannot load the lattice engine");
  // Commands that build no lattice never load it: they work without it.
  const auto info = test::runShell("TANTALUS_LATTICE_ENGINE=" + (dir / "nowhere.so").string() + " " + test::cliPath().string() +
                                   " info " + smallSeries().string());
  EXPECT_EQ(info.exitCode, 0) << info.err;
}
