// DICOM series reading on phantoms with known geometry and HU.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>

#include "support/dicom_edit.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {

double huAt(const CtVolume& ct, const Eigen::Vector3d& lps) {
  const Eigen::Vector3d ijk = ct.geometry.lpsToIndex(lps);
  return ct.at(int(std::lround(ijk.x())), int(std::lround(ijk.y())), int(std::lround(ijk.z())));
}

// A copy of the 24-slice phantom series plus one extra file: IM_0000.dcm as a new
// instance, with the given tag values changed (e.g. a scout in the same series).
fs::path seriesWithExtraFile(const std::string& name, const std::string& extraFile,
                             const std::vector<std::pair<DcmTagKey, std::string>>& changes) {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  const fs::path dir = test::scratchDir(name) / "ct";
  fs::copy(test::cachedPhantom("small24-explicit", o) / "dicom", dir);
  DcmFileFormat ff;
  EXPECT_TRUE(ff.loadFile((dir / "IM_0000.dcm").c_str()).good());
  DcmDataset* ds = ff.getDataset();
  char uid[100];
  ds->putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid));
  for (const auto& [tag, value] : changes) ds->putAndInsertString(tag, value.c_str());
  EXPECT_TRUE(ff.saveFile((dir / extraFile).c_str(), EXS_LittleEndianExplicit).good());
  return dir;
}

std::size_t countAtLeast(const CtVolume& ct, int hu) {
  return std::size_t(std::count_if(ct.hu.begin(), ct.hu.end(), [&](std::int16_t v) { return v >= hu; }));
}

}  // namespace

TEST(DicomImport, PhantomGeometryIsLpsAndSortedByPosition) {
  const auto o = test::smallPhantomOptions();
  const fs::path dir = test::cachedPhantom("small", o);
  const io::ImportResult r = io::importCt(dir / "dicom");
  const CtVolume& ct = r.volume;
  EXPECT_EQ(r.format, "DICOM");
  EXPECT_EQ(ct.geometry.size, (std::array<int, 3>{256, 256, 125}));
  EXPECT_NEAR(ct.geometry.spacing.x(), 1.6, 1e-6);
  EXPECT_NEAR(ct.geometry.spacing.z(), 2.0, 1e-6);
  // First slice is the most inferior (k runs along +S), origin at the FOV corner.
  EXPECT_NEAR(ct.geometry.origin.z(), -124.0, 1e-4);
  EXPECT_NEAR(ct.geometry.origin.x(), -255 / 2.0 * 1.6, 1e-4);
  EXPECT_TRUE(ct.geometry.direction.isApprox(Eigen::Matrix3d::Identity(), 1e-9));
  // HU at known anatomy (noise SD 8): metal head centre, air, soft tissue, cortical ilium.
  const io::PhantomTruth t = io::phantomTruth(o);
  EXPECT_NEAR(huAt(ct, t.cupCentreMm), 5000, 40);
  EXPECT_NEAR(huAt(ct, Eigen::Vector3d(-200, -180, 0)), -1000, 40);
  EXPECT_NEAR(huAt(ct, Eigen::Vector3d(0, 60, 0)), 40, 40);
  EXPECT_NEAR(huAt(ct, t.corRightMm), 300, 40);  // native femoral head: cancellous
  EXPECT_FALSE(ct.studyHash.empty());
}

TEST(DicomImport, CompressedTransferSyntaxesDecodeToIdenticalVoxels) {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  const CtVolume ref = io::importCt(test::cachedPhantom("small24-explicit", o) / "dicom").volume;
  for (const auto& [ts, xfer] : std::vector<std::pair<std::string, E_TransferSyntax>>{
           {"implicit", EXS_LittleEndianImplicit}, {"rle", EXS_RLELossless}, {"jpeg-lossless", EXS_JPEGProcess14SV1}}) {
    o.transferSyntax = ts;
    const fs::path dir = test::cachedPhantom("small24-" + ts, o) / "dicom";
    // The files really are in that transfer syntax (the test once only printed it).
    for (const auto& f : test::dicomFiles(dir)) ASSERT_EQ(test::storedSyntax(f), xfer) << ts << ": " << f;
    const io::ImportResult r = io::importCt(dir);
    EXPECT_TRUE(r.volume.geometry.sameGrid(ref.geometry)) << ts;
    EXPECT_EQ(r.volume.hu, ref.hu) << ts << " (" << r.transferSyntax << ")";
  }
}

TEST(DicomImport, Jpeg2000FromGdcmconvDecodesToIdenticalVoxels) {
  if (test::runShell("command -v gdcmconv").exitCode != 0) {
    if (test::inCi()) FAIL() << "gdcmconv (libgdcm-tools) is missing: scripts/install-deps.sh installs it";
    GTEST_SKIP() << "gdcmconv not installed";
  }
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  const fs::path src = test::cachedPhantom("small24-explicit", o) / "dicom";
  const CtVolume ref = io::importCt(src).volume;
  const fs::path j2k = test::scratchDir("j2k");
  for (const auto& e : fs::directory_iterator(src))
    ASSERT_EQ(test::runShell("gdcmconv --j2k " + e.path().string() + " " + (j2k / e.path().filename()).string()).exitCode, 0);
  for (const auto& f : test::dicomFiles(j2k)) ASSERT_EQ(test::storedSyntax(f), EXS_JPEG2000LosslessOnly) << f;
  const io::ImportResult r = io::importCt(j2k);
  EXPECT_NE(r.transferSyntax.find("2000"), std::string::npos) << r.transferSyntax;
  EXPECT_EQ(r.volume.hu, ref.hu);
}

