// The guides step on the revision phantom with a spherical lesion in the iliac wing of
// the other side, in two poses (as scanned, and mirrored, rotated and shifted): the
// piece removed against the phantom's bone integrated on a fine grid, the lesion inside
// it with the margin, each guide one closed part by admesh, its bone-facing surface at
// the clearance, its slot in the plane, its label on the right side; and bad input
// refused with nothing written.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "guide_measure.h"
#include "support/admesh_check.h"
#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/pipeline/case_setup.h"
#include "tantalus/pipeline/pipeline.h"

namespace fs = std::filesystem;
using namespace tantalus;
using nlohmann::json;
using Eigen::Vector3d;

namespace {

constexpr double kLesionR = 8, kMargin = 10;
// In the phantom's own frame: the lesion high in the wing of the hip not revised, and
// two planes 21 mm from its centre (13 mm from its surface): one oblique under it, one
// in front of it.
const Vector3d kLesion(-80, 15, 90);
const Vector3d kN1 = Vector3d(-1, 0, 2).normalized(), kN2(0, 1, 0);
const Vector3d kP1(-110, 15, 51.6), kP2(-108, -6, 85);

io::PhantomOptions rotatedMirrored() {
  io::PhantomOptions o;
  o.swapSides = true;
  o.poseDeg = Vector3d(4, -3, 6);
  o.poseShiftMm = Vector3d(12, -8, 15);
  return o;
}

json readJson(const fs::path& p) { return json::parse(std::ifstream(p)); }
Vector3d vec(const json& a) { return Vector3d(a[0].get<double>(), a[1].get<double>(), a[2].get<double>()); }

struct Scanned {
  io::PhantomOptions options;
  Vector3d lesion;
  std::vector<io::HalfSpace> planes;
};
Scanned scanned(const io::PhantomOptions& o) {
  Scanned s{o, io::phantomToScanner(o, kLesion), {}};
  for (const auto& [p, n] : {std::pair{kP1, kN1}, {kP2, kN2}}) {
    const Vector3d ps = io::phantomToScanner(o, p);
    s.planes.push_back({ps, (io::phantomToScanner(o, p + n) - ps).normalized()});
  }
  return s;
}

struct Run {
  fs::path out;
  json guides;
};
Run runGuides(const std::string& name, const Scanned& s) {
  const fs::path ph = test::cachedPhantom(name, s.options);
  Run r;
  const fs::path dir = test::scratchDir("guides-" + name);
  r.out = dir / "out";
  io::writeMaskVolume(dir / "lesion.nii.gz", io::phantomLesionMask(s.options, s.lesion, kLesionR));
  CaseFile c = pipeline::newCase(ph / "dicom");
  c.guides.lesion = (dir / "lesion.nii.gz").string();
  c.guides.marginMm = kMargin;
  for (const auto& p : s.planes) c.guides.planes.push_back({{p.point.x(), p.point.y(), p.point.z()}, {p.normal.x(), p.normal.y(), p.normal.z()}});
  pipeline::Pipeline(c, {}, r.out).run("guides", Progress::none());
  r.guides = readJson(r.out / "guides.json");
  return r;
}

void checkPose(const std::string& name, const io::PhantomOptions& o, const std::string& side) {
  const Scanned s = scanned(o);
  const Run r = runGuides(name, s);
  // The piece removed: the phantom's bone beyond both planes, integrated on a 0.25 mm grid.
  const double truth = io::phantomBoneVolumeMm3(o, s.planes, Vector3d(-125, -6, 35), Vector3d(-45, 60, 125));
  const Mesh piece = readStl(r.out / "resection.stl");
  const double measured = signedVolume(piece);
  test::recordFigure("guides." + name + ".resection_ml", measured / 1000, "mL");
  test::recordFigure("guides." + name + ".resection_error", measured / truth - 1);
  EXPECT_NEAR(measured, truth, 0.03 * truth) << name;
  EXPECT_NEAR(r.guides["resection"]["volume_mm3"].get<double>(), measured, 1.0);
  test::expectAdmeshClean(r.out / "resection.stl");
  // The lesion inside the piece, and every point of the cut faces at least the margin from it (analytic sphere).
  std::vector<Vector3d> onLesion;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 20; ++j) {
      const double th = 3.14159265358979 * (i + 0.5) / 20, ph = 2 * 3.14159265358979 * j / 20;
      onLesion.push_back(s.lesion + kLesionR * Vector3d(std::sin(th) * std::cos(ph), std::sin(th) * std::sin(ph), std::cos(th)));
    }
  for (char inside : check::insideClosedMesh(piece, onLesion)) EXPECT_TRUE(inside) << name;
  double nearest = 1e9;
  std::size_t onCut = 0;
  for (Eigen::Index v = 0; v < piece.vertices.rows(); ++v) {
    const Vector3d x = piece.vertices.row(v).cast<double>().transpose();
    for (const auto& p : s.planes)
      if (std::abs((x - p.point).dot(p.normal)) < 0.01) {
        ++onCut;
        nearest = std::min(nearest, (x - s.lesion).norm() - kLesionR);
      }
  }
  EXPECT_GT(onCut, 100u);
  test::recordFigure("guides." + name + ".cut_to_lesion_mm", nearest, "mm");
  EXPECT_GE(nearest, kMargin - 0.5) << name;
  for (const auto& p : r.guides["planes"]) EXPECT_FALSE(p["margin_violated"].get<bool>()) << p.dump();
  // Each guide: one closed part, on the bone at its clearance, its slot in its plane.
  const Mesh bone = readStl(r.out / "bone.stl");
  ASSERT_EQ(r.guides["guides"].size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const json& g = r.guides["guides"][i];
    const fs::path stl = r.out / g["file"].get<std::string>();
    test::expectAdmeshClean(stl);
    const Mesh guide = readStl(stl);
    const double share = test::shareAtClearance(guide, bone, vec(g["insertion"]), s.planes[i].point, s.planes[i].normal, 0.2, 0.2);
    test::recordFigure("guides." + name + ".guide" + std::to_string(i + 1) + ".share_at_clearance", share);
    EXPECT_GE(share, 0.9) << name << " guide " << i + 1;
    const auto fit = test::fitSlotWalls(guide, s.planes[i].point, s.planes[i].normal);
    for (int w = 0; w < 2; ++w) {
      EXPECT_GT(fit.wallFaces[w], 4u);
      EXPECT_LE(fit.angleDeg[w], 0.5) << name << " guide " << i + 1;
    }
    EXPECT_NEAR(fit.offsetMm[1] - fit.offsetMm[0], 1.27 + 0.2, 0.05);
    const json& seat = g["seating"];
    EXPECT_EQ(seat["undercut_points"].get<int>(), 0) << seat.dump();
    EXPECT_EQ(seat["penetrating_points"].get<int>(), 0) << seat.dump();
    EXPECT_GE(seat["contact_area_mm2"].get<double>(), 1000);
    EXPECT_LE(seat["max_gap_mm"].get<double>(), 0.45);
    EXPECT_EQ(g["label"].get<std::string>().substr(0, 2), side + std::to_string(i + 1));
    EXPECT_EQ(g["kwires"].size(), 2u);
  }
}

}  // namespace

