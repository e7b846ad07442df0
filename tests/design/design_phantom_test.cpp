// The design step on phantoms with known answers (two poses and sides): the seat's
// centre and diameter against the plan and the liner, the augment's contact with the
// host bone, the screws in bone, both bodies single closed shells by admesh, the
// machined body inside the print body, no trapped powder, the same geometry from a
// saved case, and bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/admesh_check.h"
#include "support/cli_expect.h"
#include "support/phantom_cache.h"
#include "support/png_read.h"
#include "support/test_support.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/core/trilinear.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/machining/primitives.h"
#include "tantalus/pipeline/case_setup.h"
#include "tantalus/pipeline/pipeline.h"
#include "tantalus/plan/sphere_fit.h"

namespace fs = std::filesystem;
using namespace tantalus;
using nlohmann::json;

namespace {

json readJson(const fs::path& p) { return json::parse(std::ifstream(p)); }

io::PhantomOptions rotatedRight() {
  io::PhantomOptions o;
  o.swapSides = true;
  o.poseDeg = Eigen::Vector3d(4, -3, 6);
  o.poseShiftMm = Eigen::Vector3d(12, -8, 15);
  return o;
}

struct Designed {
  fs::path out;
  json design, report;
};

Designed runDesign(const std::string& name, const io::PhantomOptions& o, const std::function<void(CaseFile&)>& edit = {}) {
  const fs::path ph = test::cachedPhantom(name, o);
  Designed d;
  d.out = test::scratchDir("design-" + name) / "out";
  CaseFile c = pipeline::newCase(ph / "dicom");
  if (edit) edit(c);
  pipeline::Pipeline(c, {}, d.out).run("design", Progress::none());
  d.design = readJson(d.out / "design.json");
  d.report = readJson(d.out / "report.json");
  return d;
}

Eigen::Vector3d vec(const json& a) { return Eigen::Vector3d(a[0].get<double>(), a[1].get<double>(), a[2].get<double>()); }

// The seat refitted here from the machined STL: vertices at the seat's radius from the
// planned centre, well below the rim.
plan::SphereFit seatFit(const Mesh& machined, const Eigen::Vector3d& centre, const Eigen::Vector3d& axis, double radius) {
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index i = 0; i < machined.vertices.rows(); ++i) {
    const Eigen::Vector3d p = machined.vertices.row(i).cast<double>().transpose();
    if (std::abs((p - centre).norm() - radius) < 0.3 && (p - centre).dot(axis) < -8.0) pts.push_back(p);
  }
  return plan::fitSphereRobust(pts, 0.1);
}

