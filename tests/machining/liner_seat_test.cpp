// Liner profiles (read, refused) and the seat cutter: its diameter, the stock left on
// the print body, the machined body inside the print body, and the liner's fit.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"
#include "tantalus/machining/liner_seat.h"
#include "tantalus/machining/mesh_boolean.h"

using namespace tantalus;
using namespace tantalus::machining;
using Eigen::Vector3d;

namespace {

std::string errorOf(const std::string& json) {
  try {
    parseLinerProfile(json, "liner.json");
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const char* kMinimal = R"({"source": "drawing 1", "innerDiameterMm": 36, "outerDiameterMm": 56, "clearanceMm": 0.05})";

// A plain hemispherical cup (outer radius R) in frame f, beyond the equator by `extraDeg`.
Mesh hemisphereCup(const AxisFrame& f, double radius, double extraDeg) {
  std::vector<ProfilePoint> p{{0.0, -radius}};
  const double end = (90.0 + extraDeg) * M_PI / 180.0;
  for (int i = 1; i <= 128; ++i) {
    const double a = end * i / 128;
    p.push_back({radius * std::sin(a), -radius * std::cos(a)});
  }
  p.push_back({0.0, p.back().z});
  return revolvedMesh(p, f, 256);
}

// Distances from the centre of the vertices of faces looking at it (the seat's wall)
// that lie on the spherical part, below `zMax` in the frame.
// `towards`: faces looking at the centre (a body's seat) or away from it (the cutter's wall).
std::pair<double, double> seatRadiusRange(const Mesh& m, const AxisFrame& f, double zMax, bool towards = true) {
  double lo = 1e9, hi = -1e9;
  for (Eigen::Index i = 0; i < m.faces.rows(); ++i) {
    const Vector3d a = corner(m, i, 0), b = corner(m, i, 1), c = corner(m, i, 2);
    const Vector3d n = (b - a).cross(c - a).normalized(), centroid = (a + b + c) / 3.0;
    if ((towards ? 1.0 : -1.0) * n.dot(f.origin - centroid) < 0.99 * (f.origin - centroid).norm()) continue;
    for (const Vector3d& p : {a, b, c}) {
      if ((p - f.origin).dot(f.axis) > zMax) continue;
      lo = std::min(lo, (p - f.origin).norm());
      hi = std::max(hi, (p - f.origin).norm());
    }
  }
  return {lo, hi};
}

}  // namespace

TEST(LinerProfile, TheShippedProfilesReadAndSayTheyAreIllustrative) {
  const LinerProfile p = loadLinerProfile("illustrative-36-56");
  EXPECT_TRUE(p.illustrative);
  EXPECT_NE(p.source.find("NOT a real product"), std::string::npos);
  EXPECT_DOUBLE_EQ(p.innerDiameterMm, 36.0);
  EXPECT_DOUBLE_EQ(p.outerDiameterMm, 56.0);
  EXPECT_NEAR(p.seatDiameterMm(), 56.05, 1e-12);
  EXPECT_TRUE(p.hasGroove());
  EXPECT_EQ(p.slotCount, 6);
  const LinerProfile t = loadLinerProfile("illustrative-32-52-taper");
  EXPECT_EQ(t.seat, LinerProfile::Seat::Taper);
  EXPECT_LT(t.clearanceMm, 0.0);
  EXPECT_THROW(loadLinerProfile("no-such-liner"), Error);
}

TEST(LinerProfile, BadProfilesAreRefusedNamingTheField) {
  EXPECT_EQ(errorOf(kMinimal), "");
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": 56, "colour": 1})").find("colour"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"innerDiameterMm": 36, "outerDiameterMm": 56})").find("source"), std::string::npos);
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": 38})").find("outerDiameterMm"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": "56"})").find("expected a number"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": 56, "seat": {"kind": "cone"}})")
                .find("seat.kind"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": 56, "clearanceMm": 2})").find("clearance"),
            std::string::npos);
  EXPECT_NE(errorOf(R"({"source": "x", "innerDiameterMm": 36, "outerDiameterMm": 56,
                        "antiRotationSlots": {"count": 6, "widthMm": 0, "depthMm": 1, "radialDepthMm": 1}})")
                .find("antiRotationSlots"),
            std::string::npos);
  EXPECT_NE(errorOf("{").find("not valid JSON"), std::string::npos);
}

