// The off-screen renderer on scenes with known pictures: a sphere's silhouette, a
// cup shell's half, rods end-on and side-on, opacity compositing, PNG round trip.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>
#include <numbers>

#include "support/png_read.h"
#include "tantalus/core/error.h"
#include "tantalus/render/scene.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::render {
namespace {

// A ball of radius r on a rotated, anisotropic grid.
Mask ballMask(const Eigen::Vector3d& centre, double r) {
  VolumeGeometry g;
  g.size = {90, 80, 70};
  g.spacing = {0.7, 0.8, 0.9};
  g.direction = Eigen::AngleAxisd(0.4, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  g.origin = centre - g.direction * (0.5 * Eigen::Vector3d(89 * 0.7, 79 * 0.8, 69 * 0.9));
  Mask m(g);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i)
        if ((g.indexToLps(Eigen::Vector3d(i, j, k)) - centre).norm() <= r) m.data[g.index(i, j, k)] = 1;
  return m;
}

int countNot(const RgbImage& img, Rgb background) {
  int n = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) n += !(img.at(x, y) == background);
  return n;
}

Rgb toRgb(const Eigen::Vector3d& c) {
  auto b = [](double v) { return std::uint8_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); };
  return {b(c.x()), b(c.y()), b(c.z())};
}

// The head light's shade of a surface facing the camera.
double facingShade() { return 0.22 + 0.78 / Eigen::Vector3d(1, 0.35, 0.25).norm(); }

TEST(Png, RoundTripsThroughAnIndependentDecoder) {
  RgbImage img(37, 23);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) img.set(x, y, {std::uint8_t(x * 7), std::uint8_t(y * 11), std::uint8_t((x * y) % 256)});
  const RgbImage back = test::decodePng(encodePng(img));
  EXPECT_EQ(back.width, 37);
  EXPECT_EQ(back.height, 23);
  EXPECT_EQ(back.pixels, img.pixels);
  EXPECT_THROW(encodePng(RgbImage()), Error);
}

TEST(Scene, BallSilhouetteHasItsAreaFromAnyDirection) {
  const Eigen::Vector3d c(12, -30, 45);
  const Mask ball = ballMask(c, 20);
  Scene s;
  s.masks.push_back({&ball, {{0.9, 0.8, 0.7}, 1}});
  const Rgb bg = toRgb(s.background);
  for (const Eigen::Vector3d& dir : {Eigen::Vector3d(0, 1, 0), Eigen::Vector3d(1, -1, 0.5), Eigen::Vector3d(0.2, 0.1, -1)}) {
    const OrthoView v = OrthoView::looking(c + Eigen::Vector3d(3, 1, -2), dir, Eigen::Vector3d::UnitZ(), 0.5, 120, 110);
    const RgbImage img = renderScene(s, v);
    const double area = countNot(img, bg) * 0.25;
    EXPECT_NEAR(area, std::numbers::pi * 400, 0.025 * std::numbers::pi * 400) << dir.transpose();
    const Eigen::Vector2d p = v.project(c);
    const Rgb centre = img.at(int(p.x()), int(p.y()));
    // Binary voxels on a rotated grid: normals within ~5° (shade within ~15 of 255).
    EXPECT_NEAR(centre.r, 255 * 0.9 * facingShade(), 15) << "lit face on";
    EXPECT_EQ(img.at(0, 0), bg);
    // Its silhouette is where it is: 21 mm left of the centre is background, 19 mm is ball.
    EXPECT_EQ(img.at(int(p.x() - 21 / 0.5), int(p.y())), bg);
    EXPECT_FALSE(img.at(int(p.x() - 19 / 0.5), int(p.y())) == bg);
  }
}

TEST(Scene, CupShellShowsOnlyItsHalfAwayFromTheOpening) {
  const CupLayer cup{Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(0, 0, 1), 25, {{0.2, 0.5, 0.9}, 1}};
  RayHit h;
  // From above the opening, down the axis: through the opening to the far (inner) surface.
  ASSERT_TRUE(hitCup(cup, Eigen::Vector3d(0, 0, 100), Eigen::Vector3d(0, 0, -1), h));
  EXPECT_NEAR(h.t, 125, 1e-9);
  // From below: the outer surface, near side.
  ASSERT_TRUE(hitCup(cup, Eigen::Vector3d(0, 0, -100), Eigen::Vector3d(0, 0, 1), h));
  EXPECT_NEAR(h.t, 75, 1e-9);
  EXPECT_NEAR(h.normal.z(), -1, 1e-9);
  // Above the equator from the side: nothing (no shell there).
  EXPECT_FALSE(hitCup(cup, Eigen::Vector3d(-100, 0, 5), Eigen::Vector3d(1, 0, 0), h));
  ASSERT_TRUE(hitCup(cup, Eigen::Vector3d(-100, 0, -5), Eigen::Vector3d(1, 0, 0), h));
  EXPECT_NEAR(h.t, 100 - std::sqrt(625 - 25), 1e-9);

  Scene s;
  s.cups.push_back(cup);
  const OrthoView side = OrthoView::looking({0, 0, 0}, {1, 0, 0}, {0, 0, 1}, 0.5, 140, 140);
  const RgbImage img = renderScene(s, side);
  EXPECT_NEAR(countNot(img, toRgb(s.background)) * 0.25, 0.5 * std::numbers::pi * 625, 0.02 * 0.5 * std::numbers::pi * 625);
  EXPECT_EQ(img.at(70, 40), toRgb(s.background)) << "above the rim";
  EXPECT_FALSE(img.at(70, 100) == toRgb(s.background)) << "below it";
}

