#include <gtest/gtest.h>

#include <fstream>

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
  // A RAS-stored NIfTI: ITK turns its first two axes into -L,-P in LPS.
  EXPECT_NEAR(std::abs(g.direction.determinant()), 1.0, 1e-6);
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
