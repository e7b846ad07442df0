// The report's pictures of plans on the phantom, checked by pixel: the planned cup
// on the affected side of the anterior view (the patient's right on the picture's
// left), the bone at the landmarks, the old implant's metal in the slices where
// the old cup is, the screws in their view.
#include <gtest/gtest.h>

#include "tantalus/io/phantom.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/plan/plan_figures.h"
#include "tantalus/plan/plan_html.h"
#include "tantalus/segment/segment_pipeline.h"

using namespace tantalus;
using namespace tantalus::plan;
using render::Figure;
using render::Rgb;

namespace {

struct Planned {
  CtVolume ct;
  segment::SegmentResult seg;
  HipPlan plan;
};

Planned planned(const io::PhantomOptions& o) {
  Planned p;
  p.ct = io::makePhantomVolume(o);
  SegmentationParams sp = segment::defaultSegmentationParams();
  segment::resolveThresholds(sp);
  p.seg = segment::segmentCt(p.ct, sp);
  MetalContext metal;
  metal.bandMm = segment::effectiveMarginMm(sp.marginMm, p.ct.geometry) + p.ct.geometry.spacing.maxCoeff();
  p.plan = planHip(p.seg.bone, p.seg.implant, PlanParams{}, metal);
  return p;
}

const Figure& byId(const std::vector<Figure>& figures, const std::string& id) {
  for (const auto& f : figures)
    if (f.id == id) return f;
  throw std::runtime_error("no figure " + id);
}

Rgb pixelAt(const Figure& f, const Eigen::Vector3d& p) {
  const Eigen::Vector2d q = f.view.project(p);
  EXPECT_TRUE(q.x() >= 0 && q.y() >= 0 && q.x() < f.image.width && q.y() < f.image.height) << f.id << " " << p.transpose();
  return f.image.at(std::clamp(int(q.x()), 0, f.image.width - 1), std::clamp(int(q.y()), 0, f.image.height - 1));
}

// The slice's metal tint (cyan over grey): blue well above red.
void expectMetalAroundTheOldCup(const Figure& f, const OldCup& old) {
  double n = 0;
  Eigen::Vector2d sum = Eigen::Vector2d::Zero();
  for (int y = 0; y < f.image.height; ++y)
    for (int x = 0; x < f.image.width; ++x) {
      const Rgb c = f.image.at(x, y);
      if (c.b - c.r > 60) {
        ++n;
        sum += Eigen::Vector2d(x + 0.5, y + 0.5);
      }
    }
  ASSERT_GT(n, 50) << f.id << ": the old implant's metal is in the slice";
  const double offPlane = std::abs(f.view.depth(old.centreLps));
  if (offPlane > 0.6 * old.outerDiameterMm / 2) return;  // the plane only grazes the old cup
  const double mm = (sum / n - f.view.project(old.centreLps)).norm() * f.view.mmPerPixel;
  EXPECT_LT(mm, 0.5 * old.outerDiameterMm) << f.id << ": the metal sits around the old cup's centre";
}

void checkFigures(const Planned& p) {
  const HipPlan& plan = p.plan;
  const auto figures = planFigures(p.ct, p.seg.implant, plan);
  ASSERT_EQ(figures.size(), plan.screws.empty() ? 4u : 5u);
  const Figure& ap = byId(figures, "ap");
  const Rgb background{33, 36, 41};
  EXPECT_EQ(ap.image.at(0, 0), background);
  EXPECT_EQ(ap.image.at(ap.image.width - 1, ap.image.height - 1), background);

  // The cup (blue) where it was planned, on the affected side: the picture's right
  // for a left hip (radiological convention).
  const Rgb cup = pixelAt(ap, plan.cup.centreLps);
  EXPECT_GT(cup.b, cup.r + 20) << "planned cup blue at its centre, through the translucent bone";
  const double cupX = ap.view.project(plan.cup.centreLps).x(), midX = ap.view.project(plan.anatomy.symmetry.point).x();
  if (plan.side.side == Side::left) EXPECT_GT(cupX, midX + 40);
  else EXPECT_LT(cupX, midX - 40);
  // Bone (ivory: red over blue) at both ASIS, seen face on.
  for (const auto& asis : plan.anatomy.landmarks.asis) {
    const Rgb b = pixelAt(ap, asis);
    EXPECT_GT(b.r, b.b + 10) << "bone at the ASIS";
  }
  EXPECT_NE(ap.overlay.find(">ASIS L</text>"), std::string::npos);

  const Figure& lateral = byId(figures, "lateral");
  const Rgb side = pixelAt(lateral, plan.cup.centreLps);
  EXPECT_GT(side.b, side.r + 20) << "seen from the affected side, into the cup";

  ASSERT_TRUE(plan.implant.cup);
  for (const char* id : {"axial", "coronal"}) {
    const Figure& f = byId(figures, id);
    EXPECT_NEAR(f.view.depth(plan.cup.centreLps), 0, 1e-6) << id << " through the planned centre";
    // Radiological: the patient's left on the right; anterior (axial) or superior (coronal) up.
    EXPECT_EQ(render::directionLetter(f.view.right), "L") << id;
    EXPECT_EQ(render::directionLetter(f.view.up), std::string(id) == "axial" ? "A" : "S") << id;
    const double x = f.view.project(plan.cup.centreLps).x(), mid = f.view.project(plan.anatomy.symmetry.point).x();
    EXPECT_GT(plan.side.side == Side::left ? x - mid : mid - x, 40) << id << ": the planned cup on the affected side";
    expectMetalAroundTheOldCup(f, *plan.implant.cup);
    EXPECT_NE(f.overlay.find("stroke=\"#4d9bff\""), std::string::npos) << id << ": the planned cup's outline";
  }

  if (!plan.screws.empty()) {
    const Figure& s = byId(figures, "screws");
    int gold = 0;
    for (const auto& screw : plan.screws) {
      const Rgb c = pixelAt(s, screw.entryLps + 0.8 * (screw.tipLps - screw.entryLps));
      gold += c.r > c.b + 40;
    }
    EXPECT_GE(gold, int(plan.screws.size()) - 1) << "screws gold along their length in their view";
  }
}

}  // namespace

