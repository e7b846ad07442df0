// The resected piece: the bone on the removed side of every plane, by exact corefinement
// with one large box per half-space (the bone repaired once, kept exact across the cuts).
#include "tantalus/guides/resection.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "oriented_box.h"
#include "tantalus/check/mesh_check.h"
#include "tantalus/core/error.h"
#include "tantalus/core/flood_fill.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/union_find.h"
#include "tantalus/meshing/mask_surface.h"

namespace tantalus::guides {

Plane Plane::of(const GuidePlane& p) {
  Plane q;
  q.point = {p.point[0], p.point[1], p.point[2]};
  q.normal = Eigen::Vector3d(p.normal[0], p.normal[1], p.normal[2]).normalized();
  return q;
}

namespace {

std::string planeName(std::size_t i) { return "guides.planes[" + std::to_string(i) + "]"; }

// The half-space on the normal's side of `p`, as a box reaching `reach` every way.
Mesh halfSpaceBox(const Plane& p, double reach) {
  const Eigen::Matrix3d f = detail::frameWithZ(p.normal, detail::perpendicularTo(p.normal));
  return detail::orientedBox(p.point, f, Eigen::Vector3d(-reach, -reach, 0), Eigen::Vector3d(reach, reach, reach));
}

// Every plane must have bone on both sides.
void checkPlanesCutBone(const Mesh& bone, const std::vector<Plane>& planes) {
  for (std::size_t i = 0; i < planes.size(); ++i) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (Eigen::Index v = 0; v < bone.vertices.rows(); ++v) {
      const double s = planes[i].signedDistance(bone.vertices.row(v).cast<double>().transpose());
      lo = std::min(lo, s);
      hi = std::max(hi, s);
    }
    if (!(lo < -0.5 && hi > 0.5))
      throw Error("the plane through " + pointMmText(planes[i].point) + " does not cut the bone (the bone lies " +
                      fixedText(hi > 0.5 ? lo : -hi, 1) + " mm and more from it, all on one side)",
                  planeName(i), "move the plane's point onto the bone, or check its normal (LPS, into the piece removed)");
  }
}

bool onPlane(const Mesh& m, Eigen::Index f, const Plane& p) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(p.signedDistance(corner(m, f, c))) >= 0.01) return false;
  return true;
}

// What the cuts free: the pieces of bone ∩ the half-spaces that carry a cut face. A
// piece without one is a whole bone lying beyond the planes (a rib, the other femur):
// no saw frees it, so it is not removed. Returns how many pieces were left out.
std::size_t keepCutPieces(Mesh& m, const std::vector<Plane>& planes) {
  UnionFind uf(m.vertexCount());
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    uf.unite(m.faces(f, 0), m.faces(f, 1));
    uf.unite(m.faces(f, 0), m.faces(f, 2));
  }
  std::vector<char> cut(m.vertexCount(), 0);
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f)
    for (const Plane& p : planes)
      if (onPlane(m, f, p)) cut[std::size_t(uf.find(m.faces(f, 0)))] = 1;
  std::vector<char> root(m.vertexCount(), 0);
  std::vector<Eigen::Index> keep;
  for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
    const std::size_t r = std::size_t(uf.find(m.faces(f, 0)));
    root[r] = 1;
    if (cut[r]) keep.push_back(f);
  }
  std::size_t pieces = 0, dropped = 0;
  for (std::size_t v = 0; v < root.size(); ++v)
    if (root[v]) {
      ++pieces;
      dropped += !cut[v];
    }
  if (dropped == 0 || dropped == pieces) return 0;
  std::vector<std::int32_t> index(m.vertexCount(), -1);
  std::vector<Eigen::Index> used;
  Mesh kept;
  kept.faces.resize(Eigen::Index(keep.size()), 3);
  for (std::size_t i = 0; i < keep.size(); ++i)
    for (int c = 0; c < 3; ++c) {
      std::int32_t& to = index[std::size_t(m.faces(keep[i], c))];
      if (to < 0) {
        to = std::int32_t(used.size());
        used.push_back(m.faces(keep[i], c));
      }
      kept.faces(Eigen::Index(i), c) = to;
    }
  kept.vertices.resize(Eigen::Index(used.size()), 3);
  for (std::size_t v = 0; v < used.size(); ++v) kept.vertices.row(Eigen::Index(v)) = m.vertices.row(used[v]);
  m = std::move(kept);
  return dropped;
}

