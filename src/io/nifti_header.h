#pragma once
// NIfTI-1 and NIfTI-2 headers (nifti1.h / nifti2.h of the NIfTI DFWG), parsed and
// checked by the project itself before ITK's niftilib sees the file: niftilib
// takes a zero or NaN pixdim as 1 mm and aborts on a NaN sform. Private to io.
#include <array>
#include <cstdint>
#include <string>

namespace tantalus::io::detail {

struct NiftiHeader {
  int version = 1;                  // 1: 348-byte header, 2: 540-byte header
  bool byteSwapped = false;         // written on a machine of the other byte order
  std::array<std::int64_t, 8> dim{};
  std::array<double, 8> pixdim{};
  int datatype = 0, bitpix = 0;
  double voxOffset = 0, sclSlope = 0, sclInter = 0;
  int qformCode = 0, sformCode = 0;
  std::array<double, 3> quatern{}, qoffset{};
  std::array<std::array<double, 4>, 3> srow{};
  std::string magic;

  std::size_t headerBytes() const { return version == 1 ? 348 : 540; }
  std::uint64_t voxels() const;     // product of dim[1..dim[0]]
  std::uint64_t dataBytes() const { return voxels() * std::uint64_t(bitpix / 8); }
};

// Parses the first bytes of a (decompressed) NIfTI file; throws an Error naming
// `where` and the field when the header is incomplete or not NIfTI.
NiftiHeader parseNiftiHeader(const std::string& bytes, const std::string& where);
// Everything the reader relies on: dimensions, a known data type, finite positive
// pixdim, finite scaling and transforms, a voxel offset inside the file.
void checkNiftiHeader(const NiftiHeader& h, const std::string& where);

// Bytes per voxel of a NIfTI datatype code, 0 when unknown or not greyscale.
int niftiBytesPerVoxel(int datatype);

}  // namespace tantalus::io::detail
