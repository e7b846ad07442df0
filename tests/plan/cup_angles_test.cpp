#include <gtest/gtest.h>

#include <cmath>

#include "tantalus/plan/cup_angles.h"

using namespace tantalus::plan;

TEST(CupAngles, KnownAxesAndTheRoundTripOnBothSides) {
  // Opening straight down: 0°, 0°; straight lateral: 90° inclination; forward tilt is anteversion.
  EXPECT_NEAR(radiographicAngles(Eigen::Vector3d(0, 0, -1)).inclinationDeg, 0, 1e-9);
  EXPECT_NEAR(radiographicAngles(Eigen::Vector3d(1, 0, 0)).inclinationDeg, 90, 1e-9);
  EXPECT_NEAR(radiographicAngles(Eigen::Vector3d(-1, 0, 0)).inclinationDeg, 90, 1e-9);
  EXPECT_NEAR(radiographicAngles(Eigen::Vector3d(0, -1, -1)).anteversionDeg, 45, 1e-9);  // -y is anterior
  EXPECT_NEAR(radiographicAngles(Eigen::Vector3d(0, 1, -1)).anteversionDeg, -45, 1e-9);  // retroversion
  // 45° in the coronal plane on the left: lateral (+x) and inferior (-z) equally.
  const Eigen::Vector3d l45 = cupAxisFromAngles(Side::left, {45, 0});
  EXPECT_NEAR(l45.x(), std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(l45.z(), -std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(cupAxisFromAngles(Side::right, {45, 0}).x(), -std::sqrt(0.5), 1e-12);
  for (const Side s : {Side::left, Side::right})
    for (const double ri : {30.0, 40.0, 55.0})
      for (const double ra : {-5.0, 15.0, 30.0}) {
        const CupAngles a = radiographicAngles(cupAxisFromAngles(s, {ri, ra}));
        EXPECT_NEAR(a.inclinationDeg, ri, 1e-9);
        EXPECT_NEAR(a.anteversionDeg, ra, 1e-9);
      }
  EXPECT_STREQ(sideName(Side::left), "left");
}