double cutArea(const Mesh& piece, const Plane& p) {
  double area = 0;
  for (Eigen::Index f = 0; f < piece.faces.rows(); ++f) {
    if (onPlane(piece, f, p)) area += 0.5 * (corner(piece, f, 1) - corner(piece, f, 0)).cross(corner(piece, f, 2) - corner(piece, f, 0)).norm();
  }
  return area;
}

std::vector<PlaneMargin> marginsOf(const Mesh& lesion, const std::vector<Plane>& planes, double marginMm) {
  std::vector<PlaneMargin> out;
  for (const Plane& p : planes) {
    PlaneMargin m;
    m.minDistanceMm = std::numeric_limits<double>::infinity();
    for (Eigen::Index v = 0; v < lesion.vertices.rows(); ++v) {
      const Eigen::Vector3d x = lesion.vertices.row(v).cast<double>().transpose();
      const double s = p.signedDistance(x);
      if (s < m.minDistanceMm) {
        m.minDistanceMm = s;
        m.nearestLesionPointMm = x;
      }
    }
    m.violated = m.minDistanceMm < marginMm;
    out.push_back(m);
  }
  return out;
}

// A plane through vertices of the bone (a CT's surface has layers of them at whole-voxel
// positions) makes coplanar faces the corefinement can only close non-manifold: such a
// plane is moved toward the removed side by 1 µm steps (at most 5 µm, well inside the
// 0.01 mm within which a face counts as on its plane) until no vertex lies on it.
Plane offVertices(Plane p, const Mesh& bone) {
  for (int tries = 0; tries < 5; ++tries) {
    bool touches = false;
    for (Eigen::Index v = 0; v < bone.vertices.rows() && !touches; ++v)
      touches = std::abs(p.signedDistance(bone.vertices.row(v).cast<double>().transpose())) < 1e-4;
    if (!touches) break;
    p.point += 1e-3 * p.normal;
  }
  return p;
}

}  // namespace

Resection resect(const Mesh& bone, const std::vector<Plane>& planes, const Mesh* lesion, double marginMm, const Progress& progress) {
  if (planes.empty()) throw Error("no osteotomy planes", "guides.planes", "add one: tantalus guide --plane X,Y,Z,NX,NY,NZ");
  checkPlanesCutBone(bone, planes);
  progress.report(0, "repairing the bone for the cuts");
  const machining::ExactSolid solid(bone, "the bone", progress.sub(0, 0.3));
  return resect(solid, solid.mesh(), planes, lesion, marginMm, progress.sub(0.3, 1));
}

Resection resect(const machining::ExactSolid& repairedBone, const Mesh& bone, const std::vector<Plane>& planes, const Mesh* lesion,
                 double marginMm, const Progress& progress) {
  if (planes.empty()) throw Error("no osteotomy planes", "guides.planes", "add one: tantalus guide --plane X,Y,Z,NX,NY,NZ");
  checkPlanesCutBone(bone, planes);
  const Eigen::AlignedBox3d box = bounds(bone);
  Resection r;
  machining::ExactSolid solid = repairedBone;  // the cuts change it
  r.boneRepair = solid.repair();
  for (std::size_t i = 0; i < planes.size(); ++i) {
    const double reach = box.diagonal().norm() + (planes[i].point - box.center()).norm() + 10;
    try {
      solid.apply(machining::BooleanOp::Intersection, halfSpaceBox(offVertices(planes[i], bone), reach), planeName(i) + "'s half-space",
                  progress.sub(0.9 * double(i) / double(planes.size()), 0.9 * double(i + 1) / double(planes.size())));
    } catch (const Error& e) {
      throw Error("the planes leave no bone to remove (" + e.problem() + ")", planeName(i),
                  "check the planes' normals: each points into the piece removed, and together they must enclose bone");
    }
  }
  r.piece = solid.mesh();
  r.wholeBonesLeft = keepCutPieces(r.piece, planes);
  r.volumeMm3 = signedVolume(r.piece);
  for (std::size_t i = 0; i < planes.size(); ++i) {
    r.cutAreaMm2.push_back(cutArea(r.piece, planes[i]));
    if (r.cutAreaMm2.back() < 1.0)
      throw Error("the plane does not cut the piece the other planes remove", planeName(i),
                  "remove it, or move it so it meets the bone the others cut off");
  }
  if (lesion && !lesion->empty()) {
    r.margins = marginsOf(*lesion, planes, marginMm);
    std::vector<Eigen::Vector3d> pts;
    for (Eigen::Index v = 0; v < lesion->vertices.rows(); ++v) pts.push_back(lesion->vertices.row(v).cast<double>().transpose());
    const auto inside = check::insideClosedMesh(r.piece, pts, "the resected piece", false);
    r.lesionOutsideFraction = double(std::count(inside.begin(), inside.end(), char(0))) / double(std::max<std::size_t>(1, pts.size()));
  }
  progress.report(1, "resection");
  return r;
}

