// Which hip: from the metal at the hip joint, judged against the body's centre.
#include <gtest/gtest.h>

#include "tantalus/core/error.h"
#include "tantalus/plan/side_choice.h"

using namespace tantalus;
using namespace tantalus::plan;

namespace {
MetalPart part(MetalPart::Kind k, double x, double ml = 10, double r = 27) {
  MetalPart p;
  p.kind = k;
  p.centroidLps = Eigen::Vector3d(x, 0, 0);
  p.volumeMl = ml;
  p.sphere.radiusMm = r;
  return p;
}
std::string errorOf(const OldImplant& i, const Eigen::Vector3d& body = Eigen::Vector3d::Zero()) {
  try {
    chooseSide(i, body, "auto");
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST(SideChoice, TheHipJointMetalDecidesAgainstTheBodysCentre) {
  OldImplant i;
  i.parts = {part(MetalPart::Kind::other, -60, 30), part(MetalPart::Kind::cupShell, 95)};  // a big right stem, a left cup
  SideChoice c = chooseSide(i, Eigen::Vector3d::Zero(), "auto");
  EXPECT_EQ(c.side, Side::left);
  EXPECT_EQ(c.reason, "left — a cup shell (54 mm) at the left hip joint");
  // The same patient 120 mm off the scanner's centre, to the right: still the left.
  for (auto& p : i.parts) p.centroidLps.x() -= 120;
  EXPECT_EQ(chooseSide(i, Eigen::Vector3d(-120, 0, 0), "auto").side, Side::left);
  EXPECT_EQ(chooseSide(i, Eigen::Vector3d(-120, 0, 0), "right").side, Side::right) << "asked wins";

  OldImplant head;
  head.parts = {part(MetalPart::Kind::head, -90, 10, 14)};
  EXPECT_EQ(chooseSide(head, Eigen::Vector3d::Zero(), "auto").reason,
            "right — a femoral head prosthesis (28 mm) at the right hip, no cup");
  OldImplant hardware;
  hardware.parts = {part(MetalPart::Kind::other, 110, 11), part(MetalPart::Kind::other, 100, 0.5)};
  c = chooseSide(hardware, Eigen::Vector3d::Zero(), "auto");
  EXPECT_EQ(c.side, Side::left);
  EXPECT_NE(c.reason.find("no cup: a conversion to a hip replacement"), std::string::npos) << c.reason;
}

TEST(SideChoice, BothSidesOrNoMetalAskForTheSide) {
  OldImplant bilateral;
  bilateral.parts = {part(MetalPart::Kind::cupShell, -95), part(MetalPart::Kind::cupShell, 95)};
  EXPECT_EQ(errorOf(bilateral).rfind("--side: cup shells at both hip joints", 0), 0u) << errorOf(bilateral);
  OldImplant none;
  EXPECT_NE(errorOf(none).find("no metal in the CT"), std::string::npos);
  EXPECT_NE(errorOf(none).find("give --side left or --side right"), std::string::npos);
  OldImplant screws;
  screws.parts = {part(MetalPart::Kind::other, -95, 2), part(MetalPart::Kind::other, 95, 2)};
  EXPECT_NE(errorOf(screws).find("metal on both sides"), std::string::npos);
  EXPECT_THROW(chooseSide(none, Eigen::Vector3d::Zero(), "up"), Error);
}