void expectGoodDesign(const Designed& d, const std::string& side) {
  SCOPED_TRACE(d.out.string());
  const json& m = d.design.at("measured");
  const Eigen::Vector3d cor = vec(d.report.at("planned_cup").at("centre_lps"));
  const Eigen::Vector3d axis = vec(d.design.at("cup").at("axis_lps"));
  EXPECT_EQ(d.report.at("affected_side").get<std::string>(), side);
  // Both bodies: one closed shell each, by admesh and by our own check; no trapped powder.
  for (const char* f : {"implant_print.stl", "implant_machined.stl"}) {
    test::expectAdmeshClean(d.out / f);
    const check::MeshCheck c = check::checkMesh(readStl(d.out / f), f, {});
    EXPECT_TRUE(c.shells.voidVolumesMm3.empty()) << f;
    EXPECT_EQ(c.shells.bodyVolumesMm3.size(), 1u) << f;
    EXPECT_EQ(c.selfIntersections.value_or(1), 0u) << f;
  }
  // Machined inside printed, and the print body carries the stock.
  const Mesh print = readStl(d.out / "implant_print.stl"), machined = readStl(d.out / "implant_machined.stl");
  EXPECT_EQ(check::containment(machined, print, 1e-3).verticesOutside, 0u);
  EXPECT_GT(signedVolume(print) - signedVolume(machined), 0.0);
  // The seat: centre on the plan's centre of rotation, the liner profile's diameter.
  const double seat = d.design.at("liner").at("seat_diameter_mm").get<double>();
  const plan::SphereFit fit = seatFit(weldVertices(machined), cor, axis, 0.5 * seat);
  ASSERT_TRUE(fit.valid());
  EXPECT_LT((fit.centre - cor).norm(), 0.5);
  EXPECT_NEAR(2 * fit.radiusMm, seat, 0.02);
  EXPECT_NEAR(m.at("seat_diameter_mm").get<double>(), seat, 0.02);
  EXPECT_NEAR(m.at("liner_fit_mm").get<double>(), d.design.at("liner").at("clearance_mm").get<double>(), 0.02);
  // The augment meets the host bone where the defect was.
  EXPECT_GT(m.at("contact_samples").get<int>(), 1000);
  EXPECT_GE(m.at("contact_within_0_5_mm").get<double>(), 0.90);
  // design.html: four pictures; the seat seen from the joint is the implant's steel blue at
  // its centre (the seat's pole), the anterior view shows it among the bone.
  std::ifstream html(d.out / "design.html");
  const std::string page((std::istreambuf_iterator<char>(html)), {});
  const auto pictures = test::embeddedPngs(page);
  ASSERT_EQ(pictures.size(), 4u);
  const render::Rgb pole = pictures[3].at(pictures[3].width / 2, pictures[3].height / 2);
  EXPECT_GT(int(pole.b), int(pole.r) + 20) << int(pole.r) << "," << int(pole.g) << "," << int(pole.b);
  int bluish = 0;
  for (int y = 0; y < pictures[0].height; ++y)
    for (int x = 0; x < pictures[0].width; ++x) {
      const render::Rgb c = pictures[0].at(x, y);
      bluish += c.b > c.r + 30 && c.b > 90;
    }
  EXPECT_GT(bluish, 500) << "the implant is not in the anterior view";
  EXPECT_NE(page.find("Section through the seat"), std::string::npos);
  // Every screw: 20 mm or more in host bone, and in bone along that length, sampled
  // here on the host-bone mask the segment step wrote.
  const CtVolume bone = io::importCt(d.out / "bone_mask.nii.gz").volume;
  ASSERT_FALSE(d.design.at("screws").empty());
  for (const auto& s : d.design.at("screws")) {
    EXPECT_GE(s.at("in_bone_mm").get<double>(), 20.0) << s.dump();
    const Eigen::Vector3d a = vec(s.at("seat_point_lps")), u = vec(s.at("direction_lps"));
    const double from = s.at("in_implant_mm").get<double>() + 0.5, to = s.at("length_mm").get<double>();
    int in = 0, all = 0;
    for (double t = from; t <= to; t += 0.25, ++all) in += sampleTrilinear(bone.geometry, bone.hu, a + t * u) >= 0.5;
    EXPECT_GE(double(in) / all, 0.95) << "screw " << s.at("number") << ": " << in << " of " << all << " samples in bone";
  }
}

}  // namespace

TEST(DesignPhantom, LeftHipAsScannedMeetsTheMustShows) {
  expectGoodDesign(runDesign("design-default", {}), "left");
}

TEST(DesignPhantom, RightHipRotatedAndShiftedMeetsTheMustShows) {
  expectGoodDesign(runDesign("design-right", rotatedRight()), "right");
}

namespace {
std::string fileBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
const char* kDesignOutputs[] = {"implant_print.stl", "implant_machined.stl", "liner_seat.stl", "screws.stl", "screws.json",
                                "design.json"};
}  // namespace

TEST(DesignCli, ASavedCaseReproducesTheSameGeometry) {
  const fs::path ph = test::cachedPhantom("design-default", {});
  const fs::path dir = test::scratchDir("design-repro");
  const auto first = test::runCli("design " + (ph / "dicom").string() + " -o " + (dir / "a").string() +
                                  " --cup-mm 66 --liner illustrative-36-56");
  ASSERT_EQ(first.exitCode, 0) << first.err;
  // The liner 36/56 in a 66 mm cup: the profile's seat, measured.
  const json d = readJson(dir / "a" / "design.json");
  EXPECT_NEAR(d.at("measured").at("seat_diameter_mm").get<double>(), 56.05, 0.02);
  const auto again = test::runCli("design " + (dir / "a" / "case.tantalus.json").string() + " -o " + (dir / "b").string());
  ASSERT_EQ(again.exitCode, 0) << again.err;
  for (const char* f : kDesignOutputs) EXPECT_TRUE(fileBytes(dir / "a" / f) == fileBytes(dir / "b" / f)) << f << " differs";
}