// With no old cup and no screws (a conversion), four pictures and the report says so;
// what the report quotes is escaped.
void checkWithoutCupOrScrews(Planned p) {
  p.plan.screws.clear();
  p.plan.implant.cup.reset();
  p.plan.implant.cups.clear();
  p.plan.oldCupApp.reset();
  p.plan.side.reason = "left — <b>as asked</b> & checked";
  const auto figures = planFigures(p.ct, p.seg.implant, p.plan);
  ASSERT_EQ(figures.size(), 4u);
  EXPECT_NE(byId(figures, "coronal").caption.find("(none found)"), std::string::npos);
  const std::string html = planReportHtml(p.plan, figures, {}, {"plan: a <warning> & more"});
  EXPECT_NE(html.find("left — &lt;b&gt;as asked&lt;/b&gt; &amp; checked"), std::string::npos);
  EXPECT_NE(html.find("plan: a &lt;warning&gt; &amp; more"), std::string::npos);
  EXPECT_EQ(html.find("<b>as asked"), std::string::npos);
  EXPECT_NE(html.find("<th>Cup</th><td>none found</td>"), std::string::npos);
  EXPECT_EQ(html.find("<figure id=\"screws\">"), std::string::npos);
}

TEST(PlanFiguresPhantom, TheCupSitsOnTheAffectedSideAndTheMetalWhereTheOldCupIs) {
  io::PhantomOptions left;
  const Planned asBuilt = planned(left);
  checkFigures(asBuilt);
  checkWithoutCupOrScrews(asBuilt);
  io::PhantomOptions right;
  right.swapSides = true;
  right.poseDeg = {4, -3, 6};
  right.poseShiftMm = {-9, 7, 5};
  checkFigures(planned(right));
}
