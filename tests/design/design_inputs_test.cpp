// The design's inputs, without a CT: which liner a cup takes, a cup too small for its
// liner, a cup outside the image.
#include <gtest/gtest.h>

#include "../../src/design/design_internal.h"
#include "tantalus/core/error.h"

using namespace tantalus;
using namespace tantalus::design;

namespace {
plan::CupPlan cupOf(double diameter) {
  plan::CupPlan c;
  c.centreLps = Eigen::Vector3d(10, 20, 30);
  c.axisLps = Eigen::Vector3d(0.6, -0.3, -0.74).normalized();
  c.outerDiameterMm = diameter;
  return c;
}
std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(DesignInputs, AutoTakesTheLargestLinerTheCupHoldsWithItsWalls) {
  std::string why;
  // 1.5 mm dense, 2 mm porous, behind the lock's depth (1.2, 1.0, 0.9 mm): the cup needs
  // the seat + 2 × (lock + 3.5 mm), in 2 mm steps: 66, 58 and 54 mm.
  DesignParams p;
  EXPECT_EQ(chooseLiner(cupOf(66), p, why).name, "illustrative-36-56");
  EXPECT_EQ(chooseLiner(cupOf(64), p, why).name, "illustrative-32-48");
  EXPECT_EQ(chooseLiner(cupOf(58), p, why).name, "illustrative-32-48");
  EXPECT_EQ(chooseLiner(cupOf(56), p, why).name, "illustrative-28-44");
  EXPECT_EQ(chooseLiner(cupOf(54), p, why).name, "illustrative-28-44");
  EXPECT_NE(why.find("54 mm cup"), std::string::npos) << why;
  EXPECT_NE(errorOf([&] { chooseLiner(cupOf(52), p, why); }).find("no shipped liner fits the planned 52 mm cup"), std::string::npos);
  p.porousMm = 0;  // thinner walls: a smaller cup takes it
  EXPECT_EQ(chooseLiner(cupOf(62), p, why).name, "illustrative-36-56");  // 56.05 + 2 × 2.7 mm
}

TEST(DesignInputs, ACupTooSmallForItsLinerIsRefusedWithTheSizeItNeeds) {
  const auto liner = machining::loadLinerProfile("illustrative-36-56");
  const std::string e = errorOf([&] { cupGeometry(cupOf(60), liner, DesignParams{}); });
  EXPECT_NE(e.find("too small"), std::string::npos) << e;
  EXPECT_NE(e.find("--cup-mm 66"), std::string::npos) << e;
  const CupGeometry g = cupGeometry(cupOf(66), liner, DesignParams{});
  EXPECT_DOUBLE_EQ(g.outerRadiusMm, 33.0);
  EXPECT_NEAR(g.seatRadiusMm, 28.025, 1e-12);
  EXPECT_NEAR(g.wallAtPoleMm, 33.0 - 28.025, 1e-9);
  DesignParams beyond;
  beyond.beyondEquatorDeg = 10;
  EXPECT_NEAR(cupGeometry(cupOf(66), liner, beyond).rimHeightMm, 33.0 * std::sin(10 * M_PI / 180), 1e-9);
  // A taper seat is not designed yet: refused, not cut wrong.
  EXPECT_NE(errorOf([&] { cupGeometry(cupOf(66), machining::loadLinerProfile("illustrative-32-52-taper"), DesignParams{}); })
                .find("spherical seats only"),
            std::string::npos);
}

TEST(DesignInputs, ACupOutsideTheImageIsRefused) {
  VolumeGeometry g;
  g.size = {20, 20, 20};
  const Mask bone(g);
  plan::HipPlan plan;
  plan.cup = cupOf(56);
  plan.cup.centreLps = Eigen::Vector3d(500, 0, 0);
  DesignInputs in;
  in.hostBone = &bone;
  in.plan = &plan;
  EXPECT_NE(errorOf([&] { designImplant(in); }).find("lies outside the CT"), std::string::npos);
}
