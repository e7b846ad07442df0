// The plan's handles without a window: where each is, and the case edit a drop makes,
// checked against the planner itself (the cup proposed from the edited case lands
// where the handle was dropped), on either side and in a tilted pelvis.
#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "gui/model/plan_handles.h"
#include "tantalus/core/error.h"

using namespace tantalus;
using namespace tantalus::gui;

namespace {
plan::HipPlan tiltedPlan(plan::Side side) {
  plan::HipPlan p;
  p.side.side = side;
  p.anatomy.frame.axes = (Eigen::AngleAxisd(0.3, Eigen::Vector3d::UnitX()) * Eigen::AngleAxisd(-0.2, Eigen::Vector3d::UnitZ()))
                             .toRotationMatrix();
  p.native.mirroredLps = {side == plan::Side::left ? 80.0 : -80.0, -20.0, 110.0};
  p.native.socketDiameterMm = 52;
  p.anatomy.landmarks.asis[0] = {-110, -60, 150}, p.anatomy.landmarks.asis[1] = {110, -60, 150};
  p.anatomy.landmarks.pubicTubercle[0] = {-20, -70, 70}, p.anatomy.landmarks.pubicTubercle[1] = {20, -70, 70};
  p.cup.centreLps = p.native.mirroredLps;
  p.cup.outerDiameterMm = 54;
  plan::Screw s;
  s.tipLps = p.cup.centreLps + Eigen::Vector3d(0, 30, 30);
  p.screws = {s, s};
  p.screws[1].tipLps.x() += 10;
  return p;
}
}  // namespace

TEST(PlanHandles, DroppingTheCupMovesThePlannedCupThereOnEitherSide) {
  for (plan::Side side : {plan::Side::left, plan::Side::right}) {
    SCOPED_TRACE(side == plan::Side::left ? "left" : "right");
    const plan::HipPlan p = tiltedPlan(side);
    const auto handles = planHandles(p);
    ASSERT_EQ(handles.size(), 1u + 4u + 2u);
    EXPECT_EQ(handles[0].id, "cup");
    EXPECT_EQ(handles[2].label, "ASIS L");
    EXPECT_EQ((handles[6].lps - p.screws[1].tipLps).norm(), 0);
    CaseFile c;
    const Eigen::Vector3d at = p.native.mirroredLps + Eigen::Vector3d(7.3, -4.1, 12.6);
    dropHandle(c, p, "cup", at);
    std::vector<std::string> warnings;
    const plan::CupPlan cup = plan::proposeCup(side, p.native, std::nullopt, p.anatomy.frame, c.plan, warnings);
    EXPECT_LT((cup.centreLps - at).norm(), 0.09);  // the shift is kept to 0.1 mm
    // Superior is superior in the pelvis's frame, whichever the side.
    dropHandle(c, p, "cup", p.native.mirroredLps + 5 * p.anatomy.frame.axes.col(2));
    EXPECT_NEAR(c.plan.cupShift.superiorMm, 5, 1e-9);
    EXPECT_NEAR(c.plan.cupShift.lateralMm, 0, 1e-9);
    // Lateral is away from the midline: +x (left) for a left hip, −x for a right one.
    dropHandle(c, p, "cup", p.native.mirroredLps + (side == plan::Side::left ? 4.0 : -4.0) * p.anatomy.frame.axes.col(0));
    EXPECT_NEAR(c.plan.cupShift.lateralMm, 4, 1e-9);
    EXPECT_NEAR(c.plan.cupShift.anteriorMm, 0, 1e-9);
  }
}

TEST(PlanHandles, ALandmarkDroppedEntersAllFourTheOthersAsFound) {
  const plan::HipPlan p = tiltedPlan(plan::Side::left);
  CaseFile c;
  dropHandle(c, p, "pubic_tubercle_left", {22.04, -71.96, 69.5});
  ASSERT_TRUE(c.plan.landmarks);
  EXPECT_EQ(c.plan.landmarks->pubicTubercleLeft, (std::array<double, 3>{22.0, -72.0, 69.5}));
  EXPECT_EQ(c.plan.landmarks->asisRight, (std::array<double, 3>{-110, -60, 150}));
  EXPECT_EQ(c.plan.landmarks->pubicTubercleRight, (std::array<double, 3>{-20, -70, 70}));
  dropHandle(c, p, "asis_right", {-100, -60, 150});  // the entered ones stay
  EXPECT_EQ(c.plan.landmarks->pubicTubercleLeft, (std::array<double, 3>{22.0, -72.0, 69.5}));
  EXPECT_EQ(c.plan.landmarks->asisRight[0], -100);
  EXPECT_THROW(dropHandle(c, p, "greater_trochanter", {0, 0, 0}), Error);
}

