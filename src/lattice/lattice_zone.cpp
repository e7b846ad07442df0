#include "tantalus/lattice/lattice_zone.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "tantalus/core/error.h"

namespace tantalus::lattice {

unsigned parseSkinFaces(const std::string& text, const std::string& where) {
  if (text == "all") return kSkinAll;
  if (text == "none" || text.empty()) return 0;
  unsigned mask = 0;
  std::stringstream ss(text);
  std::string item;
  const char* names[6] = {"x-", "x+", "y-", "y+", "z-", "z+"};
  while (std::getline(ss, item, ',')) {
    bool found = false;
    for (unsigned i = 0; i < 6; ++i)
      if (item == names[i]) {
        mask |= 1u << i;
        found = true;
      }
    if (!found) throw Error("unknown skin face '" + item + "'", where, "use all, none or a list of x-,x+,y-,y+,z-,z+");
  }
  return mask;
}

LatticeZone LatticeZone::fromBox(const Eigen::Vector3d& size, const Eigen::Vector3d& minCorner) {
  if (!(size.allFinite() && minCorner.allFinite() && size.minCoeff() > 0))
    throw Error("box zone sides must be finite and > 0 mm", "--box", "give X,Y,Z in mm, e.g. 20,20,20");
  if (size.maxCoeff() > 1000)
    throw Error("box zone side over 1 m", "--box", "give the sides in millimetres");
  LatticeZone z;
  z.kind = Kind::Box;
  z.box = Eigen::AlignedBox3d(minCorner, minCorner + size);
  return z;
}

LatticeZone LatticeZone::fromMesh(const Mesh& input, const std::string& where) {
  if (input.empty()) throw Error("zone mesh has no triangles", where, "give a closed surface of the porous zone");
  if (!input.vertices.allFinite()) throw Error("zone mesh has vertices that are not finite numbers", where, "repair or re-export the STL");
  if (tantalus::bounds(input).sizes().maxCoeff() > 1000)
    throw Error("zone mesh is larger than 1 m", where, "export the STL in millimetres (is it in micrometres?)");
  Mesh m = weldVertices(input);
  const MeshTopology t = analyseTopology(m);
  if (t.boundaryEdges > 0)
    throw Error("zone mesh is open (" + std::to_string(t.boundaryEdges) + " boundary edges)", where,
                "close the holes (e.g. admesh --fill-holes) so the zone has an inside");
  if (t.nonManifoldEdges > 0)
    throw Error("zone mesh is not manifold (" + std::to_string(t.nonManifoldEdges) + " edges used by 3+ faces)", where,
                "repair the mesh so every edge joins exactly two faces");
  if (t.misorientedEdges > 0)
    throw Error("zone mesh faces are not consistently oriented", where, "repair the normals (admesh --normal-directions)");
  if (countSelfIntersections(m, 1) > 0)
    throw Error("zone mesh intersects itself", where, "remove the self-intersections (e.g. in Meshmixer or PrusaSlicer repair)");
  if (signedVolume(m) < 0) flipOrientation(m);
  LatticeZone z;
  z.kind = Kind::Mesh;
  z.box = tantalus::bounds(m);
  z.mesh = std::move(m);
  return z;
}

LatticeZone LatticeZone::fromSignedDistance(const VolumeGeometry& g, std::vector<float> sdf, const std::string& where) {
  if (g.voxelCount() == 0 || sdf.size() != g.voxelCount())
    throw Error("zone level set has " + std::to_string(sdf.size()) + " values for a grid of " +
                    std::to_string(g.voxelCount()) + " voxels", where, "give one signed distance per voxel");
  LatticeZone z;
  z.kind = Kind::LevelSet;
  std::size_t inside = 0;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        if (!(sdf[g.index(i, j, k)] < 0)) continue;
        ++inside;
        if (i == 0 || j == 0 || k == 0 || i == g.size[0] - 1 || j == g.size[1] - 1 || k == g.size[2] - 1)
          throw Error("zone level set is open: its inside reaches the border of the grid", where,
                      "pad the volume so the zone is surrounded by positive (outside) values");
        // Bounds: the voxel and its neighbours (the surface lies within one voxel).
        for (int c = 0; c < 8; ++c)
          z.box.extend(g.indexToLps(Eigen::Vector3d(i + ((c & 1) ? 1 : -1), j + ((c & 2) ? 1 : -1), k + ((c & 4) ? 1 : -1))));
      }
  if (inside == 0) throw Error("zone level set has no inside (no negative value)", where, "negative values mark the zone");
  z.sdfGeometry = g;
  z.sdfMm = std::move(sdf);
  return z;
}