TEST(DesignCli, BadInputIsRefusedOrWarnedAndNoDesignFileIsWritten) {
  const fs::path ph = test::cachedPhantom("design-default", {});
  const fs::path dir = test::scratchDir("design-bad");
  // The 36/56 liner does not fit the planned 56 mm cup.
  const auto small = test::runCli("design " + (ph / "dicom").string() + " -o " + (dir / "small").string() +
                                  " --liner illustrative-36-56");
  EXPECT_EQ(small.exitCode, 2);
  const std::string line = test::errorLine(small);
  EXPECT_NE(line.find("too small for the illustrative-36-56 liner"), std::string::npos) << line;
  EXPECT_NE(line.find("--cup-mm 66"), std::string::npos) << line;
  for (const char* f : kDesignOutputs) EXPECT_FALSE(fs::exists(dir / "small" / f)) << f;
  // An augment envelope that is not closed.
  Mesh open = machining::boxMesh(Eigen::Vector3d(0, 0, 0), Eigen::Vector3d(100, 100, 100));
  open.faces.conservativeResize(open.faces.rows() - 1, 3);
  writeStl(dir / "envelope.stl", open, "open envelope");
  CaseFile c = pipeline::newCase(ph / "dicom");
  c.design.augmentEnvelope = (dir / "envelope.stl").string();
  saveCaseFile(dir / "open.tantalus.json", c);
  const auto env = test::runCli("design " + (dir / "open.tantalus.json").string() + " -o " + (dir / "env").string());
  EXPECT_EQ(env.exitCode, 2);
  EXPECT_NE(test::errorLine(env).find("augment envelope is not closed"), std::string::npos) << env.err;
  EXPECT_NE(test::errorLine(env).find("envelope.stl"), std::string::npos) << env.err;
  for (const char* f : kDesignOutputs) EXPECT_FALSE(fs::exists(dir / "env" / f)) << f;
  // No screws where a large augment needs fixation: designed, with the warning.
  const auto none = test::runCli("design " + (ph / "dicom").string() + " -o " + (dir / "none").string() + " --screws 0");
  EXPECT_EQ(none.exitCode, 0) << none.err;
  EXPECT_NE(none.err.find("no screws fix a cup with a"), std::string::npos) << none.err;
  EXPECT_TRUE(readJson(dir / "none" / "design.json").at("screws").empty());
}

