// Our DICOM reader against an independent converter, dcm2niix.
#include <gtest/gtest.h>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace tantalus::test {
std::size_t crossCheckWithDcm2niix(const fs::path& dicomDir, const std::string& name);
}

TEST(Dcm2niixCrossCheck, SharedJpeg2000SampleMatchesVoxelForVoxel) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const fs::path dir = test::sharedData() / "totalsegmentator-example" / "dicom";
  const io::ImportResult r = io::importCt(dir);
  EXPECT_EQ(r.volume.geometry.size, (std::array<int, 3>{512, 512, 20}));
  EXPECT_NEAR(r.volume.geometry.spacing.x(), 0.977, 0.001);
  EXPECT_NEAR(r.volume.geometry.spacing.z(), 2.0, 1e-3);
  EXPECT_NE(r.transferSyntax.find("2000"), std::string::npos) << r.transferSyntax;
  const auto [lo, hi] = r.volume.range();
  EXPECT_LE(lo, -1000);  // intercept -1024 applied: air at about -1000 HU
  EXPECT_GT(hi, 1000);
  EXPECT_GT(test::crossCheckWithDcm2niix(dir, "sample"), 100000u);
}

TEST(Dcm2niixCrossCheck, SmallPhantomMatchesVoxelForVoxel) {
  const fs::path dir = test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom";
  EXPECT_GT(test::crossCheckWithDcm2niix(dir, "phantom"), 100000u);
}

TEST(Dcm2niixCrossCheck, EnhancedMultiFramePhantomMatchesVoxelForVoxel) {
  auto o = test::smallPhantomOptions();
  o.enhanced = true;
  EXPECT_GT(test::crossCheckWithDcm2niix(test::cachedPhantom("small-enhanced", o) / "dicom", "enhanced"), 100000u);
}
