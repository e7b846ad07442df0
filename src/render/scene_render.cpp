#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>

#include "tantalus/core/error.h"
#include "tantalus/core/mesh_raycast.h"
#include "mask_marcher.h"
#include "tantalus/render/scene.h"

namespace tantalus::render {

namespace {

struct Layered {
  double t;
  Eigen::Vector3d colour;
  double opacity;
};

Eigen::Vector3d shaded(const Material& m, const Eigen::Vector3d& normal, const Eigen::Vector3d& light) {
  return m.colour * (0.22 + 0.78 * std::abs(normal.dot(light)));
}

std::uint8_t byte(double v) { return std::uint8_t(std::clamp(std::lround(v * 255.0), 0L, 255L)); }

}  // namespace

std::vector<Eigen::Vector3d> boxCorners(const VolumeGeometry& g, const VoxelBox& box) {
  std::vector<Eigen::Vector3d> corners;
  if (box.empty()) return corners;
  for (int c = 0; c < 8; ++c) {
    Eigen::Vector3d q;
    for (int a = 0; a < 3; ++a) q[a] = (c >> a & 1) ? box.hi[a] + 0.5 : box.lo[a] - 0.5;
    corners.push_back(g.indexToLps(q));
  }
  return corners;
}

static bool hitMesh(const Mesh& mesh, const MeshRaycaster& caster, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir,
             double maxT, RayHit& hit) {
  const auto h = caster.firstHitFace(origin, dir, maxT);
  if (!h) return false;
  const Eigen::Index f = h->second;
  const Eigen::Vector3d n = (corner(mesh, f, 1) - corner(mesh, f, 0)).cross(corner(mesh, f, 2) - corner(mesh, f, 0));
  if (n.norm() == 0) return false;
  hit.t = h->first;
  hit.normal = n.normalized();
  return true;
}

bool hitCup(const CupLayer& cup, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit) {
  const Eigen::Vector3d oc = origin - cup.centre;
  const double b = oc.dot(dir), disc = b * b - (oc.squaredNorm() - cup.radiusMm * cup.radiusMm);
  if (disc < 0) return false;
  const double root = std::sqrt(disc);
  for (const double t : {-b - root, -b + root}) {
    const Eigen::Vector3d d = origin + t * dir - cup.centre;
    if (t > 0 && d.dot(cup.axis) <= 0) {
      hit = {t, d / cup.radiusMm};
      return true;
    }
  }
  return false;
}

bool hitRod(const RodLayer& rod, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit) {
  const Eigen::Vector3d span = rod.to - rod.from;
  const double len = span.norm(), r2 = rod.radiusMm * rod.radiusMm;
  if (len <= 0) return false;
  const Eigen::Vector3d u = span / len, w = origin - rod.from;
  const Eigen::Vector3d fp = dir - dir.dot(u) * u, wp = w - w.dot(u) * u;
  double best = std::numeric_limits<double>::infinity();
  const double a = fp.squaredNorm(), b = 2 * wp.dot(fp), c = wp.squaredNorm() - r2;
  if (a > 1e-12 && b * b - 4 * a * c >= 0) {
    const double root = std::sqrt(b * b - 4 * a * c);
    for (const double t : {(-b - root) / (2 * a), (-b + root) / (2 * a)}) {
      const double s = (w + t * dir).dot(u);
      if (t > 0 && s >= 0 && s <= len && t < best) {
        best = t;
        hit = {t, (wp + t * fp).normalized()};
        break;
      }
    }
  }
  const double along = dir.dot(u);
  if (std::abs(along) > 1e-12)
    for (const auto& [end, n] : {std::pair{rod.from, Eigen::Vector3d(-u)}, std::pair{rod.to, Eigen::Vector3d(u)}}) {
      const double t = (end - origin).dot(u) / along;
      if (t > 0 && t < best && (origin + t * dir - end).squaredNorm() <= r2) {
        best = t;
        hit = {t, n};
      }
    }
  return std::isfinite(best);
}

RgbImage renderScene(const Scene& scene, const OrthoView& view, const Progress& progress) {
  std::vector<MaskIndex> built;  // for layers that came without their index
  built.reserve(scene.masks.size());
  std::vector<detail::MaskMarcher> marchers;
  marchers.reserve(scene.masks.size());
  double reach = 1;  // how far in front of the picture plane the rays start
  for (const auto& layer : scene.masks) {
    if (!layer.mask) throw Error("a scene layer has no mask", "render", "this is a bug: report it");
    const MaskIndex* index = layer.index;
    if (!index) index = &built.emplace_back(indexMask(*layer.mask));
    marchers.emplace_back(*layer.mask, *index);
    for (const auto& corner : marchers.back().corners()) reach = std::max(reach, std::abs(view.depth(corner)));
  }
  std::vector<std::unique_ptr<MeshRaycaster>> casters;
  for (const auto& layer : scene.meshes) {
    if (!layer.mesh || layer.mesh->empty()) throw Error("a scene layer has no mesh", "render", "this is a bug: report it");
    casters.push_back(std::make_unique<MeshRaycaster>(*layer.mesh));
    const Eigen::AlignedBox3d b = bounds(*layer.mesh);
    for (int c = 0; c < 8; ++c) reach = std::max(reach, std::abs(view.depth(b.corner(Eigen::AlignedBox3d::CornerType(c)))));
  }
  for (const auto& cup : scene.cups) reach = std::max(reach, std::abs(view.depth(cup.centre)) + cup.radiusMm);
  for (const auto& rod : scene.rods)
    reach = std::max({reach, std::abs(view.depth(rod.from)) + rod.radiusMm, std::abs(view.depth(rod.to)) + rod.radiusMm});
  reach += 5;
  const Eigen::Vector3d light = (-view.forward + 0.35 * view.up - 0.25 * view.right).normalized();

  RgbImage image(view.width, view.height);
  std::atomic<bool> stop{false};
  tbb::parallel_for(tbb::blocked_range<int>(0, view.height), [&](const tbb::blocked_range<int>& rows) {
    std::vector<Layered> hits;
    for (int y = rows.begin(); y != rows.end() && !stop; ++y) {
      if (progress.cancelled()) stop = true;
      for (int x = 0; x < view.width; ++x) {
        const Eigen::Vector3d origin = view.pointAt(x + 0.5, y + 0.5) - reach * view.forward;
        hits.clear();
        RayHit h;
        for (std::size_t m = 0; m < marchers.size(); ++m)
          if (marchers[m].hit(origin, view.forward, 2 * reach, h))
            hits.push_back({h.t, shaded(scene.masks[m].material, h.normal, light), scene.masks[m].material.opacity});
        for (std::size_t m = 0; m < casters.size(); ++m)
          if (hitMesh(*scene.meshes[m].mesh, *casters[m], origin, view.forward, 2 * reach, h))
            hits.push_back({h.t, shaded(scene.meshes[m].material, h.normal, light), scene.meshes[m].material.opacity});
        for (const auto& cup : scene.cups)
          if (hitCup(cup, origin, view.forward, h)) hits.push_back({h.t, shaded(cup.material, h.normal, light), cup.material.opacity});
        for (const auto& rod : scene.rods)
          if (hitRod(rod, origin, view.forward, h)) hits.push_back({h.t, shaded(rod.material, h.normal, light), rod.material.opacity});
        std::sort(hits.begin(), hits.end(), [](const Layered& a, const Layered& b) { return a.t < b.t; });
        Eigen::Vector3d colour = Eigen::Vector3d::Zero();
        double through = 1;
        for (std::size_t i = 0; i < hits.size(); ++i) {  // the last layer hides the background
          const double opacity = i + 1 == hits.size() ? 1.0 : hits[i].opacity;
          colour += through * opacity * hits[i].colour;
          through *= 1 - opacity;
        }
        colour += through * scene.background;
        image.set(x, y, {byte(colour.x()), byte(colour.y()), byte(colour.z())});
      }
    }
  });
  progress.check();
  return image;
}

Figure sceneFigure(const std::string& id, const std::string& title, const OrthoView& view, const Scene& scene,
                   const Progress& progress) {
  Figure f;
  f.id = id;
  f.title = title;
  f.view = view;
  f.image = renderScene(scene, view, progress);
  return f;
}

}  // namespace tantalus::render
