// Hardening, volume files (NIfTI, NRRD, MetaImage): damaged, absurd or hostile
// files get one error line naming the file and the fix, exit 2, and no output.
// One test per class of the hardening issue, each with the representative case
// and siblings.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>

#include "support/cli_expect.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace {

CtVolume smallCt() {
  CtVolume ct;
  ct.geometry.size = {24, 20, 12};
  ct.geometry.spacing = {0.8, 0.8, 1.5};
  ct.geometry.origin = {-10, 20, 30};
  ct.hu.resize(ct.geometry.voxelCount());
  for (std::size_t i = 0; i < ct.hu.size(); ++i) ct.hu[i] = std::int16_t(int(i * 37 % 3000) - 1024);
  return ct;
}

std::string readAll(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void writeAll(const fs::path& f, const std::string& s) { std::ofstream(f, std::ios::binary) << s; }

void gzipFile(const fs::path& from, const fs::path& to) {
  const std::string data = readAll(from);
  gzFile g = gzopen(to.c_str(), "wb");
  ASSERT_TRUE(g);
  ASSERT_EQ(gzwrite(g, data.data(), unsigned(data.size())), int(data.size()));
  gzclose(g);
}

// A .nii of smallCt() with a float field of the header replaced.
fs::path niftiWith(const fs::path& dir, const std::string& name, std::size_t offset, float value) {
  const fs::path f = dir / name;
  io::writeCtVolume(f, smallCt());
  std::string s = readAll(f);
  std::memcpy(s.data() + offset, &value, 4);
  writeAll(f, s);
  return f;
}

// A raw NRRD written by hand: `fields` replace the defaults by key.
fs::path nrrdWith(const fs::path& dir, const std::string& name, const std::string& extraLine, const std::string& spacings,
                  std::size_t cutData = 0) {
  const CtVolume ct = smallCt();
  std::string h = "NRRD0004\ntype: short\ndimension: 3\nsizes: 24 20 12\nspace: left-posterior-superior\n"
                  "space directions: " + spacings + "\nspace origin: (-10,20,30)\nendian: little\nencoding: raw\n" +
                  extraLine + "\n";
  std::string data(reinterpret_cast<const char*>(ct.hu.data()), ct.hu.size() * 2);
  data.resize(data.size() - cutData);
  const fs::path f = dir / name;
  writeAll(f, h + data);
  return f;
}

test::CliResult convert(const fs::path& in, const fs::path& out) {
  return test::runCli("convert " + in.string() + " -o " + out.string());
}

}  // namespace

TEST(HardeningVolumes, DamagedFilesAreRefusedNotZeroFilled) {
  const fs::path dir = test::scratchDir("hv-damaged");
  const fs::path out = dir / "out" / "ct.nii";
  fs::create_directories(out.parent_path());
  io::writeCtVolume(dir / "good.nii", smallCt());
  io::writeCtVolume(dir / "good.nii.gz", smallCt());
  io::writeCtVolume(dir / "good.mha", smallCt());
  ASSERT_EQ(convert(dir / "good.nii.gz", out).exitCode, 0);
  fs::remove(out);
  const std::string gz = readAll(dir / "good.nii.gz");
  // The representative case: a .nii.gz cut inside its (compressed) header.
  writeAll(dir / "cut-header.nii.gz", gz.substr(0, 60));
  test::expectRefused(convert(dir / "cut-header.nii.gz", out), {out}, "cut-header.nii.gz", "truncated");
  // Cut inside the voxels, and a bad gzip checksum (CRC32 is the trailer's first 4 bytes).
  writeAll(dir / "cut-data.nii.gz", gz.substr(0, gz.size() * 2 / 3));
  test::expectRefused(convert(dir / "cut-data.nii.gz", out), {out}, "cut-data.nii.gz", "truncated");
  std::string bad = gz;
  bad[bad.size() - 8] = char(bad[bad.size() - 8] ^ 0x5a);
  writeAll(dir / "bad-crc.nii.gz", bad);
  test::expectRefused(convert(dir / "bad-crc.nii.gz", out), {out}, "bad-crc.nii.gz", "corrupt");
  // Uncompressed .nii, compressed .mha and raw .nrrd, each cut short.
  const std::string nii = readAll(dir / "good.nii");
  writeAll(dir / "cut.nii", nii.substr(0, nii.size() - 100));
  test::expectRefused(convert(dir / "cut.nii", out), {out}, "cut.nii", "truncated");
  const std::string mha = readAll(dir / "good.mha");
  writeAll(dir / "cut.mha", mha.substr(0, mha.size() - 40));
  test::expectRefused(convert(dir / "cut.mha", out), {out}, "cut.mha", "truncated");
  const fs::path nrrd = nrrdWith(dir, "cut.nrrd", "", "(0.8,0,0) (0,0.8,0) (0,0,1.5)", 10);
  test::expectRefused(convert(nrrd, out), {out}, "cut.nrrd", "truncated");
  // And segment, not only convert.
  const fs::path segOut = dir / "seg";
  test::expectRefused(test::runCli("segment " + (dir / "cut-data.nii.gz").string() + " -o " + segOut.string()), {segOut},
                      "cut-data.nii.gz", "truncated");
}

