#include "tantalus/core/stl_io.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "tantalus/core/error.h"

namespace tantalus {

std::string stlHeader(const std::string& what) {
  std::string h = "SPACE=LPS UNITS=mm tantalus " + what;
  h.resize(80, ' ');
  return h;
}

StlStreamWriter::StlStreamWriter(const std::filesystem::path& file, const std::string& what) : file_(file) {
  const std::string header = stlHeader(what);
  file_.write(header.data(), 80);
  const std::uint32_t zero = 0;
  file_.write(&zero, 4);
  buffer_.reserve(50 * 8192);
}

void StlStreamWriter::add(const std::array<float, 3>& a, const std::array<float, 3>& b,
                          const std::array<float, 3>& c) {
  if (count_ == 0xffffffffull)  // stop at once, not after writing hundreds of GB
    throw Error("mesh exceeds 4 294 967 295 triangles, the binary STL limit", file_.target().string(),
                "export 3MF instead or coarsen the voxel size");
  const float ux = b[0] - a[0], uy = b[1] - a[1], uz = b[2] - a[2];
  const float vx = c[0] - a[0], vy = c[1] - a[1], vz = c[2] - a[2];
  float n[3] = {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
  const float len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  if (len > 0) for (float& x : n) x /= len;
  char rec[50];
  std::memcpy(rec, n, 12);
  std::memcpy(rec + 12, a.data(), 12);
  std::memcpy(rec + 24, b.data(), 12);
  std::memcpy(rec + 36, c.data(), 12);
  rec[48] = rec[49] = 0;
  buffer_.append(rec, 50);
  ++count_;
  if (buffer_.size() >= 50 * 8192) {
    file_.write(buffer_.data(), buffer_.size());
    buffer_.clear();
  }
}

void StlStreamWriter::add(const Mesh& m) {
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    std::array<float, 3> p[3];
    for (int c = 0; c < 3; ++c)
      for (int d = 0; d < 3; ++d) p[c][std::size_t(d)] = m.vertices(m.faces(f, c), d);
    add(p[0], p[1], p[2]);
  }
}

void StlStreamWriter::commit() {
  file_.write(buffer_.data(), buffer_.size());
  buffer_.clear();
  if (count_ > 0xffffffffull)
    throw Error("mesh has more than 4 294 967 295 triangles, the binary STL limit", file_.target().string(),
                "export 3MF instead or coarsen the voxel size");
  const auto n = std::uint32_t(count_);
  file_.seek(80);
  file_.write(&n, 4);
  file_.commit();
}

void writeStl(const std::filesystem::path& file, const Mesh& mesh, const std::string& what) {
  StlStreamWriter w(file, what);
  w.add(mesh);
  w.commit();
}

Mesh readStl(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot open STL file", file.string(), "check the path");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Mesh soup;
  std::vector<float> v;
  bool binary = false;
  if (data.size() >= 84) {
    std::uint32_t n;
    std::memcpy(&n, data.data() + 80, 4);
    binary = data.size() == 84 + 50ull * n;
    if (binary) {
      v.resize(std::size_t(n) * 9);
      for (std::uint32_t t = 0; t < n; ++t)
        std::memcpy(&v[std::size_t(t) * 9], data.data() + 84 + 50ull * t + 12, 36);
    }
  }
  if (!binary) {
    if (data.rfind("solid", 0) != 0)
      throw Error("not an STL file (neither binary with a matching size nor ASCII 'solid')", file.string(),
                  "export the mesh as STL");
    std::istringstream s(data);
    std::string tok;
    while (s >> tok)
      if (tok == "vertex") {
        float x, y, z;
        if (!(s >> x >> y >> z)) throw Error("malformed ASCII STL vertex", file.string());
        v.insert(v.end(), {x, y, z});
      }
    if (v.size() % 9) throw Error("ASCII STL facet without three vertices", file.string());
  }
  const Eigen::Index nt = Eigen::Index(v.size() / 9);
  soup.vertices.resize(nt * 3, 3);
  soup.faces.resize(nt, 3);
  for (Eigen::Index t = 0; t < nt; ++t)
    for (int c = 0; c < 3; ++c) {
      for (int d = 0; d < 3; ++d) soup.vertices(t * 3 + c, d) = v[std::size_t(t * 9 + c * 3 + d)];
      soup.faces(t, c) = std::int32_t(t * 3 + c);
    }
  if (nt == 0) throw Error("STL file holds no triangles", file.string(), "export a non-empty mesh");
  return weldVertices(soup);
}

}  // namespace tantalus
