// CT slices on oblique planes against a CT whose HU is a known function of
// position; the sphere sections drawn over them; the SVG figure's scale bar,
// direction letters and embedded picture.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <regex>

#include "support/png_read.h"
#include "tantalus/render/slice.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::render {
namespace {

// HU = 4 x + 2 y - z (LPS mm) on a rotated grid: trilinear sampling is exact for it.
CtVolume rampCt() {
  CtVolume ct;
  VolumeGeometry& g = ct.geometry;
  g.size = {60, 50, 40};
  g.spacing = {1.0, 1.2, 2.0};
  g.direction = Eigen::AngleAxisd(0.3, Eigen::Vector3d(0, 1, 1).normalized()).toRotationMatrix();
  g.origin = -g.direction * Eigen::Vector3d(30, 30, 40);
  ct.hu = VoxelBuffer<std::int16_t>(g.voxelCount());
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector3d p = g.indexToLps(Eigen::Vector3d(i, j, k));
        ct.hu[g.index(i, j, k)] = std::int16_t(std::lround(4 * p.x() + 2 * p.y() - p.z()));
      }
  return ct;
}

TEST(Slice, SamplesTheCtOnAnObliquePlaneThroughTheWindow) {
  const CtVolume ct = rampCt();
  const OrthoView v = OrthoView::looking({2, -3, 1}, {0.3, 1, 0.2}, {0, 0, 1}, 0.4, 50, 40);
  const Window w{0, 200};  // -100..100 HU -> 0..255
  const RgbImage img = sliceImage(ct, v, w);
  for (const auto& [x, y] : {std::pair{5, 5}, std::pair{25, 20}, std::pair{44, 33}}) {
    const Eigen::Vector3d p = v.pointAt(x + 0.5, y + 0.5);
    const double hu = 4 * p.x() + 2 * p.y() - p.z();
    EXPECT_NEAR(sampleHu(ct, p), hu, 0.6);
    EXPECT_NEAR(img.at(x, y).r, std::clamp((hu + 100) * 255.0 / 200, 0.0, 255.0), 1.5) << x << "," << y;
    EXPECT_EQ(img.at(x, y).r, img.at(x, y).b) << "grey";
  }
  EXPECT_EQ(sampleHu(ct, {500, 0, 0}), -1024) << "outside the volume";
}

TEST(Slice, TintsTheMaskedVoxels) {
  const CtVolume ct = rampCt();
  Mask m(ct.geometry);
  for (int k = 0; k < 40; ++k)
    for (int j = 0; j < 50; ++j)
      for (int i = 0; i < 60; ++i) m.data[ct.geometry.index(i, j, k)] = ct.geometry.indexToLps(Eigen::Vector3d(i, j, k)).x() > 5;
  const OrthoView v = OrthoView::looking({0, 0, 0}, {0, 1, 0}, {0, 0, 1}, 0.5, 60, 40);
  const RgbImage img = sliceImage(ct, v, {0, 4000}, {{&m, {255, 0, 0}, 1.0}});
  const int xIn = int(v.project({10, 0, 0}).x()), xOut = int(v.project({0, 0, 0}).x()), y = 20;
  EXPECT_EQ(img.at(xIn, y), (Rgb{255, 0, 0}));
  EXPECT_EQ(img.at(xOut, y).r, img.at(xOut, y).g);
}

TEST(Figure, SphereSectionIsTheShellsHalfCircleOnThePlane) {
  const OrthoView v = OrthoView::looking({0, 0, 0}, {0, 1, 0}, {0, 0, 1}, 0.5, 200, 200);
  const Eigen::Vector3d c(4, 6, -3), axis = Eigen::Vector3d(1, 0, 1).normalized();
  const auto arcs = sphereSectionArcs(v, c, 10, axis);
  ASSERT_EQ(arcs.size(), 1u);
  const double rho = std::sqrt(100.0 - 36.0);
  double turned = 0;
  for (std::size_t i = 0; i < arcs[0].size(); ++i) {
    const Eigen::Vector3d& p = arcs[0][i];
    EXPECT_NEAR(v.depth(p), 0, 1e-9) << "on the plane";
    EXPECT_NEAR((p - c).norm(), 10, 1e-9) << "on the sphere";
    EXPECT_LE((p - c).dot(axis), 1e-9) << "on the shell's half";
    if (i) turned += (p - arcs[0][i - 1]).norm() / rho;
  }
  EXPECT_NEAR(turned, std::numbers::pi, 2 * 2 * std::numbers::pi / 180) << "half the circle (axis in the plane)";
  EXPECT_EQ(sphereSectionArcs(v, c, 5.9, axis).size(), 0u) << "the plane misses it";
  EXPECT_EQ(sphereSectionArcs(v, c, 10, Eigen::Vector3d::Zero())[0].size(), 721u) << "a whole sphere: the full circle";
  // The half through the circle's seam (angle 0, along the view's right): one arc, joined.
  const auto seam = sphereSectionArcs(v, c, 10, Eigen::Vector3d(-1, 0, 0));
  ASSERT_EQ(seam.size(), 1u) << "one arc, joined across the seam";
  ASSERT_EQ(seam[0].size(), 361u);
  double previous = -1e9;
  for (const auto& p : seam[0]) {
    EXPECT_GE((p - c).x(), -1e-9) << "the half towards +x";
    const double a = std::atan2((p - c).z(), (p - c).x());
    EXPECT_GT(a, previous) << "in order along the arc";
    previous = a;
  }
  // The axis along the view through the centre: the whole circle (the half test is noise).
  const Eigen::Vector3d onPlane(0, 0, 0);
  EXPECT_EQ(sphereSectionArcs(v, onPlane, 10, Eigen::Vector3d(0, 1, 0))[0].size(), 721u);
}

TEST(Figure, SvgCarriesThePictureAScaleBarAndTheDirections) {
  Figure f;
  f.title = "Anterior <view>";
  f.view = OrthoView::looking({0, 0, 0}, {0, 1, 0}, {0, 0, 1}, 0.5, 640, 400);  // 320 mm wide
  f.image = RgbImage(640, 400, {10, 20, 30});
  f.image.set(3, 4, {200, 100, 50});
  f.marker({0, 0, 0}, "#0f0", "COR");
  const std::string svg = figureSvg(f);
  EXPECT_DOUBLE_EQ(scaleBarMm(f.view), 50);
  EXPECT_NE(svg.find(">50 mm</text>"), std::string::npos);
  EXPECT_NE(svg.find("Anterior &lt;view&gt;"), std::string::npos) << "escaped";
  for (const char* letter : {">L</text>", ">R</text>", ">S</text>", ">I</text>", ">COR</text>"})
    EXPECT_NE(svg.find(letter), std::string::npos) << letter;
  EXPECT_NE(svg.find("M314.0 200.0h12M320.0 194.0v12"), std::string::npos) << "the marker at the picture's centre";
  const auto pngs = test::embeddedPngs(svg);
  ASSERT_EQ(pngs.size(), 1u);
  EXPECT_EQ(pngs[0].pixels, f.image.pixels);
  EXPECT_EQ(base64("Ma"), "TWE=");
  EXPECT_EQ(test::decodeBase64(base64(std::string("\0\xff\x10z", 4))), std::string("\0\xff\x10z", 4));
}

}  // namespace
}  // namespace tantalus::render