TEST(HardeningVolumes, ZeroNanOrInfiniteSpacingIsRefusedNotTakenAsOneMillimetre) {
  const fs::path dir = test::scratchDir("hv-spacing");
  const fs::path out = dir / "out.nii";
  // NIfTI pixdim[1] is the float at byte 80.
  for (const auto& [name, v] : std::vector<std::pair<std::string, float>>{
           {"nan.nii", std::nanf("")}, {"zero.nii", 0.0f}, {"inf.nii", INFINITY}, {"negative.nii", -0.8f}})
    test::expectRefused(convert(niftiWith(dir, name, 80, v), out), {out}, name, "pixdim[1] (voxel spacing)");
  // Compressed too.
  gzipFile(niftiWith(dir, "nan2.nii", 84, std::nanf("")), dir / "nan2.nii.gz");
  test::expectRefused(convert(dir / "nan2.nii.gz", out), {out}, "nan2.nii.gz", "pixdim[2]");
  // NRRD: a NaN or zero space direction, a NaN spacing.
  test::expectRefused(convert(nrrdWith(dir, "nan.nrrd", "", "(nan,0,0) (0,0.8,0) (0,0,1.5)"), out), {out}, "nan.nrrd",
                      "space directions");
  test::expectRefused(convert(nrrdWith(dir, "zero.nrrd", "", "(0,0,0) (0,0.8,0) (0,0,1.5)"), out), {out}, "zero.nrrd",
                      "space directions");
  std::string h = readAll(nrrdWith(dir, "sp.nrrd", "", "(0.8,0,0) (0,0.8,0) (0,0,1.5)"));
  h.replace(h.find("space directions: (0.8,0,0) (0,0.8,0) (0,0,1.5)\n"), 48, "spacings: nan 0.8 1.5\n");
  writeAll(dir / "sp.nrrd", h);
  test::expectRefused(convert(dir / "sp.nrrd", out), {out}, "sp.nrrd", "spacings");
}

TEST(HardeningVolumes, AbsurdSpacingOrScaleIsAnErrorNotAnInternalOne) {
  const fs::path dir = test::scratchDir("hv-absurd");
  const fs::path out = dir / "out.nii";
  // pixdim 1e-30 (was exit 3) and 1e30.
  test::expectRefused(convert(niftiWith(dir, "tiny.nii", 80, 1e-30f), out), {out}, "tiny.nii", "voxel spacing");
  test::expectRefused(convert(niftiWith(dir, "huge.nii", 80, 1e30f), out), {out}, "huge.nii", "voxel spacing");
  // scl_slope (byte 112) that overflows int16 HU: refused, not clamped to metal.
  const fs::path slope = niftiWith(dir, "slope.nii", 112, 1e6f);
  const auto r = convert(slope, out);
  test::expectRefused(r, {out}, "slope.nii", "outside the HU range");
  EXPECT_NE(test::errorLine(r).find("scale slope"), std::string::npos) << r.err;
}

TEST(HardeningVolumes, NanTransformsAndOverlongHeaderLinesAreRefusedBeforeTheLibraryCrashes) {
  const fs::path dir = test::scratchDir("hv-crash");
  const fs::path out = dir / "out.nii";
  // sform srow_x[0] (byte 280) NaN: niftilib aborted.
  const auto sform = convert(niftiWith(dir, "sform.nii", 280, std::nanf("")), out);
  test::expectRefused(sform, {out}, "sform.nii", "sform");
  // qform quaternion NaN.
  test::expectRefused(convert(niftiWith(dir, "qform.nii", 256, std::nanf("")), out), {out}, "qform.nii", "quaternion");
  // A NRRD with a 100 kB header line: teem overflowed a buffer.
  const fs::path longLine = nrrdWith(dir, "long.nrrd", "content: " + std::string(100000, 'x'), "(0.8,0,0) (0,0.8,0) (0,0,1.5)");
  test::expectRefused(convert(longLine, out), {out}, "long.nrrd", "longer than 4096 bytes");
  // A key/value line as long, and a header without end.
  const fs::path kv = nrrdWith(dir, "kv.nrrd", "note:=" + std::string(20000, 'y'), "(0.8,0,0) (0,0.8,0) (0,0,1.5)");
  test::expectRefused(convert(kv, out), {out}, "kv.nrrd", "longer than 4096 bytes");
  EXPECT_NE(sform.exitCode, 134);
}

TEST(HardeningVolumes, ValidFilesStillReadExactly) {
  const fs::path dir = test::scratchDir("hv-valid");
  const CtVolume ct = smallCt();
  for (const std::string name : {"a.nii", "a.nii.gz", "a.nrrd", "a.mha"}) {
    io::writeCtVolume(dir / name, ct);
    const io::ImportResult r = io::importCt(dir / name);
    EXPECT_EQ(r.volume.hu, ct.hu) << name;
    EXPECT_TRUE(r.volume.geometry.sameGrid(ct.geometry, 1e-4)) << name;
  }
  // A hand-written raw NRRD (teem's own layout) reads to the same voxels.
  const io::ImportResult r = io::importCt(nrrdWith(dir, "hand.nrrd", "", "(0.8,0,0) (0,0.8,0) (0,0,1.5)"));
  EXPECT_EQ(r.volume.hu, ct.hu);
  EXPECT_NEAR(r.volume.geometry.spacing.z(), 1.5, 1e-9);
}
