#include "nifti_writer.h"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"

namespace tantalus::io::detail {

namespace {

template <class T>
void put(std::string& h, std::size_t at, T v) {
  std::memcpy(h.data() + at, &v, sizeof(T));
}

// Rotation part of the RAS affine as a NIfTI quaternion (b, c, d; a >= 0) and qfac,
// after nifti_mat44_to_quatern of nifti1_io.c: a reflection goes into qfac = -1.
void quaternion(Eigen::Matrix3d r, double q[3], double& qfac) {
  qfac = 1;
  if (r.determinant() < 0) {
    qfac = -1;
    r.col(2) = -r.col(2);
  }
  const double trace = r(0, 0) + r(1, 1) + r(2, 2) + 1.0;
  double a, b, c, d;
  if (trace > 0.5) {
    a = 0.5 * std::sqrt(trace);
    b = 0.25 * (r(2, 1) - r(1, 2)) / a;
    c = 0.25 * (r(0, 2) - r(2, 0)) / a;
    d = 0.25 * (r(1, 0) - r(0, 1)) / a;
  } else {
    const double xd = 1.0 + r(0, 0) - (r(1, 1) + r(2, 2)), yd = 1.0 + r(1, 1) - (r(0, 0) + r(2, 2)),
                 zd = 1.0 + r(2, 2) - (r(0, 0) + r(1, 1));
    if (xd > 1.0) {
      b = 0.5 * std::sqrt(xd);
      c = 0.25 * (r(0, 1) + r(1, 0)) / b;
      d = 0.25 * (r(0, 2) + r(2, 0)) / b;
      a = 0.25 * (r(2, 1) - r(1, 2)) / b;
    } else if (yd > 1.0) {
      c = 0.5 * std::sqrt(yd);
      b = 0.25 * (r(0, 1) + r(1, 0)) / c;
      d = 0.25 * (r(1, 2) + r(2, 1)) / c;
      a = 0.25 * (r(0, 2) - r(2, 0)) / c;
    } else {
      d = 0.5 * std::sqrt(zd);
      b = 0.25 * (r(0, 2) + r(2, 0)) / d;
      c = 0.25 * (r(1, 2) + r(2, 1)) / d;
      a = 0.25 * (r(1, 0) - r(0, 1)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  q[0] = b;
  q[1] = c;
  q[2] = d;
}

std::string header(const VolumeGeometry& g, int datatype) {
  std::string h(352, '\0');  // 348-byte header + 4-byte extension flag (no extensions)
  const int bytes = datatype == 2 ? 1 : 2;
  put<std::int32_t>(h, 0, 348);
  const std::int16_t dim[8] = {3, std::int16_t(g.size[0]), std::int16_t(g.size[1]), std::int16_t(g.size[2]), 1, 1, 1, 1};
  for (int i = 0; i < 8; ++i) put<std::int16_t>(h, 40 + 2 * std::size_t(i), dim[i]);
  put<std::int16_t>(h, 70, std::int16_t(datatype));
  put<std::int16_t>(h, 72, std::int16_t(8 * bytes));
  // NIfTI space is RAS: flip L and P.
  const Eigen::Matrix3d flip = Eigen::Vector3d(-1, -1, 1).asDiagonal();
  const Eigen::Matrix3d rot = flip * g.direction;
  const Eigen::Vector3d origin = flip * g.origin;
  double q[3], qfac;
  quaternion(rot, q, qfac);
  const float pixdim[8] = {float(qfac), float(g.spacing.x()), float(g.spacing.y()), float(g.spacing.z()), 1, 1, 1, 1};
  for (int i = 0; i < 8; ++i) put<float>(h, 76 + 4 * std::size_t(i), pixdim[i]);
  put<float>(h, 108, 352.0f);  // vox_offset
  put<float>(h, 112, 1.0f);    // scl_slope: values are stored as they are
  put<float>(h, 116, 0.0f);
  h[123] = 2;                  // xyzt_units: NIFTI_UNITS_MM
  const char* descrip = "tantalus (HU or label, LPS source)";
  std::memcpy(h.data() + 148, descrip, std::strlen(descrip));
  put<std::int16_t>(h, 252, 1);  // qform_code: NIFTI_XFORM_SCANNER_ANAT
  put<std::int16_t>(h, 254, 1);  // sform_code: the same space
  for (int i = 0; i < 3; ++i) put<float>(h, 256 + 4 * std::size_t(i), float(q[i]));
  for (int i = 0; i < 3; ++i) put<float>(h, 268 + 4 * std::size_t(i), float(origin[i]));
  const Eigen::Matrix3d m = rot * g.spacing.asDiagonal();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) put<float>(h, 280 + 16 * std::size_t(r) + 4 * std::size_t(c), float(m(r, c)));
    put<float>(h, 280 + 16 * std::size_t(r) + 12, float(origin[r]));
  }
  std::memcpy(h.data() + 344, "n+1\0", 4);
  return h;
}

// gzip through zlib into the atomic file, chunk by chunk.
void writeGzip(AtomicFile& out, const std::string& head, const void* voxels, std::size_t bytes) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw Error("cannot start zlib", out.target().string());
  struct End {
    z_stream& z;
    ~End() { deflateEnd(&z); }
  } end{z};
  std::vector<unsigned char> buf(1 << 20);
  auto pump = [&](const void* data, std::size_t n, int flush) {
    z.next_in = static_cast<Bytef*>(const_cast<void*>(data));
    z.avail_in = uInt(n);
    do {
      z.next_out = buf.data();
      z.avail_out = uInt(buf.size());
      if (deflate(&z, flush) == Z_STREAM_ERROR) throw Error("zlib failed", out.target().string());
      out.write(buf.data(), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
  };
  pump(head.data(), head.size(), Z_NO_FLUSH);
  const auto* p = static_cast<const unsigned char*>(voxels);
  const std::size_t chunk = std::size_t(1) << 26;
  for (std::size_t off = 0; off < bytes; off += chunk) pump(p + off, std::min(chunk, bytes - off), Z_NO_FLUSH);
  pump(nullptr, 0, Z_FINISH);
}

}  // namespace

void writeNifti(const std::filesystem::path& file, const VolumeGeometry& g, const void* voxels, int datatype) {
  for (int d = 0; d < 3; ++d)
    if (g.size[std::size_t(d)] > 32767)
      throw Error("axis " + std::to_string(d + 1) + " has more than 32767 voxels, the NIfTI-1 limit", file.string(),
                  "write .nrrd or .mha instead");
  const std::string h = header(g, datatype);
  const std::size_t bytes = g.voxelCount() * (datatype == 2 ? 1 : 2);
  const std::string name = file.filename().string();
  const bool gz = name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0;
  AtomicFile out(file);
  if (gz) {
    writeGzip(out, h, voxels, bytes);
  } else {
    out.write(h.data(), h.size());
    out.write(voxels, bytes);
  }
  out.commit();
}

}  // namespace tantalus::io::detail
