// The planner on the phantom in several poses and set-ups (rotated and shifted,
// sides swapped, a CT table, skin beads, streaks, metal at 16 000 HU, both hips
// replaced, a scan short of the iliac crests), against the generator's truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <utility>

#include "tantalus/core/error.h"
#include "support/angles.h"
#include "tantalus/io/phantom.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;
using namespace tantalus::plan;
using tantalus::test::angleDeg;

namespace {

struct Variant {
  const char* name;
  io::PhantomOptions options;
  std::string side = "auto";
  int metalThresholdHu = 0;  // 0: the default
};

Variant variant(const char* name, Eigen::Vector3d pose, Eigen::Vector3d shift) {
  Variant v{name, {}};
  v.options.poseDeg = pose;
  v.options.poseShiftMm = shift;
  return v;
}

std::vector<Variant> variants() {
  std::vector<Variant> v;
  v.push_back(variant("as built", {0, 0, 0}, {0, 0, 0}));
  v.push_back(variant("rotated, shifted, table, beads, a stem", {5, -4, 7}, {12, -9, 6}));
  v.back().options.table = v.back().options.beads = v.back().options.stem = true;
  v.push_back(variant("sides swapped, rotated, streaks", {-6, 3, -5}, {-10, 8, -4}));
  v.back().options.swapSides = true;
  v.back().options.streakHu = 1500;
  v.push_back(variant("metal at 16 000 HU, rotated", {3, 6, -8}, {6, 5, -10}));
  v.back().options.metalHu = 16000;
  v.back().metalThresholdHu = 8000;  // as the segmentation's warning advises (below)
  v.push_back(variant("both hips replaced, the right revised", {-3, -5, 4}, {-8, -6, 3}));
  v.back().options.bilateral = v.back().options.swapSides = true;
  v.back().side = "right";
  return v;
}

HipPlan planPhantom(const io::PhantomOptions& o, const std::string& side, PlanParams params = {}, int metalHu = 0,
                    std::vector<std::string>* segmentWarnings = nullptr) {
  const CtVolume ct = io::makePhantomVolume(o);
  SegmentationParams sp = segment::defaultSegmentationParams();
  if (metalHu) sp.metalHu = metalHu;
  segment::resolveThresholds(sp);
  const segment::SegmentResult seg = segment::segmentCt(ct, sp);
  if (segmentWarnings) *segmentWarnings = seg.warnings;
  params.side = side;
  MetalContext metal;
  metal.bandMm = segment::effectiveMarginMm(sp.marginMm, ct.geometry) + ct.geometry.spacing.maxCoeff();
  metal.streaks = segment::metalStreaksSuspected(seg);
  return planHip(seg.bone, seg.implant, params, metal);
}

}  // namespace