// design.flange_mm: a 3 mm flange up the ilium above the cup, on the rotated right hip.
// It lies on the bone (its inner face within 0.5 mm, no part further than its thickness),
// is above the cup and lateral, and the body stays one closed shell.
TEST(DesignPhantom, AFlangeLiesOnTheIliumAboveTheCupInOneBody) {
  const Designed plain = runDesign("right-flange", rotatedRight());
  const double plainMl = signedVolume(readStl(plain.out / "implant_print.stl")) / 1000;  // the same folder is re-run below
  const Designed d = runDesign("right-flange", rotatedRight(), [](CaseFile& cf) { cf.design.flangeMm = 3; });
  SCOPED_TRACE(d.out.string());
  ASSERT_FALSE(d.design.at("flange").is_null());
  const double flangeMl = d.design.at("flange").at("volume_ml").get<double>();
  // 25 mm wide, up to 40 mm up the bone, 3 mm thick: a few millilitres.
  EXPECT_GT(flangeMl, 1.0);
  EXPECT_LT(flangeMl, 6.0);
  EXPECT_TRUE(plain.design.at("flange").is_null());
  for (const char* f : {"implant_print.stl", "implant_machined.stl"}) test::expectAdmeshClean(d.out / f);
  const Mesh print = readStl(d.out / "implant_print.stl"), machined = readStl(d.out / "implant_machined.stl");
  EXPECT_EQ(check::containment(machined, print, 1e-3).verticesOutside, 0u);
  EXPECT_NEAR(signedVolume(print) / 1000 - plainMl, flangeMl, 0.5);
  // Past the augment's reach only the flange is left: its vertices against the bone.
  const Eigen::Vector3d c = vec(d.design.at("cup").at("centre_lps"));
  const double beyond = 0.5 * d.design.at("cup").at("outer_diameter_mm").get<double>() +
                        d.design.at("augment").at("reach_mm").get<double>() + 1.0;
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index i = 0; i < print.vertices.rows(); ++i) {
    const Eigen::Vector3d p = print.vertices.row(i).cast<double>().transpose();
    if ((p - c).norm() > beyond) pts.push_back(p);
  }
  ASSERT_GT(pts.size(), 100u);
  const std::vector<double> dist = check::distancesToSurface(readStl(d.out / "bone.stl"), pts);
  std::size_t onBone = 0, outerFace = 0, tooFar = 0, below = 0, medial = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    onBone += dist[i] <= 0.5;
    outerFace += dist[i] >= 2.0;
    tooFar += dist[i] > 3.0 + 0.75;
    below += pts[i].z() < c.z();
    medial += pts[i].x() > c.x();  // the right hip: lateral is -x in LPS
  }
  test::recordFigure("flange_ml", flangeMl, "mL");
  test::recordFigure("flange_vertices_within_0_5_mm_of_bone", double(onBone) / double(pts.size()));
  test::recordFigure("flange_vertices_2_mm_or_more_off_bone", double(outerFace) / double(pts.size()));
  EXPECT_EQ(tooFar, 0u);
  EXPECT_GT(double(onBone), 0.25 * double(pts.size()));
  EXPECT_GT(double(outerFace), 0.25 * double(pts.size()));
  EXPECT_EQ(below, 0u);
  EXPECT_EQ(medial, 0u);
  EXPECT_GE(d.design.at("measured").at("contact_within_0_5_mm").get<double>(), 0.90);
}

TEST(DesignPhantom, PressFitPastTheEquatorInsideAnEnvelope) {
  // The rotated right hip, a 0.2 mm press-fit, the shell 10° past the equator and the
  // augment kept inside a closed box that cuts part of it off.
  const fs::path ph = test::cachedPhantom("design-right", rotatedRight());
  const fs::path dir = test::scratchDir("design-variants");
  const Designed plain = runDesign("design-right", rotatedRight());
  const Eigen::Vector3d c = vec(plain.design.at("cup").at("centre_lps"));
  writeStl(dir / "box.stl", machining::boxMesh(c - Eigen::Vector3d(60, 60, 60), c + Eigen::Vector3d(60, 60, 12)), "envelope");
  const Designed d = runDesign("design-right", rotatedRight(), [&](CaseFile& cf) {
    cf.design.boneClearanceMm = -0.2;
    cf.design.beyondEquatorDeg = 10;
    cf.design.augmentEnvelope = (dir / "box.stl").string();
  });
  SCOPED_TRACE(d.out.string());
  for (const char* f : {"implant_print.stl", "implant_machined.stl"}) test::expectAdmeshClean(d.out / f);
  const json& m = d.design.at("measured");
  EXPECT_NEAR(m.at("seat_diameter_mm").get<double>(), d.design.at("liner").at("seat_diameter_mm").get<double>(), 0.02);
  EXPECT_LT(m.at("seat_centre_from_plan_mm").get<double>(), 0.5);
  EXPECT_GT(d.design.at("cup").at("rim_above_centre_mm").get<double>(), 4.0);
  // Nothing of the augment above the box's top (12 mm above the centre in z): what lies
  // above it is the cup's own sphere.
  const Mesh print = readStl(d.out / "implant_print.stl");
  const double outer = 0.5 * d.design.at("cup").at("outer_diameter_mm").get<double>();
  int outside = 0, above = 0;
  for (Eigen::Index i = 0; i < print.vertices.rows(); ++i) {
    const Eigen::Vector3d p = print.vertices.row(i).cast<double>().transpose();
    if (p.z() <= c.z() + 12.5) continue;
    ++above;
    outside += (p - c).norm() > outer + 0.5;
  }
  EXPECT_GT(above, 0);
  EXPECT_EQ(outside, 0);
  EXPECT_LT(d.design.at("augment").at("volume_ml").get<double>(), plain.design.at("augment").at("volume_ml").get<double>());
  // A press-fit reaches into the bone: the contact stays within 0.5 mm.
  EXPECT_GE(m.at("contact_within_0_5_mm").get<double>(), 0.90);
}