TEST(DicomImport, GantryTiltIsDetectedAndResampledOntoAnOrthogonalGrid) {
  auto o = test::smallPhantomOptions();
  o.gantryTiltDeg = 15;
  const fs::path dir = test::cachedPhantom("small-tilt15", o);
  const io::ScanResult scan = io::scanDicom(dir / "dicom");
  ASSERT_EQ(scan.series.size(), 1u);
  EXPECT_NEAR(scan.series[0].gantryTiltDeg, 15.0, 0.05);
  const io::ImportResult r = io::importCt(dir / "dicom");
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("gantry tilt of 15.0°"), std::string::npos);
  // The grid grows to keep every slice's field of view: 248 mm of stack at 15° shifts
  // the last slice by 64 mm = 40 rows of 1.6 mm.
  EXPECT_EQ(r.volume.geometry.size[0], 256);
  EXPECT_NEAR(r.volume.geometry.size[1], 256 + 40, 1);
  // After resampling, anatomy sits where it is in patient space.
  const io::PhantomTruth t = io::phantomTruth(o);
  EXPECT_NEAR(huAt(r.volume, t.cupCentreMm), 5000, 150);
  EXPECT_NEAR(huAt(r.volume, t.corRightMm), 300, 60);
  // Metal volume is that of the untilted phantom within 3 %.
  const CtVolume flat = io::importCt(test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom").volume;
  const double vTilt = double(countAtLeast(r.volume, 2500)) * r.volume.geometry.voxelVolumeMm3();
  const double vFlat = double(countAtLeast(flat, 2500)) * flat.geometry.voxelVolumeMm3();
  EXPECT_NEAR(vTilt / vFlat, 1.0, 0.03);
}

TEST(DicomImport, UnevenSpacingIsResampledWithAWarning) {
  auto o = test::smallPhantomOptions();
  const std::vector<double> z = test::twoStepPositions(-40, 40, 20, 2.0, 2.5);
  o.slicePositionsMm = z;
  const io::ImportResult r = io::importCt(test::cachedPhantom("small-uneven", o) / "dicom");
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("uneven slice spacing"), std::string::npos);
  EXPECT_NEAR(r.volume.geometry.spacing.z(), 2.0, 1e-6);
  EXPECT_EQ(r.volume.geometry.size[2], int(std::floor((z.back() - z.front()) / 2.0)) + 1);
  EXPECT_NEAR(r.volume.geometry.origin.z(), -40, 1e-6);
}

TEST(DicomImport, SeveralSeriesLocalizerAndJunkInNestedFolders) {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  const fs::path root = test::scratchDir("pacs-export");
  fs::create_directories(root / "A" / "B");
  fs::copy(test::cachedPhantom("small24-explicit", o) / "dicom", root / "A" / "B" / "ct");
  o.slices = 10;
  o.modality = "MR";
  fs::copy(test::cachedPhantom("small10-mr", o) / "dicom", root / "A" / "mr");
  std::ofstream(root / "README.TXT") << "patient CD";
  std::ofstream(root / "DICOMDIR") << "not really";
  const io::ScanResult scan = io::scanDicom(root);
  EXPECT_EQ(scan.series.size(), 2u);
  EXPECT_EQ(scan.skipped.size(), 2u);
  std::string note;
  const io::SeriesInfo& s = io::chooseSeries(scan, "", note);
  EXPECT_EQ(s.modality, "CT");
  EXPECT_EQ(s.slices.size(), 24u);
  EXPECT_NE(note.find("largest usable axial CT series of 2"), std::string::npos) << note;
  // Asking for the MR series by index is refused with the reason.
  const int mrIndex = scan.series[0].modality == "MR" ? 0 : 1;
  try {
    io::chooseSeries(scan, std::to_string(mrIndex), note);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("modality MR"), std::string::npos) << e.what();
  }
}