TEST(HipPlanPhantom, NativeCorOldCupLandmarksAndPlannedAnglesMatchTheTruthInEveryPose) {
  for (const Variant& v : variants()) {
    SCOPED_TRACE(v.name);
    const io::PhantomTruth t = io::phantomTruth(v.options);
    PlanParams params;
    params.inclinationDeg = 42;
    params.anteversionDeg = 18;
    const HipPlan p = planPhantom(v.options, v.side, params, v.metalThresholdHu);
    EXPECT_EQ(sideName(p.side.side), t.revisedSide);
    const bool left = t.revisedSide == "left";
    const Eigen::Vector3d nativeTruth = left ? t.corLeftNativeMm : t.corRightMm;
    const double corError = (p.native.mirroredLps - nativeTruth).norm();
    EXPECT_LT(corError, 1.0);
    ASSERT_TRUE(p.implant.cup);
    const double cupError = (p.implant.cup->centreLps - t.cupCentreMm).norm();
    const double axisError = angleDeg(p.implant.cup->axisLps, t.cupAxis);
    EXPECT_LT(cupError, 1.0);
    EXPECT_LT(axisError, 2.0);
    double landmarkError = 0;
    for (int s = 0; s < 2; ++s) {
      landmarkError = std::max(landmarkError, (p.anatomy.landmarks.asis[s] - t.asisMm[s]).norm());
      landmarkError = std::max(landmarkError, (p.anatomy.landmarks.pubicTubercle[s] - t.pubicTubercleMm[s]).norm());
    }
    EXPECT_LT(landmarkError, 2.0);
    // The planned axis read in the true pelvic frame has the angles asked for.
    const CupAngles planned = radiographicAngles(t.pelvicFrame.transpose() * p.cup.axisLps);
    EXPECT_NEAR(planned.inclinationDeg, 42, 1.0);
    EXPECT_NEAR(planned.anteversionDeg, 18, 1.0);
    // The old cup's angles to the APP, and the symmetry plane.
    EXPECT_NEAR(p.oldCupApp->inclinationDeg, t.cupInclinationDeg, 2.0);
    EXPECT_NEAR(p.oldCupApp->anteversionDeg, t.cupAnteversionDeg, 2.0);
    const double symError = angleDeg(p.anatomy.symmetry.normal, t.pelvicFrame.col(0));
    EXPECT_LT(symError, 1.0);
    EXPECT_LT(std::abs(p.anatomy.symmetry.signedDistance(t.symmetryPointMm)), 1.0);
    EXPECT_LT(p.anatomy.symmetry.residualMm, 1.0);
    // The migration: the old cup sits 10 mm superior, 4 mm lateral and 2 mm posterior
    // of the native centre in the phantom's own frame.
    ASSERT_TRUE(p.oldCupFromNative);
    EXPECT_NEAR(p.oldCupFromNative->superiorMm, 10, 1.0);
    EXPECT_NEAR(p.oldCupFromNative->lateralMm, 4, 1.0);
    EXPECT_NEAR(p.oldCupFromNative->anteriorMm, -2, 1.0);
    EXPECT_NEAR(p.implant.cup->outerDiameterMm, 54, 0.5);
    // The head, also when it is one metal part with its stem (split at the cup).
    ASSERT_TRUE(p.implant.head);
    EXPECT_LT((p.implant.head->centreLps - t.cupCentreMm).norm(), 1.0);
    EXPECT_NEAR(p.implant.head->diameterMm, 2 * t.headRadiusMm, 1.0);
    const auto stems = std::count_if(p.implant.parts.begin(), p.implant.parts.end(),
                                     [](const MetalPart& m) { return m.kind == MetalPart::Kind::stem; });
    EXPECT_EQ(stems, v.options.stem ? 1 : 0);
    // The defect: the native bone lost outside the planned cup, against the generator's
    // integral for the same cup (the defect cavity and the migrated cup's bed).
    // Streaks erase bone: then the figure is flagged doubtful and warned about, not trusted.
    const double defectTruthMl = io::phantomBoneLossMm3(v.options, p.cup.centreLps, p.cup.outerDiameterMm / 2) / 1000;
    EXPECT_EQ(p.defect.doubtful, v.options.streakHu > 0);
    if (!p.defect.doubtful) {
      EXPECT_NEAR(p.defect.volumeMl / defectTruthMl, 1.0, 0.05) << p.defect.volumeMl << " mL vs " << defectTruthMl;
      EXPECT_GT(p.defect.superiorMl, 0.5 * p.defect.volumeMl);  // above the cup, where it migrated
    } else {
      EXPECT_TRUE(std::any_of(p.warnings.begin(), p.warnings.end(),
                              [](const std::string& w) { return w.find("may be overstated") != std::string::npos; }));
    }
    EXPECT_EQ(p.cup.outerDiameterMm, 56);  // 2 mm over the 54 mm old cup
    std::printf("%-40s COR %.2f mm, cup %.2f mm / %.2f°, landmarks %.2f mm, planned %.2f° / %.2f°, symmetry %.2f° (residual %.2f mm), defect %.2f mL / %.2f mL (%s)\n",
                v.name, corError, cupError, axisError, landmarkError, planned.inclinationDeg, planned.anteversionDeg, symError,
                p.anatomy.symmetry.residualMm, p.defect.volumeMl, defectTruthMl, p.defect.description.c_str());
  }
}

TEST(HipPlanPhantom, TheBoneIsLabelledPelvisFemoraAndOtherWithTheTableApart) {
  io::PhantomOptions o;
  o.table = o.beads = true;
  const HipPlan p = planPhantom(o, "auto");
  int pelvis = 0, femora = 0, other = 0;
  for (const auto& part : p.anatomy.parts) {
    pelvis += part.kind == "pelvis";
    femora += part.kind == "right femur" || part.kind == "left femur";
    other += part.kind == "other";
  }
  EXPECT_EQ(pelvis, 1);  // both hemipelves and the sacrum, one piece
  EXPECT_EQ(femora, 2);  // the native right femur and the revised left one (no head)
  EXPECT_GE(other, 1);   // the table's top and rails
  // The beads on the skin are not the old implant: cup and head only, both at the left hip.
  EXPECT_EQ(p.implant.cups.size(), 1u);
  EXPECT_EQ(sideName(p.side.side), std::string("left"));
}

