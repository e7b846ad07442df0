// The old implant from its metal mask: synthetic cups at varied poses, sides and
// voxel sizes with known answers, the phantom's DICOM, and the real sample's
// fixation hardware (no cup).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"
#include "support/angles.h"
#include "tantalus/io/phantom.h"
#include "tantalus/plan/old_implant.h"
#include "tantalus/segment/mask_ops.h"

using namespace tantalus;
using namespace tantalus::plan;
using tantalus::test::angleDeg;

namespace {
struct Pose {
  Side side;
  double inclination, anteversion, outerR, innerR, headR, pixel, slice;
  Eigen::Vector3d centre, headOffset;
};

// Voxels whose centre lies in the shell (the dome side of the opening plane) or the head.
Mask rasterise(const Pose& p, const Eigen::Vector3d& axis) {
  VolumeGeometry g;
  g.spacing = Eigen::Vector3d(p.pixel, p.pixel, p.slice);
  const double half = 40;
  g.size = {int(2 * half / p.pixel), int(2 * half / p.pixel), int(2 * half / p.slice)};
  g.origin = p.centre - Eigen::Vector3d::Constant(half) + Eigen::Vector3d(0.37, -0.21, 0.11);  // off the grid
  Mask m(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector3d q = g.indexToLps(Eigen::Vector3d(i, j, k));
        const Eigen::Vector3d d = q - p.centre;
        const double r = d.norm();
        const bool shell = r <= p.outerR && r >= p.innerR && d.dot(axis) <= 0;
        const bool head = (q - p.centre - p.headOffset).norm() <= p.headR;
        m.data[g.index(i, j, k)] = shell || head;
      }
  return m;
}
}  // namespace

TEST(OldImplant, CupsAtVariedPosesSidesAndVoxelSizesAreRecovered) {
  std::mt19937 rng(20261202);
  std::uniform_real_distribution<double> u(0, 1);
  for (int n = 0; n < 8; ++n) {
    Pose p;
    p.side = n % 2 ? Side::left : Side::right;
    p.inclination = 30 + 30 * u(rng);
    p.anteversion = -5 + 35 * u(rng);
    p.outerR = 21 + 12 * u(rng);
    p.innerR = p.outerR - (2.5 + 2 * u(rng));
    p.headR = std::min(p.innerR - 3, 11 + 5 * u(rng));
    p.pixel = 0.6 + 1.0 * u(rng);
    p.slice = n % 3 == 0 ? 2.5 : p.pixel;
    p.centre = Eigen::Vector3d((p.side == Side::left ? 1 : -1) * (80 + 30 * u(rng)), 20 * u(rng), -30 + 60 * u(rng));
    p.headOffset = Eigen::Vector3d(u(rng) - 0.5, u(rng) - 0.5, u(rng) - 0.5);
    const Eigen::Vector3d axis = cupAxisFromAngles(p.side, {p.inclination, p.anteversion});
    const OldImplant r = analyseOldImplant(rasterise(p, axis));
    SCOPED_TRACE("pose " + std::to_string(n) + ": side " + sideName(p.side) + ", " + std::to_string(p.inclination) + "/" +
                 std::to_string(p.anteversion) + " deg, outer r " + std::to_string(p.outerR) + ", voxels " +
                 std::to_string(p.pixel) + " x " + std::to_string(p.slice));
    ASSERT_EQ(r.parts.size(), 2u);
    ASSERT_TRUE(r.cup.has_value());
    ASSERT_TRUE(r.head.has_value());
    EXPECT_LT((r.cup->centreLps - p.centre).norm(), 1.0);
    EXPECT_NEAR(r.cup->outerDiameterMm, 2 * p.outerR, 1.0);
    EXPECT_NEAR(r.cup->innerDiameterMm, 2 * p.innerR, 1.0);
    EXPECT_LT(angleDeg(r.cup->axisLps, axis), 2.0);
    EXPECT_EQ(r.cup->side, p.side);
    EXPECT_NEAR(r.cup->scanner.inclinationDeg, p.inclination, 2.0);
    EXPECT_NEAR(r.cup->scanner.anteversionDeg, p.anteversion, 2.0);
    EXPECT_LT((r.head->centreLps - (p.centre + p.headOffset)).norm(), 1.0);
    EXPECT_NEAR(r.head->diameterMm, 2 * p.headR, 1.0);
    std::printf("pose %d (%s, %.1f/%.1f deg, %.2f x %.2f mm voxels): cup centre %.2f mm, axis %.2f deg, outer d %+.2f mm; "
                "head centre %.2f mm, d %+.2f mm\n",
                n, sideName(p.side), p.inclination, p.anteversion, p.pixel, p.slice, (r.cup->centreLps - p.centre).norm(),
                angleDeg(r.cup->axisLps, axis), r.cup->outerDiameterMm - 2 * p.outerR,
                (r.head->centreLps - (p.centre + p.headOffset)).norm(), r.head->diameterMm - 2 * p.headR);
  }
}

