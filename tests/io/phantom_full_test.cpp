// The full planning-grade phantom (512×512, 1 mm, 250 slices) as written by
// `tantalus phantom`: read back and checked against dcm2niix and its truth.
#include <gtest/gtest.h>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;

namespace tantalus::test {
std::size_t crossCheckWithDcm2niix(const std::filesystem::path& dicomDir, const std::string& name);
}

TEST(FullPhantom, IsA512By250SeriesThatMatchesDcm2niix) {
  const auto dir = test::cachedPhantom("full", io::PhantomOptions{}) / "dicom";
  const io::ImportResult r = io::importCt(dir);
  EXPECT_EQ(r.volume.geometry.size, (std::array<int, 3>{512, 512, 250}));
  EXPECT_NEAR(r.volume.geometry.spacing.z(), 1.0, 1e-6);
  EXPECT_GT(test::crossCheckWithDcm2niix(dir, "full"), 1000000u);
}