TEST(DesignCli, DemoRunsThePhantomThroughPlanDesignAndCheck) {
  const fs::path dir = test::scratchDir("design-demo");
  const auto r = test::runCli("demo -o " + dir.string());
  ASSERT_EQ(r.exitCode, 0) << r.err << r.out;
  EXPECT_TRUE(fs::exists(dir / "phantom" / "truth.json"));
  for (const char* f : {"report.html", "design.html", "implant_print.stl", "implant_machined.stl", "screws.json"})
    EXPECT_TRUE(fs::exists(dir / "run" / f)) << f;
  for (const char* f : {"check_print.json", "check_machined.json"}) {
    const json c = readJson(dir / "run" / f);
    EXPECT_TRUE(c.at("printable").get<bool>()) << f << ": " << c.at("problems").dump();
    EXPECT_TRUE(c.at("enclosed_voids_mm3").empty()) << f;
    EXPECT_EQ(c.at("bodies_mm3").size(), 1u) << f;
  }
  EXPECT_NE(r.out.find("printable: yes"), std::string::npos) << r.out;
  // Again with a change to the plan only: segment is reused (read back from its files) and
  // the design still measures the augment's contact on the bone's surface.
  const auto again = test::runCli("design " + (dir / "phantom" / "dicom").string() + " -o " + (dir / "run").string() + " --screws 7");
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.err.find("segment: up to date"), std::string::npos) << again.err;
  const json m = readJson(dir / "run" / "design.json").at("measured");
  EXPECT_GT(m.at("contact_samples").get<int>(), 1000);
  EXPECT_GE(m.at("contact_within_0_5_mm").get<double>(), 0.90);
}