TEST(PlanHandles, ScrewEditsTakeTheProposalOverByHand) {
  const plan::HipPlan p = tiltedPlan(plan::Side::left);
  CaseFile c;
  EXPECT_EQ(screwTargets(c, p).size(), 2u);  // the proposal's tips
  dropHandle(c, p, "screw 2", {1, 2, 3});
  ASSERT_TRUE(c.plan.screwTargets);
  ASSERT_EQ(c.plan.screwTargets->size(), 2u);
  EXPECT_EQ((*c.plan.screwTargets)[0][2], p.screws[0].tipLps.z());
  EXPECT_EQ((*c.plan.screwTargets)[1], (std::array<double, 3>{1, 2, 3}));
  addScrew(c, p, {4, 5, 6});
  removeScrew(c, p, 0);
  ASSERT_EQ(c.plan.screwTargets->size(), 2u);
  EXPECT_EQ((*c.plan.screwTargets)[1], (std::array<double, 3>{4, 5, 6}));
  EXPECT_THROW(removeScrew(c, p, 5), Error);
  // A target inside the cup (the crosshair left at its centre after planning) is refused.
  EXPECT_THROW(addScrew(c, p, p.cup.centreLps), Error);
  EXPECT_THROW(dropHandle(c, p, "screw 1", p.cup.centreLps + Eigen::Vector3d(0, 0, 20)), Error);
  EXPECT_EQ(c.plan.screwTargets->size(), 2u);
  EXPECT_THROW(dropHandle(c, p, "screw 0", {0, 0, 0}), Error);
  proposeScrews(c);
  EXPECT_FALSE(c.plan.screwTargets);
}

// A screw measured live in a block of bone: its length is the bone's, cut to stock.
TEST(PlanHandles, AScrewPreviewMeasuresItsBoneAndSnapsToStock) {
  plan::HipPlan p = tiltedPlan(plan::Side::left);
  p.anatomy.frame.axes.setIdentity();
  p.cup.centreLps = {0, 0, 0};
  p.cup.outerDiameterMm = 50;
  p.cup.axisLps = {0, 0, -1};  // the dome up: screws go superior
  VolumeGeometry g;
  g.size = {60, 60, 120};
  g.origin = {-30, -30, 0};
  Mask bone(g);
  for (int z = 25; z < 25 + 47; ++z)  // bone from 25 to 72 mm above the centre: 47 mm along +z from the dome at 25
    for (int y = 0; y < 60; ++y)
      for (int x = 0; x < 60; ++x) bone.data[g.index(x, y, z)] = 1;
  const plan::Screw s = screwPreview(p, bone, {0, 0, 100});
  EXPECT_NEAR(s.boneLengthMm, 46.5, 0.6);
  EXPECT_EQ(s.lengthMm, 45);
  EXPECT_NE(describeScrew(0, s).find("a 45 mm screw"), std::string::npos) << describeScrew(0, s);
}

// The 3D view's cup handles: the axis tip gives the angles the planner turns back into
// that axis (either side, a tilted pelvis), held to their ranges; the rim gives a size made.
TEST(PlanHandles, TheAxisHandleSetsTheAnglesAndTheRimTheSize) {
  for (plan::Side side : {plan::Side::left, plan::Side::right}) {
    SCOPED_TRACE(side == plan::Side::left ? "left" : "right");
    plan::HipPlan p = tiltedPlan(side);
    p.cup.axisLps = p.anatomy.frame.axes * plan::cupAxisFromAngles(side, {40, 15});
    const auto h = cupHandles(p);
    ASSERT_EQ(h.size(), 3u);
    EXPECT_NEAR((h[1].lps - p.cup.centreLps).norm(), 27 + kAxisHandleBeyondMm, 1e-9);
    EXPECT_NEAR((h[2].lps - p.cup.centreLps).norm(), 27, 1e-9);
    EXPECT_NEAR((h[2].lps - p.cup.centreLps).dot(p.cup.axisLps), 0, 1e-9);  // on the rim's plane
    CaseFile c;
    const Eigen::Vector3d want = p.anatomy.frame.axes * plan::cupAxisFromAngles(side, {47.5, 22});
    dropHandle(c, p, "cup axis", p.cup.centreLps + 33 * want);
    EXPECT_NEAR(c.plan.inclinationDeg, 47.5, 1e-9);
    EXPECT_NEAR(c.plan.anteversionDeg, 22, 1e-9);
    std::vector<std::string> warnings;
    const plan::CupPlan cup = plan::proposeCup(side, p.native, std::nullopt, p.anatomy.frame, c.plan, warnings);
    EXPECT_LT((cup.axisLps - want).norm(), 1e-9);
    // Past the range: held to it.
    dropHandle(c, p, "cup axis", p.cup.centreLps + 33 * (p.anatomy.frame.axes * plan::cupAxisFromAngles(side, {85, 60})));
    EXPECT_EQ(c.plan.inclinationDeg, 70);
    EXPECT_EQ(c.plan.anteversionDeg, 45);
    // The rim 29.4 mm off the axis (and 5 mm along it): a 58 mm cup; far out: 68.
    const Eigen::Vector3d out = (h[2].lps - p.cup.centreLps).normalized();
    dropHandle(c, p, "cup rim", p.cup.centreLps + 29.4 * out + 5 * p.cup.axisLps);
    EXPECT_EQ(c.plan.cupMm, 58);
    dropHandle(c, p, "cup rim", p.cup.centreLps + 80 * out);
    EXPECT_EQ(c.plan.cupMm, 68);
  }
}
