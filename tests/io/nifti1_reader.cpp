#include "nifti1_reader.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace tantalus::test {

Nifti1 readNifti1(const std::filesystem::path& file) {
  // zlib reads .nii.gz and passes plain .nii through.
  gzFile in = gzopen(file.c_str(), "rb");
  if (!in) throw std::runtime_error("cannot open " + file.string());
  struct Close {
    gzFile f;
    ~Close() { gzclose(f); }
  } close{in};
  char h[348];
  if (gzread(in, h, 348) != 348) throw std::runtime_error("short NIfTI header");
  std::int32_t sizeofHdr;
  std::memcpy(&sizeofHdr, h, 4);
  if (sizeofHdr != 348) throw std::runtime_error("not a little-endian NIfTI-1 file");
  std::int16_t dim[8], datatype;
  std::memcpy(dim, h + 40, 16);
  std::memcpy(&datatype, h + 70, 2);
  float voxOffset, slope, inter, srow[12];
  std::memcpy(&voxOffset, h + 108, 4);
  std::memcpy(&slope, h + 112, 4);
  std::memcpy(&inter, h + 116, 4);
  std::memcpy(srow, h + 280, 48);
  Nifti1 n;
  n.dim = {dim[1], dim[2], dim[3]};
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) n.sformRas(r, c) = srow[r * 4 + c];
  if (slope == 0) slope = 1;
  const std::size_t count = std::size_t(n.dim[0]) * n.dim[1] * n.dim[2];
  if (gzseek(in, z_off_t(voxOffset), SEEK_SET) < 0) throw std::runtime_error("cannot seek to the voxels");
  n.values.resize(count);
  auto readAs = [&](auto sample) {
    using T = decltype(sample);
    std::vector<T> raw(count);
    if (gzread(in, raw.data(), unsigned(count * sizeof(T))) != int(count * sizeof(T))) throw std::runtime_error("short voxels");
    for (std::size_t i = 0; i < count; ++i) n.values[i] = double(raw[i]) * slope + inter;
  };
  switch (datatype) {
    case 4: readAs(std::int16_t{}); break;
    case 512: readAs(std::uint16_t{}); break;
    case 8: readAs(std::int32_t{}); break;
    case 16: readAs(float{}); break;
    default: throw std::runtime_error("unsupported NIfTI datatype " + std::to_string(datatype));
  }
  return n;
}

}  // namespace tantalus::test
