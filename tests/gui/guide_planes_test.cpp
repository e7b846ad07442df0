// The guides panel's case edits without a window: a plane at a point toward a patient
// direction (LPS), removal, the list's text, and the limits refused.
#include <gtest/gtest.h>

#include "gui/model/guide_planes.h"
#include "tantalus/core/error.h"

using namespace tantalus;
using namespace tantalus::gui;

TEST(GuidePlanes, AddedTowardAPatientDirectionRemovedAndDescribed) {
  CaseFile c;
  c.inputPath = "ct";
  addGuidePlane(c, Eigen::Vector3d(-110, 15, 60), "superior");
  addGuidePlane(c, Eigen::Vector3d(1, 2, 3), "anterior");
  addGuidePlane(c, Eigen::Vector3d(4, 5, 6), "right");
  ASSERT_EQ(c.guides.planes.size(), 3u);
  EXPECT_EQ(c.guides.planes[1].normal, (std::array<double, 3>{0, -1, 0}));  // LPS: anterior is −y
  EXPECT_EQ(c.guides.planes[2].normal, (std::array<double, 3>{-1, 0, 0}));  // the patient's right is −x
  EXPECT_EQ(describeGuidePlane(c.guides.planes[0], 0), "1: (-110.0, 15.0, 60.0) mm, toward superior");
  c.guides.planes[0].normal = {0.6, 0, 0.8};
  EXPECT_EQ(describeGuidePlane(c.guides.planes[0], 0), "1: (-110.0, 15.0, 60.0) mm, normal (0.60, 0.00, 0.80)");
  removeGuidePlane(c, 1);
  ASSERT_EQ(c.guides.planes.size(), 2u);
  EXPECT_EQ(c.guides.planes[1].point[0], 4);
  EXPECT_THROW(removeGuidePlane(c, 2), Error);
  EXPECT_THROW(addGuidePlane(c, Eigen::Vector3d::Zero(), "upwards"), Error);
  while (c.guides.planes.size() < 8) addGuidePlane(c, Eigen::Vector3d::Zero(), "left");
  EXPECT_THROW(addGuidePlane(c, Eigen::Vector3d::Zero(), "left"), Error);
  validate(c.guides, "case");  // what the panel made is a valid section
}
