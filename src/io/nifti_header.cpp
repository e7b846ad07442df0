#include "nifti_header.h"

#include <cmath>
#include <cstring>

#include "tantalus/core/error.h"

namespace tantalus::io::detail {

namespace {

const char* kFixHeader = "the NIfTI header is damaged: export the volume again (or from the original DICOM)";

// Little-endian or swapped reads at a byte offset.
template <class T>
T field(const std::string& b, std::size_t at, bool swap) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof(T));
  if (swap) {
    unsigned char* p = reinterpret_cast<unsigned char*>(&v);
    for (std::size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(p[i], p[sizeof(T) - 1 - i]);
  }
  return v;
}

std::string fieldName(const char* name, int i) { return std::string(name) + "[" + std::to_string(i) + "]"; }

}  // namespace

std::uint64_t NiftiHeader::voxels() const {
  std::uint64_t n = 1;
  for (int i = 1; i <= dim[0] && i < 8; ++i) n *= std::uint64_t(std::max<std::int64_t>(dim[std::size_t(i)], 0));
  return n;
}

int niftiBytesPerVoxel(int datatype) {
  switch (datatype) {
    case 2: case 256: return 1;           // uint8, int8
    case 4: case 512: return 2;           // int16, uint16
    case 8: case 768: case 16: return 4;  // int32, uint32, float32
    case 64: case 1024: case 1280: return 8;  // float64, int64, uint64
    default: return 0;                    // complex, RGB, unknown: not a CT
  }
}

NiftiHeader parseNiftiHeader(const std::string& b, const std::string& where) {
  if (b.size() < 4) throw Error("the file is too short to hold a NIfTI header", where, kFixHeader);
  NiftiHeader h;
  std::int32_t size = field<std::int32_t>(b, 0, false);
  if (size != 348 && size != 540) {
    size = field<std::int32_t>(b, 0, true);
    h.byteSwapped = true;
  }
  if (size != 348 && size != 540)
    throw Error("sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2): not a NIfTI file", where, kFixHeader);
  h.version = size == 348 ? 1 : 2;
  if (b.size() < h.headerBytes())
    throw Error("the NIfTI header is cut short (" + std::to_string(b.size()) + " of " +
                    std::to_string(h.headerBytes()) + " bytes): the file is truncated",
                where, "the file is damaged or incomplete: copy or export it again");
  const bool s = h.byteSwapped;
  if (h.version == 1) {
    for (int i = 0; i < 8; ++i) h.dim[std::size_t(i)] = field<std::int16_t>(b, 40 + 2 * std::size_t(i), s);
    h.datatype = field<std::int16_t>(b, 70, s);
    h.bitpix = field<std::int16_t>(b, 72, s);
    for (int i = 0; i < 8; ++i) h.pixdim[std::size_t(i)] = field<float>(b, 76 + 4 * std::size_t(i), s);
    h.voxOffset = field<float>(b, 108, s);
    h.sclSlope = field<float>(b, 112, s);
    h.sclInter = field<float>(b, 116, s);
    h.qformCode = field<std::int16_t>(b, 252, s);
    h.sformCode = field<std::int16_t>(b, 254, s);
    for (int i = 0; i < 3; ++i) h.quatern[std::size_t(i)] = field<float>(b, 256 + 4 * std::size_t(i), s);
    for (int i = 0; i < 3; ++i) h.qoffset[std::size_t(i)] = field<float>(b, 268 + 4 * std::size_t(i), s);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) h.srow[std::size_t(r)][std::size_t(c)] = field<float>(b, 280 + 16 * std::size_t(r) + 4 * std::size_t(c), s);
    h.magic = std::string(b.data() + 344, 4);
  } else {
    h.magic = std::string(b.data() + 4, 8);
    h.datatype = field<std::int16_t>(b, 12, s);
    h.bitpix = field<std::int16_t>(b, 14, s);
    for (int i = 0; i < 8; ++i) h.dim[std::size_t(i)] = field<std::int64_t>(b, 16 + 8 * std::size_t(i), s);
    for (int i = 0; i < 8; ++i) h.pixdim[std::size_t(i)] = field<double>(b, 104 + 8 * std::size_t(i), s);
    h.voxOffset = double(field<std::int64_t>(b, 168, s));
    h.sclSlope = field<double>(b, 176, s);
    h.sclInter = field<double>(b, 184, s);
    h.qformCode = field<std::int32_t>(b, 344, s);
    h.sformCode = field<std::int32_t>(b, 348, s);
    for (int i = 0; i < 3; ++i) h.quatern[std::size_t(i)] = field<double>(b, 352 + 8 * std::size_t(i), s);
    for (int i = 0; i < 3; ++i) h.qoffset[std::size_t(i)] = field<double>(b, 376 + 8 * std::size_t(i), s);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c) h.srow[std::size_t(r)][std::size_t(c)] = field<double>(b, 400 + 32 * std::size_t(r) + 8 * std::size_t(c), s);
  }
  return h;
}

