#include "tantalus/core/stl_io.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <fstream>
#include <sstream>
#include <vector>

#include "tantalus/core/error.h"
#include "tantalus/core/resource_budget.h"

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

namespace {
// Triangle soup from binary or ASCII STL text; every coordinate finite and within 1 km.
std::vector<float> parseStl(const std::string& data, const std::string& where) {
  std::vector<float> v;
  if (data.size() >= 84) {
    std::uint32_t n;
    std::memcpy(&n, data.data() + 80, 4);
    if (data.size() == 84 + 50ull * n) {
      v.resize(std::size_t(n) * 9);
      for (std::uint32_t t = 0; t < n; ++t) std::memcpy(&v[std::size_t(t) * 9], data.data() + 84 + 50ull * t + 12, 36);
      return v;
    }
  }
  if (data.rfind("solid", 0) != 0)
    throw Error("not an STL file (neither binary with a matching size nor ASCII 'solid')", where, "export the mesh as STL");
  std::istringstream s(data);
  std::string tok;
  while (s >> tok)
    if (tok == "vertex") {
      std::string x[3];
      float f[3];
      for (int i = 0; i < 3; ++i) {
        char* end = nullptr;
        if (!(s >> x[i]) || (f[i] = std::strtof(x[i].c_str(), &end), !end || *end != 0))
          throw Error("malformed ASCII STL vertex", where, "export the mesh again as STL");
      }
      v.insert(v.end(), {f[0], f[1], f[2]});
    }
  if (v.size() % 9) throw Error("ASCII STL facet without three vertices", where, "export the mesh again as STL");
  return v;
}
}  // namespace

namespace {
void requireSane(const float* v, std::size_t count, const std::string& where) {
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(v[i]) || std::abs(v[i]) > 1e6f)
      throw Error("a vertex coordinate is not a finite number within 1 km", where, "export the mesh again as STL");
}

void sizeSoup(std::size_t triangles, const std::string& where, Mesh& soup) {
  if (triangles == 0) throw Error("STL file holds no triangles", where, "export a non-empty mesh");
  if (triangles * 3 > std::size_t(std::numeric_limits<std::int32_t>::max()))
    throw Error("STL file holds more triangles than a mesh can index", where, "decimate the mesh first");
  const auto nt = Eigen::Index(triangles);
  soup.vertices.resize(nt * 3, 3);
  soup.faces.resize(nt, 3);
  for (Eigen::Index t = 0; t < nt; ++t) soup.faces.row(t) << std::int32_t(3 * t), std::int32_t(3 * t + 1), std::int32_t(3 * t + 2);
}

void readBinaryTriangles(std::ifstream& in, std::uint32_t n, const std::string& where, Mesh& soup) {
  sizeSoup(n, where, soup);
  constexpr std::size_t kChunk = 1 << 16;
  std::vector<char> buf(50 * kChunk);
  for (std::size_t t0 = 0; t0 < n; t0 += kChunk) {
    const std::size_t k = std::min<std::size_t>(kChunk, n - t0);
    if (!in.read(buf.data(), std::streamsize(50 * k))) throw Error("cannot read the STL to its end", where, "check the file and the disk");
    for (std::size_t i = 0; i < k; ++i) {
      float* v = &soup.vertices(Eigen::Index(3 * (t0 + i)), 0);  // row-major: the triangle's 9 floats in a row
      std::memcpy(v, buf.data() + 50 * i + 12, 36);
      requireSane(v, 9, where);
    }
  }
}

void soupFrom(const std::vector<float>& v, const std::string& where, Mesh& soup) {
  requireSane(v.data(), v.size(), where);
  sizeSoup(v.size() / 9, where, soup);
  std::memcpy(soup.vertices.data(), v.data(), sizeof(float) * (v.size() / 9) * 9);
}
}  // namespace

Mesh readStl(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(std::filesystem::is_directory(file, ec) ? "is a folder, not an STL file" : "is not an STL file that exists",
                file.string(), "give the path of a .stl mesh");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw Error("cannot read: " + ec.message(), file.string(), "check the path and permissions");
  // Binary: 50 bytes a triangle on disk; soup, remap, table, kept vertices and the welded
  // result alive at once: about 100 bytes a triangle.
  requireMemory(double(size) * 2, "reading this STL", file.string(), "give a smaller mesh (decimate it first)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot open STL file", file.string(), "check the path and permissions");
  Mesh soup;
  char head[84];
  std::uint32_t n = 0;
  if (size >= 84 && in.read(head, 84)) std::memcpy(&n, head + 80, 4);
  if (size >= 84 && size == 84 + 50ull * n) {
    readBinaryTriangles(in, n, file.string(), soup);  // straight into the soup, a chunk at a time
  } else {
    in.clear();
    in.seekg(0);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    soupFrom(parseStl(data, file.string()), file.string(), soup);
  }
  return weldVertices(soup);
}

}  // namespace tantalus
