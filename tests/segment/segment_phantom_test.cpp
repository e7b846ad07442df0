// Segmentation on the phantom, against its truth.
#include <gtest/gtest.h>

#include <cmath>

#include "support/phantom_cache.h"
#include "tantalus/core/error.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"
#include "tantalus/segment/mask_ops.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;

namespace {
SegmentationParams defaults() {
  SegmentationParams p = segment::defaultSegmentationParams();
  segment::resolveThresholds(p);
  return p;
}
}  // namespace

TEST(SegmentPhantom, SmallPhantomMetalVolumeAndCleanHostBone) {
  const auto o = test::smallPhantomOptions();
  const CtVolume ct = io::importCt(test::cachedPhantom("small", o) / "dicom").volume;
  const io::PhantomTruth truth = io::phantomTruth(o);
  const SegmentationParams p = defaults();
  const segment::SegmentResult r = segment::segmentCt(ct, p);
  // 1.6 × 1.6 × 2 mm voxels: partial volume allows a few per cent.
  EXPECT_NEAR(r.implant.volumeMm3() / truth.metalVolumeMm3, 1.0, 0.05);
  EXPECT_EQ(r.implantComponents, 2u);  // cup shell and head
  // Host bone holds no voxel of the dilated implant.
  const Mask dilated = segment::dilateMm(r.implant, p.marginMm);
  std::size_t overlap = 0;
  for (std::size_t i = 0; i < dilated.data.size(); ++i) overlap += dilated.data[i] && r.bone.data[i];
  EXPECT_EQ(overlap, 0u);
  EXPECT_GT(r.removedFromBoneVoxels, 0u);  // the partial-volume rim was in the bone window
  // At 1.6 x 1.6 x 2 mm: the pelvis (both hemipelves joined by the sacrum, and the
  // right femur joined to it across the 2 mm joint space) and the left femur. A third,
  // a 0.15 mL sliver above the cup, was the metal's partial-volume rim on bone: the
  // hysteresis removes it with the metal.
  EXPECT_EQ(r.componentsKept, 2u);
  EXPECT_TRUE(analyseTopology(r.boneMesh).watertight());
  EXPECT_TRUE(analyseTopology(r.implantMesh).watertight());
  EXPECT_NEAR(signedVolume(r.implantMesh) / r.implant.volumeMm3(), 1.0, 0.1);
}

TEST(SegmentPhantom, KeepLargestAndSeedChooseOneComponent) {
  const auto o = test::smallPhantomOptions();
  const CtVolume ct = io::importCt(test::cachedPhantom("small", o) / "dicom").volume;
  SegmentationParams p = defaults();
  p.components = "seed";
  const io::PhantomTruth truth = io::phantomTruth(o);
  // The left femoral shaft's wall (r 9–14 mm), 55 mm down the neck (40° below
  // horizontal), at z −60.
  const Eigen::Vector3d shaft(truth.corLeftNativeMm.x() + 55 * std::cos(40 * M_PI / 180), truth.corLeftNativeMm.y() + 11.5, -60);
  p.seedLps = std::array<double, 3>{shaft.x(), shaft.y(), shaft.z()};
  const segment::SegmentResult seed = segment::segmentCt(ct, p);
  EXPECT_EQ(seed.componentsKept, 1u);
  // The revised femur, apart from the pelvis since its head was replaced, is a
  // small part of all bone: the pelvis is not in it.
  p.components = "all";
  const segment::SegmentResult all = segment::segmentCt(ct, p);
  EXPECT_LT(seed.bone.count(), all.bone.count() / 4);
  auto at = [&](const segment::SegmentResult& r, const Eigen::Vector3d& lps) {
    const Eigen::Vector3d ijk = ct.geometry.lpsToIndex(lps);
    return r.bone(int(std::lround(ijk.x())), int(std::lround(ijk.y())), int(std::lround(ijk.z())));
  };
  const Eigen::Vector3d ilium = truth.corLeftNativeMm + Eigen::Vector3d(0, 0, 60);
  EXPECT_FALSE(at(seed, ilium));
  EXPECT_TRUE(at(all, ilium));
  EXPECT_TRUE(at(seed, shaft));
  p.components = "largest";
  EXPECT_EQ(segment::segmentCt(ct, p).componentsKept, 1u);
  // A seed in air is refused.
  p.components = "seed";
  p.seedLps = std::array<double, 3>{0, -100, 0};
  EXPECT_THROW(segment::segmentCt(ct, p), Error);
}

TEST(SegmentPhantom, CancelDuringSegmentationThrowsCancelled) {
  const CtVolume ct = io::importCt(test::cachedPhantom("small", test::smallPhantomOptions()) / "dicom").volume;
  std::vector<std::string> steps;
  Progress p([&](double, const std::string& m) {
    steps.push_back(m);
    if (m == "connected components") p.cancel();
  });
  EXPECT_THROW(segment::segmentCt(ct, defaults(), p), Cancelled);
  EXPECT_EQ(steps.back(), "connected components");
}