TEST(GuidesPhantom, AsScannedTheResectionHoldsTheLesionAndEachGuideFitsTheBone) {
  checkPose("default", io::PhantomOptions{}, "R");
}

TEST(GuidesPhantom, MirroredRotatedAndShiftedTheSame) {
  checkPose("rotated-right", rotatedMirrored(), "L");
}

TEST(GuidesPhantom, BadInputIsRefusedAndNothingIsWritten) {
  const fs::path ph = test::cachedPhantom("default", io::PhantomOptions{});
  const fs::path dir = test::scratchDir("guides-bad"), out = dir / "out";
  const std::vector<fs::path> outputs{out / "guide_1.stl", out / "resection.stl", out / "guides.json", out / "guides.html"};
  const std::string ct = (ph / "dicom").string() + " -o " + out.string();
  // No plane at all.
  test::expectRefused(test::runCli("guide " + ct), outputs, "guides.planes", "no osteotomy planes");
  // A plane beside the body: no bone on one side of it.
  test::expectRefused(test::runCli("guide " + ct + " --plane=0,0,200,0,0,1"), outputs, "guides.planes[0]", "does not cut the bone");
  // A plane with five numbers, and one with a zero normal.
  test::expectRefused(test::runCli("guide " + ct + " --plane=0,0,20,0,1"), outputs, "--plane", "expected 6");
  test::expectRefused(test::runCli("guide " + ct + " --plane=0,0,20,0,0,0"), outputs, "--plane", "is zero");
  // A patch too small to seat the guide.
  const Vector3d p1 = kP1, n1 = kN1;
  const std::string plane = " --plane=" + std::to_string(p1.x()) + "," + std::to_string(p1.y()) + "," + std::to_string(p1.z()) + "," +
                            std::to_string(n1.x()) + "," + std::to_string(n1.y()) + "," + std::to_string(n1.z());
  test::expectRefused(test::runCli("guide " + ct + plane + " --patch-radius-mm 7 --slot-length-mm 10"), outputs, "guides.planes[0]",
                      "at least 200 mm²");
  // A lesion map that lies outside the CT (the phantom's grid, moved 600 mm up), and one that is missing.
  Mask far = io::phantomLesionMask(io::PhantomOptions{}, kLesion, kLesionR);
  far.geometry.origin.z() += 600;
  io::writeMaskVolume(dir / "far.nii.gz", far);
  test::expectRefused(test::runCli("guide " + ct + plane + " --lesion " + (dir / "far.nii.gz").string()), outputs, "far.nii.gz",
                      "outside the CT's image");
  test::expectRefused(test::runCli("guide " + ct + plane + " --lesion " + (dir / "none.nii.gz").string()), outputs, "none.nii.gz",
                      "does not exist");
}