TEST(DicomImport, LocalizerInTheSeriesIsExcludedAndCounted) {
  // A scout image in the same series: ImageType LOCALIZER, coronal orientation.
  const fs::path dir = seriesWithExtraFile("localizer", "SCOUT.dcm",
                                           {{DCM_ImageType, "ORIGINAL\\PRIMARY\\LOCALIZER"},
                                            {DCM_ImageOrientationPatient, "1\\0\\0\\0\\0\\-1"}});
  const io::ScanResult scan = io::scanDicom(dir);
  ASSERT_EQ(scan.series.size(), 1u);
  EXPECT_EQ(scan.series[0].excludedLocalizers, 1);
  EXPECT_EQ(scan.series[0].slices.size(), 24u);
  const io::ImportResult r = io::importCt(dir);
  EXPECT_EQ(r.volume.geometry.size[2], 24);
  bool said = false;
  for (const auto& w : r.warnings) said |= w.find("excluded 1 localizer") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(DicomImport, CancelStopsTheImportWithCancelled) {
  auto o = test::smallPhantomOptions();
  o.slices = 24;
  const fs::path dir = test::cachedPhantom("small24-explicit", o) / "dicom";
  Progress p;
  int reports = 0;
  Progress counting([&](double, const std::string&) {
    if (++reports == 2) counting.cancel();
  });
  EXPECT_THROW(io::importCt(dir, {}, counting), Cancelled);
  p.cancel();
  EXPECT_THROW(io::importCt(dir, {}, p), Cancelled);
}

TEST(DicomImport, AScoutListedFirstNeverLendsTheSeriesItsSpacing) {
  const fs::path dir = seriesWithExtraFile("scout-first", "AAA_scout.dcm",  // sorts first
                                           {{DCM_ImageType, "ORIGINAL\\PRIMARY\\LOCALIZER"},
                                            {DCM_PixelSpacing, "0.98\\0.98"}});
  const io::ScanResult scan = io::scanDicom(dir);
  ASSERT_EQ(scan.series.size(), 1u);
  EXPECT_DOUBLE_EQ(scan.series[0].pixelSpacing[0], 1.6);
  EXPECT_EQ(scan.series[0].excludedLocalizers, 1);
  EXPECT_NEAR(io::importCt(dir).volume.geometry.spacing.x(), 1.6, 1e-9);
}

TEST(DicomImport, SlowlyDriftingSlicePositionsAreResampledNotTakenAsRegular) {
  // Gaps of 2.000 then 2.009 mm: each gap looks regular (spread < 0.01 mm) but
  // mid-stack slices drift 0.22 mm from a regular grid of the mean spacing.
  auto o = test::smallPhantomOptions();
  o.slicePositionsMm = test::twoStepPositions(-100, 100, 50, 2.000, 2.009);
  const io::ScanResult scan = io::scanDicom(test::cachedPhantom("small-drift", o) / "dicom");
  ASSERT_EQ(scan.series.size(), 1u);
  EXPECT_FALSE(scan.series[0].unevenSpacing());
  EXPECT_GT(scan.series[0].maxPositionErrorMm, 0.2);
  EXPECT_FALSE(scan.series[0].regularGrid());
  const io::ImportResult r = io::importCt(test::cachedPhantom("small-drift", o) / "dicom");
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("off a regular grid"), std::string::npos) << r.warnings[0];
  EXPECT_NEAR(r.volume.geometry.spacing.z(), 2.0, 1e-6);
}

TEST(DicomImport, EnhancedMultiFrameCtEqualsTheSingleFrameSeries) {
  // One Enhanced CT file, frames stored superior first, geometry and rescale in
  // functional groups: the same volume as the series of single-frame files.
  auto o = test::smallPhantomOptions();
  const CtVolume single = io::importCt(test::cachedPhantom("small", o) / "dicom").volume;
  o.enhanced = true;
  const fs::path dir = test::cachedPhantom("small-enhanced", o) / "dicom";
  const io::ScanResult scan = io::scanDicom(dir);
  ASSERT_EQ(scan.series.size(), 1u);
  EXPECT_TRUE(scan.series[0].usable()) << scan.series[0].unusableReason;
  EXPECT_EQ(scan.series[0].slices.size(), 125u);
  const io::ImportResult r = io::importCt(dir);
  EXPECT_TRUE(r.volume.geometry.sameGrid(single.geometry, 1e-4));
  EXPECT_EQ(r.volume.hu, single.hu);
}

// Phantom caches are keyed on every option and the generator version, so a plain
// `ctest` never reads a phantom written with other options or by an older generator.
TEST(PhantomCache, KeyChangesWithEveryOptionAndTheCacheHonoursIt) {
  const io::PhantomOptions base = test::smallPhantomOptions();
  std::vector<io::PhantomOptions> variants(8, base);
  variants[1].matrix = 128;
  variants[2].slices = 40;
  variants[3].pixelMm = 1.5;
  variants[4].transferSyntax = "rle";
  variants[5].photometric = "MONOCHROME1";
  variants[6].metalHu = 4000;
  variants[7].slicePositionsMm = {0, 2, 4};
  std::set<std::string> keys;
  for (const auto& v : variants) keys.insert(io::phantomKey(v));
  EXPECT_EQ(keys.size(), variants.size());
  EXPECT_EQ(io::phantomKey(base), io::phantomKey(test::smallPhantomOptions()));
  auto o = base;
  o.slices = 5;
  const fs::path a = test::cachedPhantom("keyed", o);
  o.noiseHu = 0;
  const fs::path b = test::cachedPhantom("keyed", o);
  EXPECT_NE(a, b) << "the same name with other options must not share a cache folder";
}