// design.porous_fill "lattice" (experimental): the porous layer filled with the
// rhombic-dodecahedral lattice and united with the exact solid, streamed to STL. The
// layer's porosity as measured on the build's voxels is the lattice's 80 %, the lattice
// is one body grown from the solid, the seat is unchanged on the united machined body,
// and what the read-back finds is reported.
TEST(DesignPhantom, LatticeFillOfThePorousLayerMeasuresItsPorosity) {
  const Designed d = runDesign("left-lattice", {}, [](CaseFile& c) { c.design.porousFill = "lattice"; });
  SCOPED_TRACE(d.out.string());
  const json& layer = d.design.at("porous_layer");
  ASSERT_EQ(layer.at("fill").get<std::string>(), "lattice");
  for (const char* body : {"print_body", "machined_body"}) {
    const json& b = layer.at(body);
    EXPECT_NEAR(b.at("porosity_measured").get<double>(), 0.80, 0.01) << body;
    EXPECT_EQ(b.at("lattice_bodies").get<int>(), 1) << body;
    // The layer: 2 mm under the cup's and augment's outer surface, over 10 mL here.
    EXPECT_GT(b.at("porous_layer_ml").get<double>(), 10.0) << body;
    EXPECT_NEAR(b.at("porous_layer_ml").get<double>(), layer.at("design_voxels_ml").get<double>(),
                0.1 * layer.at("design_voxels_ml").get<double>());
    const fs::path stl = d.out / (std::string("implant_") + (std::string(body) == "print_body" ? "print" : "machined") + ".stl");
    EXPECT_EQ(fs::file_size(stl), 84 + 50 * b.at("triangles").get<std::uint64_t>()) << body;
    EXPECT_GT(b.at("triangles").get<std::uint64_t>(), 5000000u) << body;  // struts at print resolution
    // Read back as a printer's software sees it: one closed shell. The pockets the voxels
    // sealed in crevices were filled (there are hundreds on this implant, each a few
    // voxels) and the debris taken out is a handful of sub-pore pieces.
    const json& rb = b.at("read_back");
    EXPECT_TRUE(rb.at("closed_single_shell").get<bool>()) << body << ": " << rb.dump();
    EXPECT_EQ(rb.at("open_edges").get<int>(), 0) << body;
    EXPECT_EQ(rb.at("pieces").get<int>(), 1) << body;
    EXPECT_LT(rb.at("debris_pieces_removed").get<int>(), 50) << body;
    EXPECT_LT(rb.at("largest_debris_mm").get<double>(), 0.6) << body;
    EXPECT_GT(b.at("sub_voxel_pockets_filled").get<int>(), 0) << body;
    EXPECT_LT(b.at("sub_voxel_pocket_voxels").get<double>(),
              1e-4 * b.at("porous_layer_ml").get<double>() * 1000 / std::pow(layer.at("voxel_mm").get<double>(), 3)) << body;
    // The porous surface (what a coating must cover): struts of diameter d have 4/d of
    // surface per volume; nodes overlap (less), the solid's face under the layer adds.
    const double strutsMm2 = 4.0 / layer.at("strut_mm").get<double>() * b.at("lattice_solid_ml").get<double>() * 1000;
    EXPECT_GT(b.at("porous_surface_mm2").get<double>(), 0.6 * strutsMm2) << body;
    EXPECT_LT(b.at("porous_surface_mm2").get<double>(), 1.4 * strutsMm2) << body;
    EXPECT_LT(b.at("porous_surface_mm2").get<double>(), b.at("surface_mm2").get<double>()) << body;
    // And by the independent checker.
    test::expectAdmeshClean(stl);
  }
  // The same lattice in both bodies; the machined one has less titanium (the stock cut).
  const json& pb = layer.at("print_body");
  const json& mb = layer.at("machined_body");
  EXPECT_DOUBLE_EQ(pb.at("porosity_measured").get<double>(), mb.at("porosity_measured").get<double>());
  EXPECT_DOUBLE_EQ(pb.at("porous_layer_ml").get<double>(), mb.at("porous_layer_ml").get<double>());
  EXPECT_GT(pb.at("titanium_ml").get<double>(), mb.at("titanium_ml").get<double>() + 0.5);
  // Beside the STL, the print body as a 3MF beam lattice: the exact solid's triangles and
  // the porous zone's struts as beams, read back by lib3mf without a warning. The beams'
  // volume (pi r^2 L, nodes overlapping, ends reaching into the solid) is near the
  // lattice's measured titanium; the file is a small fraction of the STL.
  {
    const json& b = layer.at("print_body");
    const json& info = b.at("beam_3mf");
    const lattice::Beam3mfContents c = lattice::readBeamLattice3mf(d.out / "implant_print.3mf");
    EXPECT_EQ(c.readerWarnings, 0u);
    EXPECT_TRUE(c.clippedInside) << "struts would stand out of the bone-facing surface by their caps";
    EXPECT_EQ(c.lattice.beams.size(), info.at("beams").get<std::size_t>());
    EXPECT_EQ(c.triangles, info.at("solid_triangles").get<std::uint64_t>());
    EXPECT_GT(c.lattice.beams.size(), 10000u);
    double mm3 = 0;
    for (const auto& beam : c.lattice.beams)
      mm3 += M_PI * beam.radiusA * beam.radiusB * (c.lattice.nodes[beam.a] - c.lattice.nodes[beam.b]).norm();
    const double latticeMm3 = b.at("lattice_solid_ml").get<double>() * 1000;
    EXPECT_GT(mm3, 0.7 * latticeMm3);
    EXPECT_LT(mm3, 1.6 * latticeMm3);
    EXPECT_LT(fs::file_size(d.out / "implant_print.3mf"), b.at("stl_bytes").get<std::uint64_t>() / 50);
  }
  // The united machined body carries the exact seat: refitted from its vertices.
  const Eigen::Vector3d cor = vec(d.report.at("planned_cup").at("centre_lps"));
  const Eigen::Vector3d axis = vec(d.design.at("cup").at("axis_lps"));
  const double seat = d.design.at("liner").at("seat_diameter_mm").get<double>();
  const plan::SphereFit fit = seatFit(readStl(d.out / "implant_machined.stl"), cor, axis, 0.5 * seat);
  ASSERT_TRUE(fit.valid());
  EXPECT_LT((fit.centre - cor).norm(), 0.5);
  EXPECT_NEAR(2 * fit.radiusMm, seat, 0.02);
}