double LatticeZone::levelSetDistance(const Eigen::Vector3d& p) const {
  const VolumeGeometry& g = sdfGeometry;
  const Eigen::Vector3d u = g.lpsToIndex(p);
  double outside = 0;
  Eigen::Vector3d c = u;
  for (int d = 0; d < 3; ++d) {
    const double hi = g.size[d] - 1;
    if (u[d] < 0) outside = std::max(outside, -u[d] * g.spacing[d]);
    if (u[d] > hi) outside = std::max(outside, (u[d] - hi) * g.spacing[d]);
    c[d] = std::clamp(u[d], 0.0, hi);
  }
  int i0[3];
  double f[3];
  for (int d = 0; d < 3; ++d) {
    i0[d] = std::min(int(std::floor(c[d])), std::max(0, g.size[d] - 2));
    f[d] = c[d] - i0[d];
  }
  auto at = [&](int i, int j, int k) {
    return double(sdfMm[g.index(std::min(i, g.size[0] - 1), std::min(j, g.size[1] - 1), std::min(k, g.size[2] - 1))]);
  };
  double v = 0;
  for (int n = 0; n < 8; ++n) {
    const int dx = n & 1, dy = (n >> 1) & 1, dz = (n >> 2) & 1;
    const double w = (dx ? f[0] : 1 - f[0]) * (dy ? f[1] : 1 - f[1]) * (dz ? f[2] : 1 - f[2]);
    if (w > 0) v += w * at(i0[0] + dx, i0[1] + dy, i0[2] + dz);
  }
  return outside > 0 ? std::max(v, 0.0) + outside : v;
}

double LatticeZone::volumeMm3() const {
  switch (kind) {
    case Kind::Box: return box.volume();
    case Kind::Mesh: return signedVolume(mesh);
    case Kind::LevelSet: {
      // Voxels with a sub-voxel partial-volume estimate from the distance: clamp(0.5 - d/h, 0, 1).
      const double h = sdfGeometry.spacing.minCoeff();
      double n = 0;
      for (const float d : sdfMm) n += std::clamp(0.5 - double(d) / h, 0.0, 1.0);
      return n * sdfGeometry.voxelVolumeMm3();
    }
  }
  return 0;
}

namespace {
using V3 = Eigen::Vector3d;
double orient(const V3& a, const V3& b, const V3& c, const V3& d) { return (b - a).cross(c - a).dot(d - a); }
// Segment pq properly crosses triangle abc.
bool segmentCrossesTriangle(const V3& p, const V3& q, const V3& a, const V3& b, const V3& c) {
  const double scale = (b - a).cross(c - a).norm() * ((q - p).norm() + 1e-300);
  const double eps = 1e-12 * scale;
  const double sp = orient(a, b, c, p), sq = orient(a, b, c, q);
  if (!((sp > eps && sq < -eps) || (sp < -eps && sq > eps))) return false;
  const double s1 = orient(p, q, a, b), s2 = orient(p, q, b, c), s3 = orient(p, q, c, a);
  return (s1 > eps && s2 > eps && s3 > eps) || (s1 < -eps && s2 < -eps && s3 < -eps);
}
}  // namespace

