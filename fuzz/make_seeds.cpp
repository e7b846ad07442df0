// Seed corpora for the fuzzers, made by the project's own phantom and writers:
//   make_seeds DIR   ->  DIR/{dicom_header,volume_file,case_file,stl_file}/...
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tantalus/core/case_file.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using namespace tantalus;

namespace {

std::string readAll(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void writeAll(const fs::path& f, const std::string& s) { std::ofstream(f, std::ios::binary) << s; }

void dicomSeeds(const fs::path& out, const fs::path& work) {
  io::PhantomOptions o;
  o.matrix = 64;
  o.pixelMm = 6.4;
  o.slices = 3;
  o.sliceMm = 20;
  int n = 0;
  for (const std::string ts : {"explicit", "implicit", "big-endian", "deflated", "rle", "jpeg-lossless"}) {
    o.transferSyntax = ts;
    o.photometric = ts == "rle" ? "MONOCHROME1" : "MONOCHROME2";
    const fs::path d = work / ("dicom-" + ts);
    io::writePhantom(d, o);
    const fs::path first = *fs::directory_iterator(d / "dicom");
    fs::copy_file(first, out / ("slice-" + ts + ".dcm"), fs::copy_options::overwrite_existing);
    ++n;
  }
  o.transferSyntax = "explicit";
  o.photometric = "MONOCHROME2";
  o.enhanced = true;
  io::writePhantom(work / "dicom-enhanced", o);
  fs::copy_file(work / "dicom-enhanced" / "dicom" / "ENHANCED.dcm", out / "enhanced.dcm", fs::copy_options::overwrite_existing);
}

void volumeSeeds(const fs::path& out, const fs::path& work) {
  CtVolume ct;
  ct.geometry.size = {6, 5, 4};
  ct.geometry.spacing = {0.8, 0.9, 1.5};
  ct.geometry.origin = {-10, 20, 30};
  ct.geometry.direction = Eigen::AngleAxisd(0.3, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  ct.hu.resize(ct.geometry.voxelCount());
  for (std::size_t i = 0; i < ct.hu.size(); ++i) ct.hu[i] = std::int16_t(int(i * 37 % 3000) - 1024);
  const std::pair<char, std::string> modes[] = {{0, "v.nii"}, {1, "v.nii.gz"}, {2, "v.nrrd"}, {3, "v.mha"}};
  for (const auto& [mode, name] : modes) {
    io::writeCtVolume(work / name, ct);
    writeAll(out / ("seed-" + name), std::string(1, mode) + readAll(work / name));
  }
  writeAll(out / "seed-w.nii.gz", std::string(1, 4) + readAll(work / "v.nii"));  // mode 4: gzipped by the target
  const std::string raw(reinterpret_cast<const char*>(ct.hu.data()), ct.hu.size() * 2);
  writeAll(out / "seed-hand.nrrd", std::string(1, 2) +
                                       "NRRD0004\ntype: short\ndimension: 3\nsizes: 6 5 4\nspace: left-posterior-superior\n"
                                       "space directions: (0.8,0,0) (0,0.9,0) (0,0,1.5)\nspace origin: (-10,20,30)\n"
                                       "endian: little\nencoding: raw\n\n" + raw);
}

void caseSeeds(const fs::path& out) {
  CaseFile c;
  c.inputPath = "/data/ct";
  writeAll(out / "default.json", toCaseJson(c));
  c.series = "2";
  c.segmentation.preset = "custom";
  c.segmentation.huMin = 300;
  c.segmentation.components = "seed";
  c.segmentation.seedLps = std::array<double, 3>{95, 10, 0};
  c.lattice.voxelUm = 50;
  c.notes = "revision, left";
  writeAll(out / "full.json", toCaseJson(c));
}

void stlSeeds(const fs::path& out) {
  Mesh m;
  m.vertices.resize(8, 3);
  for (int i = 0; i < 8; ++i) m.vertices.row(i) << float(i & 1), float((i >> 1) & 1), float((i >> 2) & 1);
  m.faces.resize(12, 3);
  m.faces << 0, 2, 1, 1, 2, 3, 4, 5, 6, 5, 7, 6, 0, 1, 4, 1, 5, 4, 2, 6, 3, 3, 6, 7, 0, 4, 2, 2, 4, 6, 1, 3, 5, 3, 7, 5;
  writeStl(out / "cube.stl", m, "fuzz seed");
  std::string ascii = "solid cube\n";
  for (int f = 0; f < 12; ++f) {
    ascii += "facet normal 0 0 0\nouter loop\n";
    for (int c = 0; c < 3; ++c) {
      const auto v = m.vertices.row(m.faces(f, c));
      ascii += "vertex " + std::to_string(v(0)) + " " + std::to_string(v(1)) + " " + std::to_string(v(2)) + "\n";
    }
    ascii += "endloop\nendfacet\n";
  }
  writeAll(out / "cube-ascii.stl", ascii + "endsolid cube\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_seeds DIR\n";
    return 2;
  }
  const fs::path root = argv[1], work = root / ".work";
  for (const char* t : {"dicom_header", "volume_file", "case_file", "stl_file"}) fs::create_directories(root / t);
  fs::create_directories(work);
  dicomSeeds(root / "dicom_header", work);
  volumeSeeds(root / "volume_file", work);
  caseSeeds(root / "case_file");
  stlSeeds(root / "stl_file");
  fs::remove_all(work);
  std::cout << "seeds written to " << root.string() << "\n";
  return 0;
}