Mesh lesionSurface(const Mask& lesion, const VolumeGeometry& ct, const std::string& file) {
  if (lesion.count() == 0) throw Error("the lesion map has no labelled voxel", file, "label the lesion (any non-zero value) in the map");
  const auto& g = lesion.geometry;
  double worst = 0;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        if (!lesion(i, j, k)) continue;
        const Eigen::Vector3d x = ct.lpsToIndex(g.indexToLps(Eigen::Vector3d(i, j, k)));
        for (int a = 0; a < 3; ++a) worst = std::max({worst, -0.5 - x[a], x[a] - (ct.size[a] - 0.5)});
      }
  if (worst > 0.5)
    throw Error("the lesion lies outside the CT's image (up to " + fixedText(worst * ct.spacing.maxCoeff(), 1) + " mm beyond it)", file,
                "give a label map made on this CT (the same patient space, LPS), or check its orientation");
  return meshing::maskToSurface(lesion);
}

Mask lesionFromThreshold(const CtVolume& ct, int loHu, int hiHu, const Eigen::Vector3d& seedLps) {
  const auto& g = ct.geometry;
  const Eigen::Vector3d x = g.lpsToIndex(seedLps);
  const int i = int(std::lround(x.x())), j = int(std::lround(x.y())), k = int(std::lround(x.z()));
  if (!g.contains(i, j, k))
    throw Error("the lesion's seed " + pointMmText(seedLps) + " lies outside the CT's image", "guides.lesion_seed",
                "put the seed inside the lesion (LPS mm)");
  const int seedHu = ct.at(i, j, k);
  if (seedHu < loHu || seedHu > hiHu)
    throw Error("the lesion's seed reads " + std::to_string(seedHu) + " HU, outside its range " + std::to_string(loHu) + " to " +
                    std::to_string(hiHu) + " HU",
                "guides.lesion_seed", "put the seed inside the lesion, or widen guides.lesion_hu");
  Mask m(g);
  const std::size_t seed = g.index(i, j, k);
  m.data[seed] = 1;
  floodFill6(g, {seed}, [&](std::size_t w) {
    if (m.data[w] || ct.hu[w] < loHu || ct.hu[w] > hiHu) return false;
    m.data[w] = 1;
    return true;
  });
  return m;
}

std::vector<MarginSample> cutFaceMargins(const Resection& r, const std::vector<Plane>& planes, const Mesh& lesion) {
  std::vector<MarginSample> out;
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index v = 0; v < r.piece.vertices.rows(); ++v) {
    const Eigen::Vector3d x = r.piece.vertices.row(v).cast<double>().transpose();
    for (std::size_t i = 0; i < planes.size(); ++i)
      if (std::abs(planes[i].signedDistance(x)) < 0.01) {
        out.push_back({x, int(i), 0});
        pts.push_back(x);
        break;
      }
  }
  const auto d = check::distancesToSurface(lesion, pts);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].distanceMm = d[i];
  return out;
}

}  // namespace tantalus::guides
