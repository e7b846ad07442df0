// The real NIfTI sample (3 mm; its metal is fracture-fixation hardware in the left
// proximal femur, not a hip replacement): metal volume and meshes.
#include <gtest/gtest.h>

#include "support/test_support.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;

TEST(SegmentSample, NiftiFixationHardwareMetalVolumeAndWatertightMeshes) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const CtVolume ct = io::importCt(test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").volume;
  SegmentationParams p = segment::defaultSegmentationParams();
  segment::resolveThresholds(p);
  ASSERT_EQ(p.metalHu, 2500);
  const segment::SegmentResult r = segment::segmentCt(ct, p);
  EXPECT_GE(r.implant.volumeMl(), 11.0);
  EXPECT_LE(r.implant.volumeMl(), 12.5);
  EXPECT_EQ(r.implant.count(), 429u);  // as counted independently in shared/data/README.md
  // Metal is in the patient's left half (LPS +x) and in the lowest slices.
  const auto& g = ct.geometry;
  Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if (r.implant(i, j, k)) centroid += g.indexToLps(Eigen::Vector3d(i, j, k));
  centroid /= double(r.implant.count());
  const Eigen::Vector3d centre = g.indexToLps(Eigen::Vector3d(g.size[0] - 1, g.size[1] - 1, g.size[2] - 1) / 2.0);
  EXPECT_GT(centroid.x(), centre.x() + 30) << "metal should be on the patient's left";
  // Written and read back, both meshes are watertight and consistently oriented.
  const auto dir = test::scratchDir("seg-sample");
  writeStl(dir / "bone.stl", r.boneMesh, "host bone");
  writeStl(dir / "implant.stl", r.implantMesh, "old implant");
  for (const char* name : {"bone.stl", "implant.stl"}) {
    const Mesh m = readStl(dir / name);
    const MeshTopology t = analyseTopology(m);
    EXPECT_TRUE(t.watertight()) << name;
    EXPECT_TRUE(t.consistentlyOriented()) << name;
    EXPECT_GT(signedVolume(m), 0) << name;
  }
}