void checkNiftiHeader(const NiftiHeader& h, const std::string& where) {
  auto fail = [&](const std::string& what, const std::string& hint = kFixHeader) { throw Error(what, where, hint); };
  const bool single = h.version == 1 ? h.magic == std::string("n+1\0", 4) : h.magic.compare(0, 4, std::string("n+2\0", 4)) == 0;
  const bool pair = h.version == 1 ? h.magic == std::string("ni1\0", 4) : h.magic.compare(0, 4, std::string("ni2\0", 4)) == 0;
  if (pair) fail("the header says the voxels are in a separate .img file (magic 'ni" + std::to_string(h.version) + "')",
                 "give the volume as a single .nii or .nii.gz file");
  if (!single) fail("the NIfTI magic string is missing (not 'n+1' or 'n+2')");
  if (h.dim[0] < 1 || h.dim[0] > 7) fail("dim[0] = " + std::to_string(h.dim[0]) + " is not a number of dimensions (1..7)");
  for (int i = 1; i <= h.dim[0]; ++i)
    if (h.dim[std::size_t(i)] < 1 || h.dim[std::size_t(i)] > (1 << 20))
      fail(fieldName("dim", i) + " = " + std::to_string(h.dim[std::size_t(i)]) + " is not a size of 1 to 1048576 voxels");
  const int bytes = niftiBytesPerVoxel(h.datatype);
  if (bytes == 0)
    fail("datatype " + std::to_string(h.datatype) + " is not a greyscale number type (colour, complex or unknown)",
         "give a greyscale CT volume in HU");
  if (h.bitpix != 8 * bytes)
    fail("bitpix " + std::to_string(h.bitpix) + " disagrees with datatype " + std::to_string(h.datatype) + " (" +
         std::to_string(8 * bytes) + " bits)");
  for (int i = 1; i <= std::min<std::int64_t>(h.dim[0], 3); ++i) {
    const double p = h.pixdim[std::size_t(i)];
    if (!std::isfinite(p) || p <= 0)
      fail(fieldName("pixdim", i) + " (voxel spacing) is " + (std::isnan(p) ? std::string("not a number") : std::to_string(p)) +
           ": a spacing must be a positive number of mm",
           "fix the header's pixdim (e.g. with the tool that wrote it) or export the volume again");
  }
  if (!std::isfinite(h.voxOffset) || h.voxOffset < double(h.headerBytes()) + 4 || h.voxOffset > 1e9)
    fail("vox_offset " + std::to_string(h.voxOffset) + " does not point past the header");
  if (!std::isfinite(h.sclSlope) || !std::isfinite(h.sclInter))
    fail("scl_slope or scl_inter (intensity scaling) is not a finite number");
  if (h.qformCode > 0) {
    for (double v : h.quatern)
      if (!std::isfinite(v)) fail("the qform quaternion (quatern_b/c/d) is not a finite number");
    for (double v : h.qoffset)
      if (!std::isfinite(v)) fail("the qform offset (qoffset_x/y/z) is not a finite number");
    const double n2 = h.quatern[0] * h.quatern[0] + h.quatern[1] * h.quatern[1] + h.quatern[2] * h.quatern[2];
    if (n2 > 1.0 + 1e-4) fail("the qform quaternion has length > 1: not a rotation");
  }
  if (h.sformCode > 0) {
    for (const auto& row : h.srow)
      for (double v : row)
        if (!std::isfinite(v)) fail("the sform (srow_x/y/z) holds a value that is not a finite number");
    const auto& m = h.srow;
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                       m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (!(std::abs(det) > 1e-12)) fail("the sform matrix is singular: voxels would have no extent");
  }
}

}  // namespace tantalus::io::detail
