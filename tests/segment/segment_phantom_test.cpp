// Segmentation on the phantom, against its truth.
#include <gtest/gtest.h>

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
  // At 1.6 x 1.6 x 2 mm: the right hip (femur joined to the pelvis across the joint
  // space, ~596 mL), the left pelvis (~438 mL) and the left femur (~61 mL). A fourth,
  // a 0.15 mL sliver above the cup, was the metal's partial-volume rim on bone: the
  // hysteresis removes it with the metal.
  EXPECT_EQ(r.componentsKept, 3u);
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
  p.seedLps = std::array<double, 3>{truth.corRightMm.x(), truth.corRightMm.y(), truth.corRightMm.z()};  // right femoral head
  const segment::SegmentResult seed = segment::segmentCt(ct, p);
  EXPECT_EQ(seed.componentsKept, 1u);
  // The right hip (femur joined to the pelvis across the 2 mm joint space at
  // this resolution) is about half of all bone: the left side is not in it.
  p.components = "all";
  const segment::SegmentResult all = segment::segmentCt(ct, p);
  EXPECT_LT(seed.bone.count(), all.bone.count() * 3 / 4);
  const Eigen::Vector3d left = ct.geometry.lpsToIndex(truth.corLeftNativeMm + Eigen::Vector3d(0, 0, 60));
  EXPECT_FALSE(seed.bone(int(std::lround(left.x())), int(std::lround(left.y())), int(std::lround(left.z()))));
  EXPECT_TRUE(all.bone(int(std::lround(left.x())), int(std::lround(left.y())), int(std::lround(left.z()))));
  const Eigen::Vector3d ijk = ct.geometry.lpsToIndex(truth.corRightMm);
  EXPECT_TRUE(seed.bone(int(std::lround(ijk.x())), int(std::lround(ijk.y())), int(std::lround(ijk.z()))));
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
