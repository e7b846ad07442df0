// Hardening, DICOM: every header rule of the reader's validation layer
// (dicom_header.cpp) with the representative case of the hardening issue and
// siblings, through the CLI: exit 2, one line naming the file, the tag and the
// fix, no output. And valid files that were refused or misread.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <gtest/gtest.h>

#include "support/cli_expect.h"
#include "support/dicom_edit.h"
#include "support/phantom_cache.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {

io::PhantomOptions series24() {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  return o;
}

// A private copy of the 24-slice phantom series, and its middle file.
struct Series {
  fs::path dir, victim, out;
};
Series copySeries(const std::string& name) {
  Series s;
  s.dir = test::scratchDir(name) / "ct";
  fs::copy(test::cachedPhantom("small24", series24()) / "dicom", s.dir);
  s.victim = test::dicomFiles(s.dir)[11];
  s.out = s.dir.parent_path() / "out";
  return s;
}

test::CliResult segment(const Series& s) { return test::runCli("segment " + s.dir.string() + " -o " + s.out.string()); }

void expectTagRefused(const std::string& name, const DcmTagKey& tag, const std::string& value, const std::string& says) {
  const Series s = copySeries(name);
  test::setTag(s.victim, tag, value);
  test::expectRefused(segment(s), {s.out}, s.victim.filename().string(), says);
}

}  // namespace

TEST(HardeningDicom, AbsurdPixelSpacingIsRefusedWithTheTagAndFile) {
  expectTagRefused("pxs-huge", DCM_PixelSpacing, "1e308\\1e308", "PixelSpacing (0028,0030) is 1e+308");
  expectTagRefused("pxs-inf", DCM_PixelSpacing, "inf\\inf", "PixelSpacing (0028,0030)");
  expectTagRefused("pxs-tiny", DCM_PixelSpacing, "1e-300\\1e-300", "PixelSpacing (0028,0030)");
  expectTagRefused("pxs-zero", DCM_PixelSpacing, "0\\0", "PixelSpacing (0028,0030)");
}

TEST(HardeningDicom, BrokenImageOrientationIsRefusedNotSegfaultOrWrongGrid) {
  expectTagRefused("iop-shear", DCM_ImageOrientationPatient, "1\\0\\0\\0.5\\0.866025\\0", "not perpendicular");
  expectTagRefused("iop-nan", DCM_ImageOrientationPatient, "nan\\0\\0\\0\\1\\0", "not a number");
  // An all-zero orientation was reported as "two slices at the same position".
  expectTagRefused("iop-zero", DCM_ImageOrientationPatient, "0\\0\\0\\0\\0\\0", "zero vector");
  expectTagRefused("iop-long", DCM_ImageOrientationPatient, "2\\0\\0\\0\\1\\0", "not made of unit vectors");
}

TEST(HardeningDicom, HeaderThatDisagreesWithThePixelDataIsRefused) {
  expectTagRefused("rows", DCM_Rows, "200", "the header disagrees with the pixel data");
  expectTagRefused("bits", DCM_BitsAllocated, "8", "BitsStored (0028,0101)");
  // BitsAllocated 8 with a consistent BitsStored/HighBit: the 16-bit pixel data disagree.
  const Series b = copySeries("bits8");
  test::setTag(b.victim, DCM_BitsAllocated, "8");
  test::setTag(b.victim, DCM_BitsStored, "8");
  test::setTag(b.victim, DCM_HighBit, "7");
  test::expectRefused(segment(b), {b.out}, b.victim.filename().string(), "the header disagrees with the pixel data");
  const Series s = copySeries("pxlen");
  test::setPixelDataLength(s.victim, 256 * 256 * 2 + 4096);
  test::expectRefused(segment(s), {s.out}, s.victim.filename().string(), "the header disagrees with the pixel data");
}