namespace {
double segmentDistance(const Eigen::Vector3d& q, const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
  const Eigen::Vector3d ab = b - a;
  const double t = std::clamp((q - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
  return (q - a - t * ab).norm();
}
// A stem on the mask's grid: a neck (r 5.5 mm) from `from` along `neck` 40 mm, then a
// shaft (r 7 mm) 60 mm down.
void addStem(Mask& m, const Eigen::Vector3d& from, const Eigen::Vector3d& neck) {
  const auto& g = m.geometry;
  const Eigen::Vector3d knee = from + 40 * neck, foot = knee - Eigen::Vector3d(0, 0, 60);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector3d q = g.indexToLps(Eigen::Vector3d(i, j, k));
        if (segmentDistance(q, from, knee) <= 5.5 || segmentDistance(q, knee, foot) <= 7) m.data[g.index(i, j, k)] = 1;
      }
}
}  // namespace

TEST(OldImplant, AHeadOnItsStemIsSplitAtTheCupAndAStemReachingAHeadIsAStem) {
  for (const Side side : {Side::left, Side::right}) {
    const double s = side == Side::left ? 1 : -1;
    Pose p{side, 45, 15, 27, 24, 14, 0.9, 1.25, Eigen::Vector3d(s * 95, 10, 40), Eigen::Vector3d::Zero()};
    const Eigen::Vector3d axis = cupAxisFromAngles(side, {p.inclination, p.anteversion});
    const Eigen::Vector3d neck = Eigen::Vector3d(s * std::cos(0.7), 0, -std::sin(0.7));
    // The grid (±40 mm about the cup) cuts the shaft short; it still runs over 50 mm from the head.
    Mask joined = rasterise(p, axis);
    addStem(joined, p.centre, neck);  // from the head's centre: one part with the head
    const OldImplant r = analyseOldImplant(joined);
    SCOPED_TRACE(sideName(side));
    ASSERT_TRUE(r.cup && r.head);
    ASSERT_EQ(r.parts.size(), 2u);
    EXPECT_TRUE(r.parts[0].kind == MetalPart::Kind::stem || r.parts[1].kind == MetalPart::Kind::stem);
    EXPECT_LT((r.head->centreLps - p.centre).norm(), 1.0);
    EXPECT_NEAR(r.head->diameterMm, 28, 1.0);
    EXPECT_LT((r.cup->centreLps - p.centre).norm(), 1.0);
    for (const auto& part : r.parts) {
      if (part.kind == MetalPart::Kind::stem) {
        EXPECT_NE(part.why.find("carrying its head"), std::string::npos) << part.why;
      }
    }

    // A stem that stops 2.5 mm short of a separate head: a head and a stem.
    Mask apart = rasterise(p, axis);
    addStem(apart, p.centre + (14 + 5.5 + 2.5) * neck, neck);  // 2.5 mm apart
    const OldImplant q = analyseOldImplant(apart);
    ASSERT_EQ(q.parts.size(), 3u);
    int heads = 0, stems = 0;
    for (const auto& part : q.parts) {
      heads += part.kind == MetalPart::Kind::head;
      stems += part.kind == MetalPart::Kind::stem;
    }
    EXPECT_EQ(heads, 1);
    EXPECT_EQ(stems, 1);
    ASSERT_TRUE(q.head);
    EXPECT_LT((q.head->centreLps - p.centre).norm(), 1.0);
  }
}

TEST(OldImplant, ThePhantomsCupAndHeadMatchItsTruth) {
  const auto o = test::smallPhantomOptions();
  const CtVolume ct = io::importCt(test::cachedPhantom("small", o) / "dicom").volume;
  const io::PhantomTruth t = io::phantomTruth(o);
  const OldImplant r = analyseOldImplant(segment::threshold(ct, 2500, 32767));
  ASSERT_TRUE(r.cup.has_value());
  ASSERT_TRUE(r.head.has_value());
  EXPECT_LT((r.cup->centreLps - t.cupCentreMm).norm(), 1.0);
  EXPECT_LT(angleDeg(r.cup->axisLps, t.cupAxis), 2.0);
  EXPECT_NEAR(r.cup->outerDiameterMm, 2 * t.cupOuterRadiusMm, 1.0);
  EXPECT_NEAR(r.cup->scanner.inclinationDeg, t.cupInclinationDeg, 2.0);
  EXPECT_NEAR(r.cup->scanner.anteversionDeg, t.cupAnteversionDeg, 2.0);
  EXPECT_EQ(r.cup->side, Side::left);
  EXPECT_LT((r.head->centreLps - t.cupCentreMm).norm(), 1.0);
  EXPECT_NEAR(r.head->diameterMm, 2 * t.headRadiusMm, 1.0);
  std::printf("phantom: cup centre %.2f mm, axis %.2f deg, outer d %.2f mm, %.1f/%.1f deg; head centre %.2f mm, d %.2f mm\n",
              (r.cup->centreLps - t.cupCentreMm).norm(), angleDeg(r.cup->axisLps, t.cupAxis), r.cup->outerDiameterMm,
              r.cup->scanner.inclinationDeg, r.cup->scanner.anteversionDeg, (r.head->centreLps - t.cupCentreMm).norm(),
              r.head->diameterMm);
  test::recordFigure("old_implant.phantom_cup_centre_error_mm", (r.cup->centreLps - t.cupCentreMm).norm(), "mm");
  test::recordFigure("old_implant.phantom_cup_axis_error_deg", angleDeg(r.cup->axisLps, t.cupAxis), "deg");
}

TEST(OldImplant, TheSamplesFixationHardwareIsNeitherCupNorHead) {
  TANTALUS_REQUIRE_SHARED_DATA();
  const CtVolume ct = io::importCt(test::sharedData() / "totalsegmentator-example" / "example_ct.nii.gz").volume;
  const OldImplant r = analyseOldImplant(segment::threshold(ct, 2500, 32767));
  ASSERT_FALSE(r.parts.empty());
  for (const auto& p : r.parts) {
    EXPECT_EQ(p.kind, MetalPart::Kind::other) << p.volumeMl << " mL: " << p.why;
    std::printf("sample part: %.2f mL at (%.0f, %.0f, %.0f): %s\n", p.volumeMl, p.centroidLps.x(), p.centroidLps.y(),
                p.centroidLps.z(), kindName(p.kind));
  }
  EXPECT_FALSE(r.cup.has_value());
  EXPECT_FALSE(r.head.has_value());
  EXPECT_GT(r.parts.front().centroidLps.x(), 0) << "on the patient's left";
}

TEST(OldImplant, NoMetalIsNoImplant) {
  VolumeGeometry g;
  g.size = {20, 20, 20};
  const OldImplant r = analyseOldImplant(Mask(g));
  EXPECT_TRUE(r.parts.empty());
  EXPECT_FALSE(r.cup.has_value());
}