TEST(Scene, RodsAreHitOnTheirSideAndEndOn) {
  const RodLayer rod{Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(0, 0, 40), 3.25, {}};
  RayHit h;
  ASSERT_TRUE(hitRod(rod, Eigen::Vector3d(-50, 0, 20), Eigen::Vector3d(1, 0, 0), h));
  EXPECT_NEAR(h.t, 50 - 3.25, 1e-9);
  EXPECT_NEAR(h.normal.x(), -1, 1e-9);
  EXPECT_FALSE(hitRod(rod, Eigen::Vector3d(-50, 0, 41), Eigen::Vector3d(1, 0, 0), h)) << "beyond its end";
  EXPECT_FALSE(hitRod(rod, Eigen::Vector3d(-50, 3.3, 20), Eigen::Vector3d(1, 0, 0), h)) << "beside it";
  ASSERT_TRUE(hitRod(rod, Eigen::Vector3d(1, 1, 100), Eigen::Vector3d(0, 0, -1), h)) << "end-on: its cap";
  EXPECT_NEAR(h.t, 60, 1e-9);
  EXPECT_NEAR(h.normal.z(), 1, 1e-9);
}

TEST(Scene, TranslucentLayersCompositeFrontToBack) {
  const Eigen::Vector3d c(0, 0, 0);
  const Mask ball = ballMask(c, 10);
  Scene s;
  s.background = {0, 0, 0};
  s.masks.push_back({&ball, {{1, 0, 0}, 0.4}});                                   // in front
  s.cups.push_back({c + Eigen::Vector3d(0, 30, 0), Eigen::Vector3d(0, -1, 0), 12, {{0, 0, 1}, 1}});  // behind it, facing it
  const OrthoView v = OrthoView::looking(c, {0, 1, 0}, {0, 0, 1}, 0.5, 80, 80);
  const Rgb mid = renderScene(s, v).at(40, 40);
  // 0.4 of the ball's red, then 0.6 of the cup's blue (its inner surface, seen face on).
  EXPECT_NEAR(mid.r, 255 * 0.4 * facingShade(), 10);  // the ball's voxel normal: within ~5°
  EXPECT_NEAR(mid.b, 255 * 0.6 * facingShade(), 6);
  EXPECT_EQ(mid.g, 0);
}

TEST(Scene, CancelStopsARender) {
  const Mask ball = ballMask({0, 0, 0}, 10);
  Scene s;
  s.masks.push_back({&ball, {}});
  Progress p;
  p.cancel();
  EXPECT_THROW(renderScene(s, OrthoView::looking({0, 0, 0}, {0, 1, 0}, {0, 0, 1}, 0.5, 64, 64), p), Cancelled);
}

// Cancel from another thread while a long render is under way: it stops within 0.5 s.
TEST(Scene, CancelDuringARenderStopsItWithinHalfASecond) {
  const Mask ball = ballMask({0, 0, 0}, 20);
  Scene s;
  s.masks.push_back({&ball, {}});
  const OrthoView big = OrthoView::looking({0, 0, 0}, {0.3, 1, 0.2}, {0, 0, 1}, 0.01, 4000, 4000);  // ~16 M rays
  Progress p;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    p.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(renderScene(s, big, p), Cancelled);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  canceller.join();
  EXPECT_LT(seconds, 0.55) << "the render went on after cancel";
}

TEST(View, FramingHoldsEveryPointAndKeepsThePatientsRightOnTheLeft) {
  const std::vector<Eigen::Vector3d> pts = {{-150, 10, 0}, {140, -20, 30}, {0, 40, -110}, {5, -60, 95}};
  const OrthoView v = OrthoView::framing(pts, Eigen::Vector3d(0, 1, 0), Eigen::Vector3d(0, 0, 1), 10, 640, 560);
  EXPECT_LE(v.width, 640);
  EXPECT_LE(v.height, 560);
  for (const auto& p : pts) {
    const Eigen::Vector2d q = v.project(p);
    EXPECT_GE(q.x(), 10 / v.mmPerPixel - 1e-6);
    EXPECT_LE(q.x(), v.width - 10 / v.mmPerPixel + 1e-6);
    EXPECT_GE(q.y(), 10 / v.mmPerPixel - 1e-6);
    EXPECT_LE(q.y(), v.height - 10 / v.mmPerPixel + 1e-6);
  }
  // Looking at the patient from the front: the patient's right (-x) on the picture's left.
  EXPECT_LT(v.project({-150, 10, 0}).x(), v.project({140, -20, 30}).x());
  EXPECT_EQ(directionLetter(v.right), "L");
  EXPECT_EQ(directionLetter(-v.right), "R");
  EXPECT_EQ(directionLetter(v.up), "S");
  EXPECT_NEAR(v.mmPerPixel, std::max(310.0 / 640, 225.0 / 560), 1e-9);
}

}  // namespace
}  // namespace tantalus::render