TEST(HipPlanPhantom, AScanShortOfTheIliacCrestsNamesTheMissingLandmark) {
  io::PhantomOptions o;
  o.topMm = 60;  // the spines' caps are at z 84
  try {
    planPhantom(o, "auto");
    FAIL() << "planned without the iliac spines";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("the scan ends at the"), std::string::npos) << what;
    EXPECT_NE(what.find("anterior superior iliac spine"), std::string::npos) << what;
    EXPECT_NE(what.find("plan.landmarks"), std::string::npos) << what;
  }
  // With the landmarks entered in the case, the plan goes ahead on them.
  const io::PhantomTruth t = io::phantomTruth(o);
  PlanParams params;
  auto a = [](const Eigen::Vector3d& v) { return std::array<double, 3>{v.x(), v.y(), v.z()}; };
  params.landmarks = PlanLandmarks{a(t.asisMm[0]), a(t.asisMm[1]), a(t.pubicTubercleMm[0]), a(t.pubicTubercleMm[1])};
  const HipPlan p = planPhantom(o, "auto", params);
  EXPECT_EQ(p.anatomy.landmarks.source, "case file");
  EXPECT_LT((p.native.mirroredLps - t.corLeftNativeMm).norm(), 1.0);
  EXPECT_NEAR(p.oldCupApp->inclinationDeg, t.cupInclinationDeg, 2.0);  // in the frame of the entered landmarks
  EXPECT_NEAR(p.oldCupApp->anteversionDeg, t.cupAnteversionDeg, 2.0);
  // Entered with left and right swapped: refused, not planned upside down.
  std::swap(params.landmarks->asisLeft, params.landmarks->asisRight);
  std::swap(params.landmarks->pubicTubercleLeft, params.landmarks->pubicTubercleRight);
  try {
    planPhantom(o, "auto", params);
    FAIL() << "planned on swapped landmarks";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("left and right swapped"), std::string::npos) << e.what();
  }
}

