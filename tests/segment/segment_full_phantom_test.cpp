// The planning-grade phantom (0.8 × 0.8 × 1 mm): metal volume within 2 % of truth.
#include <gtest/gtest.h>

#include "support/phantom_cache.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"
#include "tantalus/segment/mask_ops.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;

TEST(SegmentFullPhantom, MetalVolumeWithinTwoPercentAndBoneFreeOfImplant) {
  const io::PhantomOptions o;
  const CtVolume ct = io::importCt(test::cachedPhantom("full", o) / "dicom").volume;
  const io::PhantomTruth truth = io::phantomTruth(o);
  SegmentationParams p = segment::defaultSegmentationParams();
  segment::resolveThresholds(p);
  const segment::SegmentResult r = segment::segmentCt(ct, p);
  EXPECT_NEAR(r.implant.volumeMm3() / truth.metalVolumeMm3, 1.0, 0.02);
  const Mask dilated = segment::dilateMm(r.implant, p.marginMm);
  std::size_t overlap = 0;
  for (std::size_t i = 0; i < dilated.data.size(); ++i) overlap += dilated.data[i] && r.bone.data[i];
  EXPECT_EQ(overlap, 0u);
  EXPECT_TRUE(analyseTopology(r.boneMesh).watertight());
  EXPECT_TRUE(analyseTopology(r.implantMesh).watertight());
}
