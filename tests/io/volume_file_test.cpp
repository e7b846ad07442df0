#include <gtest/gtest.h>

#include <fstream>

#include "nifti1_reader.h"
#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

TEST(VolumeFiles, SharedNiftiSampleArrivesInLps) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const io::ImportResult r = io::importCt(test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz");
  const auto& g = r.volume.geometry;
  EXPECT_EQ(r.format, "NIfTI");
  EXPECT_EQ(g.size, (std::array<int, 3>{122, 101, 112}));
  EXPECT_NEAR(g.spacing.x(), 3.0, 1e-3);
  // A RAS-stored NIfTI: the whole index-to-LPS map must be the file's sform (read by
  // the test's own NIfTI-1 reader) with its first two rows negated (RAS -> LPS).
  const test::Nifti1 ref = test::readNifti1(test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz");
  Eigen::Matrix4d expected = ref.sformRas;
  expected.row(0) *= -1;
  expected.row(1) *= -1;
  const Eigen::Matrix4d ours = g.indexToLpsMatrix();
  EXPECT_LT((ours - expected).cwiseAbs().maxCoeff(), 1e-4) << "ours\n" << ours << "\nfile (LPS)\n" << expected;
  const auto [lo, hi] = r.volume.range();
  EXPECT_EQ(lo, -1207);
  EXPECT_EQ(hi, 3382);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(VolumeFiles, NrrdAndMetaImageRoundTripExactly) {
  CtVolume ct;
  ct.geometry.size = {7, 5, 4};
  ct.geometry.spacing = {0.7, 0.8, 1.5};
  ct.geometry.origin = {-10, 20, 30};
  ct.geometry.direction = Eigen::AngleAxisd(0.3, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  ct.hu.resize(ct.geometry.voxelCount());
  for (std::size_t i = 0; i < ct.hu.size(); ++i) ct.hu[i] = std::int16_t(int(i * 37 % 4000) - 1024);
  const auto dir = test::scratchDir("volfiles");
  for (const std::string ext : {".nrrd", ".mha", ".nii.gz"}) {
    io::writeCtVolume(dir / ("ct" + ext), ct);  // ITK picks the writer by extension
    const io::ImportResult r = io::importCt(dir / ("ct" + ext));
    EXPECT_EQ(r.volume.hu, ct.hu) << ext;
    EXPECT_TRUE(r.volume.geometry.sameGrid(ct.geometry, 1e-4)) << ext;
  }
}

// Our NIfTI writer read by the test's own reader (not ITK): the sform is our LPS grid
// in RAS, the voxels are ours.
TEST(VolumeFiles, OurNiftiIsReadExactlyByAnIndependentReader) {
  CtVolume ct;
  ct.geometry.size = {7, 5, 4};
  ct.geometry.spacing = {0.7, 0.8, 1.5};
  ct.geometry.origin = {-10, 20, 30};
  ct.geometry.direction = Eigen::AngleAxisd(0.3, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  ct.hu.resize(ct.geometry.voxelCount());
  for (std::size_t i = 0; i < ct.hu.size(); ++i) ct.hu[i] = std::int16_t(int(i * 37 % 4000) - 1024);
  const auto dir = test::scratchDir("nifti-independent");
  for (const std::string name : {"a.nii", "a.nii.gz"}) {
    io::writeCtVolume(dir / name, ct);
    const test::Nifti1 n = test::readNifti1(dir / name);
    EXPECT_EQ(n.dim, ct.geometry.size) << name;
    Eigen::Matrix4d lps = n.sformRas;
    lps.row(0) *= -1;
    lps.row(1) *= -1;
    EXPECT_LT((lps - ct.geometry.indexToLpsMatrix()).cwiseAbs().maxCoeff(), 1e-5) << name;
    ASSERT_EQ(n.values.size(), ct.hu.size());
    for (std::size_t i = 0; i < ct.hu.size(); ++i) ASSERT_EQ(n.values[i], ct.hu[i]) << name << " voxel " << i;
  }
}

TEST(VolumeFiles, UnknownExtensionAndMissingFileAreClearErrors) {
  const auto dir = test::scratchDir("volbad");
  std::ofstream(dir / "scan.xyz") << "junk";
  EXPECT_THROW(io::importCt(dir / "nothing-here"), Error);
  try {
    std::string fmt;
    io::readImageFile(dir / "scan.xyz", fmt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("scan.xyz"), std::string::npos);
  }
}