TEST(HardeningDicom, ARescaleSlopeOfOneSliceThatLeavesTheHuScaleIsRefused) {
  // The representative case: RescaleSlope 1e30 on one slice (the implant came out at 694 mL).
  expectTagRefused("slope-huge", DCM_RescaleSlope, "1e30", "RescaleSlope (0028,1053) is 1e+30");
  // Within the header bound but mapping the stored values beyond int16: named at decoding.
  expectTagRefused("slope-far", DCM_RescaleSlope, "50", "outside the HU scale");
  expectTagRefused("slope-neg", DCM_RescaleSlope, "-1", "RescaleSlope (0028,1053) is -1");
  // Slope 0 once read "escaleSlope": the message is whole.
  expectTagRefused("slope-zero", DCM_RescaleSlope, "0", "RescaleSlope (0028,1053) is 0, not a positive factor");
  expectTagRefused("intercept", DCM_RescaleIntercept, "1e30", "RescaleIntercept (0028,1052)");
}

TEST(HardeningDicom, OneBadSliceIsNamedNotReportedAsAGap) {
  expectTagRefused("ipp-nan", DCM_ImagePositionPatient, "nan\\nan\\nan", "ImagePositionPatient (0020,0032)");
  expectTagRefused("ipp-far", DCM_ImagePositionPatient, "0\\0\\1e9", "not a position within 10 m");
  const Series s = copySeries("nopixels");
  test::removeTag(s.victim, DCM_PixelData);
  test::expectRefused(segment(s), {s.out}, s.victim.filename().string(), "holds no pixel data");
}

TEST(HardeningDicom, Monochrome1IsReadAsItsStoredHuNotInverted) {
  auto o = series24();
  const io::ImportResult ref = io::importCt(test::cachedPhantom("small24", o) / "dicom");
  for (const std::string ts : {"explicit", "rle", "jpeg-lossless"}) {
    o.photometric = "MONOCHROME1";
    o.transferSyntax = ts;
    const io::ImportResult m1 = io::importCt(test::cachedPhantom("small24-m1-" + ts, o) / "dicom");
    ASSERT_EQ(m1.volume.hu.size(), ref.volume.hu.size());
    EXPECT_EQ(m1.volume.hu, ref.volume.hu) << ts << ": MONOCHROME1 changes the display, not the HU";
    EXPECT_EQ(m1.volume.range(), ref.volume.range()) << ts;
  }
  // JPEG 2000 goes through GDCM, which inverts MONOCHROME1: the inversion is undone.
  if (test::runShell("command -v gdcmconv").exitCode != 0) {
    if (test::inCi()) FAIL() << "gdcmconv (libgdcm-tools) is missing";
    return;
  }
  o.transferSyntax = "explicit";
  const fs::path src = test::cachedPhantom("small24-m1-explicit", o) / "dicom";
  const fs::path j2k = test::scratchDir("m1-j2k");
  for (const auto& f : test::dicomFiles(src))
    ASSERT_EQ(test::runShell("gdcmconv --j2k " + f.string() + " " + (j2k / f.filename()).string()).exitCode, 0);
  const io::ImportResult r = io::importCt(j2k);
  ASSERT_NE(r.transferSyntax.find("2000"), std::string::npos) << r.transferSyntax;
  EXPECT_EQ(r.volume.hu, ref.volume.hu) << "JPEG 2000 MONOCHROME1";
}

TEST(HardeningDicom, DeflatedAndBigEndianSeriesAreReadVoxelForVoxel) {
  auto o = series24();
  const io::ImportResult ref = io::importCt(test::cachedPhantom("small24", o) / "dicom");
  for (const auto& [ts, xfer] : std::vector<std::pair<std::string, E_TransferSyntax>>{
           {"deflated", EXS_DeflatedLittleEndianExplicit}, {"big-endian", EXS_BigEndianExplicit}}) {
    o.transferSyntax = ts;
    const fs::path dir = test::cachedPhantom("small24-" + ts, o) / "dicom";
    ASSERT_EQ(test::storedSyntax(test::dicomFiles(dir).front()), xfer) << ts << " is not what the files hold";
    const io::ImportResult r = io::importCt(dir);
    EXPECT_EQ(r.volume.hu, ref.volume.hu) << ts;
    EXPECT_TRUE(r.volume.geometry.sameGrid(ref.volume.geometry)) << ts;
  }
}
