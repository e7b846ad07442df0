// Bad input through the CLI: one line naming the file and the fix, a non-zero
// exit, and no partial output. One test per case.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>

#include <fstream>

#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {

// Exit 2 exactly (the promise), one error line naming the file and the fix, no output.
void expectCleanFailure(const test::CliResult& r, const fs::path& out, const std::string& mustName,
                        const std::string& mustSay) {
  test::expectRefused(r, {out}, mustName, mustSay);
}

fs::path smallSeries(const std::string& name) {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  return test::cachedPhantom("small24-explicit", o) / "dicom";
  (void)name;
}

fs::path copySeries(const std::string& name) {
  const fs::path dir = test::scratchDir(name) / "ct";
  fs::copy(smallSeries(name), dir);
  return dir;
}

}  // namespace

TEST(BadInput, EmptyFolder) {
  const fs::path dir = test::scratchDir("empty") / "ct";
  fs::create_directories(dir);
  const fs::path out = dir.parent_path() / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string()), out, dir.string(), "holds no files");
}

TEST(BadInput, NonDicomFilesAloneAreRefusedAndMixedInAreSkippedWithAWarning) {
  const fs::path dir = test::scratchDir("junk") / "ct";
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "hello";
  std::ofstream(dir / "viewer.exe") << "MZ....";
  const fs::path out = dir.parent_path() / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string()), out, dir.string(), "no DICOM files among 2");
  // Mixed into a good series: the series is used, the junk named in a warning.
  const fs::path mixed = copySeries("mixed");
  std::ofstream(mixed / "notes.txt") << "hello";
  const auto r = test::runCli("info " + mixed.string() + " --json");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("\"skipped_files\": 1"), std::string::npos) << r.out;
  // A single non-DICOM file given directly is refused, naming it.
  expectCleanFailure(test::runCli("segment " + (mixed / "notes.txt").string() + " -o " + out.string()), out, "notes.txt",
                     "not a DICOM file");
}

TEST(BadInput, TruncatedFile) {
  const fs::path dir = copySeries("truncated");
  const fs::path victim = *fs::directory_iterator(dir);
  fs::resize_file(victim, fs::file_size(victim) / 2);
  const fs::path out = dir.parent_path() / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string()), out,
                     victim.filename().string(), "truncated");
}

TEST(BadInput, MrSeries) {
  auto o = test::smallPhantomOptions();
  o.slices = 10;
  o.modality = "MR";
  const fs::path dir = test::cachedPhantom("small10-mr", o) / "dicom";
  const fs::path out = test::scratchDir("mr") / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string()), out, dir.string(), "modality MR");
}

TEST(BadInput, RgbSecondaryCapture) {
  const fs::path dir = test::scratchDir("rgb") / "sc";
  fs::create_directories(dir);
  DcmFileFormat ff;
  DcmDataset* ds = ff.getDataset();
  char uid[100];
  ds->putAndInsertString(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
  ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
  ds->putAndInsertString(DCM_SeriesInstanceUID, dcmGenerateUniqueIdentifier(uid));
  ds->putAndInsertString(DCM_Modality, "OT");
  ds->putAndInsertUint16(DCM_Rows, 16);
  ds->putAndInsertUint16(DCM_Columns, 16);
  ds->putAndInsertUint16(DCM_SamplesPerPixel, 3);
  ds->putAndInsertString(DCM_PhotometricInterpretation, "RGB");
  ds->putAndInsertUint16(DCM_PlanarConfiguration, 0);
  ds->putAndInsertUint16(DCM_BitsAllocated, 8);
  ds->putAndInsertUint16(DCM_BitsStored, 8);
  ds->putAndInsertUint16(DCM_HighBit, 7);
  ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
  std::vector<Uint8> px(16 * 16 * 3, 128);
  ds->putAndInsertUint8Array(DCM_PixelData, px.data(), px.size());
  ASSERT_TRUE(ff.saveFile((dir / "screenshot.dcm").c_str(), EXS_LittleEndianExplicit).good());
  const fs::path out = dir.parent_path() / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string()), out, dir.string(),
                     "colour image (RGB");
}