TEST(HipPlanPhantom, AnglesOutsideTheLewinnekZoneAndDenseMetalAreWarnedAbout) {
  io::PhantomOptions o;
  o.metalHu = 16000;
  PlanParams params;
  params.inclinationDeg = 55;
  params.anteversionDeg = 30;
  std::vector<std::string> segmentWarnings;
  const HipPlan p = planPhantom(o, "auto", params, 0, &segmentWarnings);
  // At the default 2500 HU threshold the 16 000 HU cup reads large, and the
  // segmentation says so, with the threshold to use.
  ASSERT_EQ(segmentWarnings.size(), 1u);
  EXPECT_NE(segmentWarnings[0].find("--metal-hu 80"), std::string::npos) << segmentWarnings[0];
  EXPECT_GT(p.implant.cup->outerDiameterMm, 54.5);
  EXPECT_FALSE(p.cup.inLewinnekZone);
  bool warned = false;
  for (const auto& w : p.warnings) warned |= w.find("Lewinnek") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(HipPlan, AHeadCtHasNoPelvis) {
  // A skull: an ellipsoidal bone shell 6 mm thick, 1 mm voxels.
  VolumeGeometry g;
  g.size = {200, 220, 200};
  g.origin = Eigen::Vector3d(-100, -110, -100);
  Mask bone(g), metal(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
        const double outer = (p.cwiseQuotient(Eigen::Vector3d(75, 95, 85))).norm();
        const double inner = (p.cwiseQuotient(Eigen::Vector3d(69, 89, 79))).norm();
        bone.data[g.index(i, j, k)] = outer <= 1 && inner > 1;
      }
  try {
    planHip(bone, metal, PlanParams{});
    FAIL() << "a head CT was planned";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no pelvis"), std::string::npos) << e.what();
  }
}

TEST(HipPlanPhantom, ScrewsRunInBoneInThePosteriorQuadrantsSpreadOverTheDome) {
  const io::PhantomOptions o;
  const CtVolume ct = io::makePhantomVolume(o);
  SegmentationParams sp = segment::defaultSegmentationParams();
  segment::resolveThresholds(sp);
  const segment::SegmentResult seg = segment::segmentCt(ct, sp);
  PlanParams params;
  params.side = "auto";
  const HipPlan p = planHip(seg.bone, seg.implant, params);
  ASSERT_GE(p.screws.size(), 3u);
  ASSERT_LE(p.screws.size(), 8u);
  const io::PhantomTruth t = io::phantomTruth(o);
  for (std::size_t n = 0; n < p.screws.size(); ++n) {
    const Screw& s = p.screws[n];
    SCOPED_TRACE("screw " + std::to_string(n + 1));
    EXPECT_GE(s.lengthMm, 15);
    EXPECT_LE(s.lengthMm, 80);
    EXPECT_EQ(std::fmod(s.lengthMm, 5.0), 0.0);
    EXPECT_LE(s.lengthMm, s.boneLengthMm);
    EXPECT_LT((s.entryLps - p.cup.centreLps).norm() - p.cup.outerDiameterMm / 2, 1e-6);  // on the cup's dome
    EXPECT_LT(s.directionLps.dot(p.cup.axisLps), 0);                                      // into the bone, not the joint
    // Posterior of Wasielewski's line (the true ASIS through the hip centre), in the true frame.
    const Eigen::Vector3d line = (p.cup.centreLps - t.asisMm[1]).normalized();
    const Eigen::Vector3d posterior = t.pelvicFrame.col(1) - t.pelvicFrame.col(1).dot(line) * line;
    EXPECT_GT(s.directionLps.dot(posterior.normalized()), 0);
    // Its whole length is in host bone (sampled every 0.5 mm on its axis), past the
    // first millimetre (the reamed bed between the cup and the bone).
    std::size_t in = 0, total = 0;
    for (double d = 1.0; d <= s.lengthMm; d += 0.5, ++total) {
      const Eigen::Vector3d x = seg.bone.geometry.lpsToIndex(s.entryLps + d * s.directionLps);
      in += seg.bone(int(std::lround(x.x())), int(std::lround(x.y())), int(std::lround(x.z())));
    }
    EXPECT_EQ(in, total);
    for (std::size_t m = 0; m < n; ++m) EXPECT_GT(angleDeg(s.directionLps, p.screws[m].directionLps), 19.9);
  }
  params.screws = 0;
  EXPECT_TRUE(planHip(seg.bone, seg.implant, params).screws.empty());

  // By hand: aimed at the proposal's tips, the same screws (direction, bone, length);
  // aimed forward (the anterior quadrant), a red warning; at the centre, refused.
  params.screwTargets.emplace();
  for (const Screw& s : p.screws) params.screwTargets->push_back({s.tipLps.x(), s.tipLps.y(), s.tipLps.z()});
  const Eigen::Vector3d anterior = p.cup.centreLps - 40 * t.pelvicFrame.col(1) - 10 * p.cup.axisLps;
  params.screwTargets->push_back({anterior.x(), anterior.y(), anterior.z()});
  const HipPlan byHand = planHip(seg.bone, seg.implant, params);
  ASSERT_EQ(byHand.screws.size(), p.screws.size() + 1);
  for (std::size_t n = 0; n < p.screws.size(); ++n) {
    EXPECT_LT(angleDeg(byHand.screws[n].directionLps, p.screws[n].directionLps), 1e-6);
    EXPECT_NEAR(byHand.screws[n].boneLengthMm, p.screws[n].boneLengthMm, 1e-9);
    EXPECT_EQ(byHand.screws[n].lengthMm, p.screws[n].lengthMm);
  }
  const Screw& forward = byHand.screws.back();
  EXPECT_LT((forward.entryLps - p.cup.centreLps).norm() - p.cup.outerDiameterMm / 2, 1e-6);
  EXPECT_TRUE(forward.quadrant.starts_with("anterior")) << forward.quadrant;
  EXPECT_TRUE(std::any_of(forward.warnings.begin(), forward.warnings.end(),
                          [](const std::string& w) { return w.find("outside Wasielewski's safe zones") != std::string::npos; }));
  params.screwTargets = {{p.cup.centreLps.x(), p.cup.centreLps.y(), p.cup.centreLps.z()}};
  EXPECT_THROW(planHip(seg.bone, seg.implant, params), Error);
}

TEST(HipPlanPhantom, ACupShiftMovesTheCupByExactlyThatInThePelvisOnEitherSide) {
  for (const Variant& v : {variants()[0], variants()[2]}) {
    SCOPED_TRACE(v.name);
    PlanParams params;
    params.cupShift = {6, -4, 3};  // 6 mm superior (a high hip centre), 4 mm medial, 3 mm anterior
    const HipPlan p = planPhantom(v.options, v.side, params);
    const HipPlan at = planPhantom(v.options, v.side);
    EXPECT_NEAR(p.cup.fromNative.superiorMm, 6, 1e-6);
    EXPECT_NEAR(p.cup.fromNative.lateralMm, -4, 1e-6);
    EXPECT_NEAR(p.cup.fromNative.anteriorMm, 3, 1e-6);
    EXPECT_LT((at.cup.centreLps - at.native.mirroredLps).norm(), 1e-9);
    // In the generator's true frame (columns: patient left, posterior, superior): the
    // revised hip's lateral is away from the midline.
    const io::PhantomTruth t = io::phantomTruth(v.options);
    const Eigen::Vector3d moved = p.cup.centreLps - at.cup.centreLps;
    const double lateralSign = p.side.side == Side::left ? 1 : -1;
    EXPECT_NEAR(moved.dot(t.pelvicFrame.col(2)), 6, 0.5);
    EXPECT_NEAR(moved.dot(t.pelvicFrame.col(0)) * lateralSign, -4, 0.5);
    EXPECT_NEAR(moved.dot(-t.pelvicFrame.col(1)), 3, 0.5);
    EXPECT_NE(p.cup.centreReason.find("cup_shift_mm"), std::string::npos) << p.cup.centreReason;
  }
}
