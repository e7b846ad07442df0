// The planning-grade phantom (0.8 × 0.8 × 1 mm): metal volume within 2 % of truth.
#include <gtest/gtest.h>

#include "support/phantom_cache.h"
#include "support/test_support.h"
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
  const double error = r.implant.volumeMm3() / truth.metalVolumeMm3 - 1;
  test::recordFigure("segment.phantom.metal_ml", r.implant.volumeMl(), "mL");
  test::recordFigure("segment.phantom.metal_truth_ml", truth.metalVolumeMm3 / 1000, "mL");
  test::recordFigure("segment.phantom.metal_error_pct", 100 * error, "%");
  EXPECT_NEAR(error, 0.0, 0.02);  // the requirement
  // Pinned: +0.48 % as documented (partial-volume voxels at 2500 HU, the midpoint of
  // 5000 HU metal and the liner, fall on the convex side). A change moves this figure
  // and the docs must be re-measured (make figures).
  EXPECT_NEAR(error, 0.0048, 0.0015);
  const Mask dilated = segment::dilateMm(r.implant, p.marginMm);
  std::size_t overlap = 0;
  for (std::size_t i = 0; i < dilated.data.size(); ++i) overlap += dilated.data[i] && r.bone.data[i];
  EXPECT_EQ(overlap, 0u);
  EXPECT_TRUE(analyseTopology(r.boneMesh).watertight());
  EXPECT_TRUE(analyseTopology(r.implantMesh).watertight());
}