TEST(BadInput, MissingSlices) {
  auto o = test::smallPhantomOptions();
  o.slices = 30;
  std::vector<double> z;
  for (int k = 0; k < 30; ++k)
    if (k != 14 && k != 15) z.push_back(-30 + 2.0 * k);
  o.slicePositionsMm = z;
  const fs::path dir = test::cachedPhantom("small-gap", o) / "dicom";
  const fs::path out = test::scratchDir("gap") / "out";
  const auto r = test::runCli("segment " + dir.string() + " -o " + out.string());
  expectCleanFailure(r, out, dir.string(), "slices missing: gap of 6.00 mm between IM_");
  EXPECT_NE(test::errorLine(r).find("--allow-gaps"), std::string::npos);
  // With --allow-gaps it goes through, with the warning.
  const auto ok = test::runCli("segment " + dir.string() + " -o " + out.string() + " --allow-gaps");
  EXPECT_EQ(ok.exitCode, 0) << ok.err;
  EXPECT_NE(ok.err.find("interpolated across it"), std::string::npos) << ok.err;
  EXPECT_TRUE(fs::exists(out / "segment.json"));
}

TEST(BadInput, UnwritableOutput) {
  const fs::path root = test::scratchDir("unwritable");
  std::ofstream(root / "afile") << "x";  // a file where a folder should be (root ignores permissions)
  const fs::path out = root / "afile" / "out";
  expectCleanFailure(test::runCli("segment " + smallSeries("x").string() + " -o " + out.string()), out,
                     out.string(), "cannot create output folder");
  const fs::path ro = "/proc/tantalus-out";  // read-only file system
  expectCleanFailure(test::runCli("segment " + smallSeries("x").string() + " -o " + ro.string()), ro, ro.string(),
                     "output folder");
}

TEST(BadInput, ThresholdLowNotBelowHigh) {
  const fs::path out = test::scratchDir("lohi") / "out";
  const auto r = test::runCli("segment " + smallSeries("x").string() + " -o " + out.string() + " --hu 500,500");
  expectCleanFailure(r, out, "--hu", "bone HU range is empty: low 500 >= high 500");
  EXPECT_FALSE(fs::exists(out));
}

TEST(BadInput, GantryTiltRefusedWhenCorrectionIsOff) {
  auto o = test::smallPhantomOptions();
  o.gantryTiltDeg = 15;
  const fs::path dir = test::cachedPhantom("small-tilt15", o) / "dicom";
  const fs::path out = test::scratchDir("tilt-refused") / "out";
  expectCleanFailure(test::runCli("segment " + dir.string() + " -o " + out.string() + " --no-tilt-correction"), out,
                     dir.string(), "gantry tilt of 15.0°");
  // By default it is resampled, with a warning.
  const auto ok = test::runCli("segment " + dir.string() + " -o " + out.string());
  EXPECT_EQ(ok.exitCode, 0) << ok.err;
  EXPECT_NE(ok.err.find("warning: [import] gantry tilt of 15.0°"), std::string::npos) << ok.err;
}

TEST(BadInput, NonFiniteOrOutOfScaleNumbersAreRefused) {
  const fs::path out = test::scratchDir("nan") / "out";
  expectCleanFailure(test::runCli("segment " + smallSeries("x").string() + " -o " + out.string() + " --hu nan,3071"), out,
                     "--hu", "'nan' is not a finite number");
  expectCleanFailure(test::runCli("segment " + smallSeries("x").string() + " -o " + out.string() + " --metal-hu 40000"), out,
                     "--metal-hu", "above the CT scale");
  expectCleanFailure(test::runCli("segment " + smallSeries("x").string() + " -o " + out.string() + " --seed 1e12,0,0"), out,
                     "--seed", "not a finite number");
}

TEST(BadInput, ARerunLeavesNoStaleOutputFromAnEarlierRun) {
  const fs::path out = test::scratchDir("stale") / "out";
  fs::create_directories(out);
  std::ofstream(out / "implant.stl") << "from an earlier run";
  // The small 24-slice phantom crop has no metal above 6000 HU: no implant.stl is written now.
  const auto r = test::runCli("segment " + smallSeries("x").string() + " -o " + out.string() + " --metal-hu 6000");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(fs::exists(out / "bone.stl"));
  EXPECT_FALSE(fs::exists(out / "implant.stl")) << "stale implant.stl from the earlier run is still there";
}