TEST(LinerSeat, TheFinishedSeatHasTheProfilesDiameterAndTheLinerFitsWithItsClearance) {
  const LinerProfile liner = loadLinerProfile("illustrative-36-56");
  // An oblique cup frame, away from the origin.
  const AxisFrame f = AxisFrame::along(Vector3d(-31.0, 12.5, 880.0), Vector3d(0.6, -0.5, 0.62));
  const Mesh cutter = seatCutter(liner, f, {});
  const MeshTopology t = analyseTopology(cutter);
  EXPECT_TRUE(t.watertight());
  EXPECT_EQ(t.components, 1u);
  // Below the groove the cutter's wall is the seat sphere.
  const auto [lo, hi] = seatRadiusRange(cutter, f, -(liner.grooveFromRimMm + liner.grooveWidthMm), false);
  EXPECT_NEAR(2 * lo, liner.seatDiameterMm(), 0.02);
  EXPECT_NEAR(2 * hi, liner.seatDiameterMm(), 0.02);
  // The liner's outer sphere against the seat: the gap is the profile's clearance.
  EXPECT_NEAR((lo + hi) - liner.outerDiameterMm, liner.clearanceMm, 0.01);
  // The groove: in its band the wall stands out by the groove's radial depth; and one notch
  // per slot at the rim, out at the slot's radial depth.
  const double r = 0.5 * liner.seatDiameterMm();
  const double zMid = -liner.grooveFromRimMm;
  double grooveR = 0;
  std::set<int> slotSectors;
  const Mesh welded = weldVertices(cutter);
  for (Eigen::Index i = 0; i < welded.vertices.rows(); ++i) {
    const Vector3d q = welded.vertices.row(i).cast<double>().transpose() - f.origin;
    const double z = q.dot(f.axis), radial = (q - z * f.axis).norm();
    if (std::abs(z - zMid) <= 0.5 * liner.grooveWidthMm + 1e-3 && radial < r + liner.slotRadialDepthMm - 0.1)  // not a slot
      grooveR = std::max(grooveR, radial);
    if (std::abs(z + liner.slotDepthMm) < 1e-2 && radial > r + 0.5 * liner.slotRadialDepthMm) {  // a slot's floor
      const double angle = std::atan2(q.dot(f.v()), q.dot(f.u()));
      slotSectors.insert(int(std::lround(angle / (2 * M_PI) * liner.slotCount + liner.slotCount)) % liner.slotCount);
    }
  }
  const double z1 = zMid + 0.5 * liner.grooveWidthMm;  // the groove's upper edge, where the wall is widest
  EXPECT_NEAR(grooveR, std::sqrt(r * r - z1 * z1) + liner.grooveRadialDepthMm, 0.01);
  EXPECT_EQ(int(slotSectors.size()), liner.slotCount);
  // Volume: hemisphere + the cylinder above the rim + groove + slots, within the chords.
  const double plain = 2.0 / 3.0 * M_PI * r * r * r + M_PI * r * r * 5.0;
  EXPECT_GT(signedVolume(cutter), plain * 0.998);
  EXPECT_LT(signedVolume(cutter), plain * 1.02);
}

TEST(LinerSeat, MachinedBodyLiesInsideThePrintBodyWithTheStockOnTheSeat) {
  const LinerProfile liner = loadLinerProfile("illustrative-36-56");
  const AxisFrame f = AxisFrame::along(Vector3d(10, -20, 30), Vector3d(-0.3, 0.2, -0.93));
  const double stock = 0.5;
  const Mesh cup = hemisphereCup(f, 31.5, 5.0);
  const Mesh print = meshBoolean(cup, "cup", BooleanOp::Difference, seatCutter(liner, f, {stock}), "seat as printed").mesh;
  const Mesh machined = meshBoolean(print, "print body", BooleanOp::Difference, seatCutter(liner, f, {}), "seat").mesh;
  for (const Mesh* m : {&print, &machined}) {
    const MeshTopology t = analyseTopology(*m);
    EXPECT_TRUE(t.watertight());
    EXPECT_TRUE(t.consistentlyOriented());
    EXPECT_EQ(t.components, 1u);
  }
  // Machined ⊂ print (both rounded to float: 1e-5 mm of slack on the shared surface).
  const check::Containment inside = check::containment(machined, print, 1e-4);
  EXPECT_EQ(inside.verticesOutside, 0u) << inside.maxOutsideMm << " mm outside";
  EXPECT_GT(check::containment(print, machined, 1e-4).verticesOutside, 0u);  // the stock
  // The printed seat is smaller by the stock; the machined one is the profile's.
  const auto printed = seatRadiusRange(print, f, -5.0);
  const auto finished = seatRadiusRange(machined, f, -5.0);
  EXPECT_NEAR(finished.first - printed.first, stock, 0.01);
  EXPECT_NEAR(2 * finished.first, liner.seatDiameterMm(), 0.02);
  EXPECT_NEAR(2 * finished.second, liner.seatDiameterMm(), 0.02);
}

TEST(LinerSeat, ATaperSeatOpensAtTheSeatDiameter) {
  const LinerProfile liner = loadLinerProfile("illustrative-32-52-taper");
  const auto p = seatProfile(liner, {});
  // The rim point of the cone is at the seat radius; the cone below at the half-angle.
  std::size_t rim = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (std::abs(p[i].z) < 1e-12 && p[i].r > 0) rim = i;
  ASSERT_GT(rim, 0u);
  EXPECT_NEAR(2 * p[rim].r, liner.seatDiameterMm(), 1e-9);
  const double angle = std::atan2(p[rim].r - p[rim - 1].r, p[rim].z - p[rim - 1].z) * 180.0 / M_PI;
  EXPECT_NEAR(angle, liner.taperHalfAngleDeg, 1e-9);
  const Mesh cutter = seatCutter(liner, AxisFrame{}, {});
  EXPECT_TRUE(analyseTopology(cutter).watertight());
  EXPECT_GT(seatDepthMm(liner, 0), liner.taperLengthMm);
}