std::size_t countSelfIntersections(const Mesh& m, std::size_t limit) {
  const Eigen::Index nf = m.faces.rows();
  if (nf == 0) return 0;
  auto vtx = [&](std::int32_t i) { return V3(m.vertices.row(i).cast<double>().transpose()); };
  double meanEdge = 0;
  for (Eigen::Index f = 0; f < nf; ++f) meanEdge += (vtx(m.faces(f, 0)) - vtx(m.faces(f, 1))).norm();
  meanEdge /= double(nf);
  const double cell = std::max(meanEdge * 2, 1e-6);
  const Eigen::AlignedBox3d bb = tantalus::bounds(m);
  struct KeyHash {
    std::size_t operator()(std::int64_t k) const { return std::size_t(k * 0x9E3779B97F4A7C15ull); }
  };
  std::unordered_map<std::int64_t, std::vector<std::int32_t>, KeyHash> grid;
  auto cellOf = [&](const V3& p, int i) { return std::int64_t(std::floor((p[i] - bb.min()[i]) / cell)); };
  auto key = [](std::int64_t x, std::int64_t y, std::int64_t z) { return (x << 42) ^ (y << 21) ^ z; };
  std::vector<Eigen::AlignedBox3d> boxes{std::size_t(nf)};
  for (Eigen::Index f = 0; f < nf; ++f) {
    Eigen::AlignedBox3d b;
    for (int c = 0; c < 3; ++c) b.extend(vtx(m.faces(f, c)));
    boxes[std::size_t(f)] = b;
    for (std::int64_t x = cellOf(b.min(), 0); x <= cellOf(b.max(), 0); ++x)
      for (std::int64_t y = cellOf(b.min(), 1); y <= cellOf(b.max(), 1); ++y)
        for (std::int64_t z = cellOf(b.min(), 2); z <= cellOf(b.max(), 2); ++z) grid[key(x, y, z)].push_back(std::int32_t(f));
  }
  std::size_t found = 0;
  for (const auto& [k, tris] : grid)
    for (std::size_t i = 0; i < tris.size(); ++i)
      for (std::size_t j = i + 1; j < tris.size(); ++j) {
        const auto f = tris[i], g = tris[j];
        if (!boxes[std::size_t(f)].intersects(boxes[std::size_t(g)])) continue;
        bool shared = false;
        for (int a = 0; a < 3; ++a)
          for (int b = 0; b < 3; ++b) shared |= m.faces(f, a) == m.faces(g, b);
        if (shared) continue;
        const V3 A[3] = {vtx(m.faces(f, 0)), vtx(m.faces(f, 1)), vtx(m.faces(f, 2))};
        const V3 B[3] = {vtx(m.faces(g, 0)), vtx(m.faces(g, 1)), vtx(m.faces(g, 2))};
        bool hit = false;
        for (int e = 0; e < 3 && !hit; ++e) {
          hit |= segmentCrossesTriangle(A[e], A[(e + 1) % 3], B[0], B[1], B[2]);
          hit |= segmentCrossesTriangle(B[e], B[(e + 1) % 3], A[0], A[1], A[2]);
        }
        if (hit && ++found >= limit) return found;  // pairs sharing several cells may count twice
      }
  return found;
}

Mesh hemisphericalShell(double R, double t, int segments) {
  const double r = R - t;
  const int rings = std::max(4, segments / 4);
  std::vector<Eigen::Vector3f> v;
  std::vector<Eigen::Vector3i> f;
  auto ring = [&](double radius) {
    const int base = int(v.size());
    for (int i = 0; i < rings; ++i) {
      const double phi = (M_PI / 2) * i / rings;
      for (int j = 0; j < segments; ++j) {
        const double th = 2 * M_PI * j / segments;
        v.emplace_back(float(radius * std::cos(phi) * std::cos(th)), float(radius * std::cos(phi) * std::sin(th)),
                       float(radius * std::sin(phi)));
      }
    }
    v.emplace_back(0.f, 0.f, float(radius));
    return base;
  };
  const int o = ring(R), n = ring(r);
  auto id = [&](int base, int i, int j) { return i == rings ? base + rings * segments : base + i * segments + (j % segments); };
  for (int i = 0; i < rings; ++i)
    for (int j = 0; j < segments; ++j) {
      const int A = id(o, i, j), B = id(o, i, j + 1), C = id(o, i + 1, j + 1), D = id(o, i + 1, j);
      const int a = id(n, i, j), b = id(n, i, j + 1), c = id(n, i + 1, j + 1), d = id(n, i + 1, j);
      if (i + 1 == rings) {
        f.emplace_back(A, B, C);
        f.emplace_back(a, c, b);
      } else {
        f.emplace_back(A, B, C);
        f.emplace_back(A, C, D);
        f.emplace_back(a, c, b);
        f.emplace_back(a, d, c);
      }
    }
  for (int j = 0; j < segments; ++j) {
    const int A = id(o, 0, j), B = id(o, 0, j + 1), C = id(n, 0, j + 1), D = id(n, 0, j);
    f.emplace_back(A, D, C);
    f.emplace_back(A, C, B);
  }
  Mesh m;
  m.vertices.resize(Eigen::Index(v.size()), 3);
  for (std::size_t i = 0; i < v.size(); ++i) m.vertices.row(Eigen::Index(i)) = v[i].transpose();
  m.faces.resize(Eigen::Index(f.size()), 3);
  for (std::size_t i = 0; i < f.size(); ++i) m.faces.row(Eigen::Index(i)) = f[i].transpose();
  return m;
}

}  // namespace tantalus::lattice
