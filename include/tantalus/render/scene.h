#pragma once
// A planning scene drawn without a GPU or a display: every pixel's ray meets voxel
// masks (marched at half a voxel; the surface at the occupancy's trilinear 0.5 level,
// shaded by its Gaussian-smoothed gradient), hemispherical cup shells and rods
// (screws) analytically; the hits are composited front to back by opacity under a
// head light. A translucent layer is translucent over what lies behind it and opaque
// over the background (the last layer a ray meets is drawn opaque), so translucent
// bone keeps its colour. Used for the report's pictures, which must render on a
// server with no X.
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/render/image.h"
#include "tantalus/render/ortho_view.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::render {

struct Material {
  Eigen::Vector3d colour = Eigen::Vector3d::Ones();  // 0..1
  double opacity = 1;
};

// The box of a mask's set voxels (voxel indices, inclusive; empty: lo > hi); its eight
// LPS corners (none for an empty box), e.g. to frame a view on it.
struct VoxelBox {
  std::array<int, 3> lo{0, 0, 0}, hi{-1, -1, -1};
  bool empty() const { return lo[0] > hi[0]; }
};
std::vector<Eigen::Vector3d> boxCorners(const VolumeGeometry& g, const VoxelBox& box);

// What a mask's rays skip: its occupied box and which 8×8×8-voxel blocks hold a set
// voxel. Built once per mask (one pass) and shared by every view of it.
struct MaskIndex {
  static constexpr int kBlock = 8;
  VoxelBox box;                                     // the occupied box
  std::array<int, 3> blocks{0, 0, 0};               // blocks per axis
  std::vector<std::uint8_t> occupied;               // per block, x fastest
  bool empty() const { return box.empty(); }
  bool blockSet(int bi, int bj, int bk) const {
    return bi >= 0 && bj >= 0 && bk >= 0 && bi < blocks[0] && bj < blocks[1] && bk < blocks[2] &&
           occupied[(std::size_t(bk) * std::size_t(blocks[1]) + std::size_t(bj)) * std::size_t(blocks[0]) + std::size_t(bi)];
  }
};
MaskIndex indexMask(const Mask& mask);

struct MaskLayer {
  const Mask* mask = nullptr;
  Material material;
  const MaskIndex* index = nullptr;  // optional: built for this render when absent
};

// The half of a sphere's surface away from its opening: points p with (p − centre)·axis ≤ 0.
struct CupLayer {
  Eigen::Vector3d centre = Eigen::Vector3d::Zero(), axis = Eigen::Vector3d::UnitZ();  // axis: opening, unit
  double radiusMm = 0;
  Material material;
};

// A closed cylinder from `from` to `to`.
struct RodLayer {
  Eigen::Vector3d from = Eigen::Vector3d::Zero(), to = Eigen::Vector3d::Zero();
  double radiusMm = 0;
  Material material;
};

// A closed triangle mesh (the designed implant), flat-shaded by its faces' normals.
struct MeshLayer {
  const Mesh* mesh = nullptr;
  Material material;
};

struct Scene {
  std::vector<MaskLayer> masks;
  std::vector<MeshLayer> meshes;
  std::vector<CupLayer> cups;
  std::vector<RodLayer> rods;
  Eigen::Vector3d background{0.13, 0.14, 0.16};
};

RgbImage renderScene(const Scene& scene, const OrthoView& view, const Progress& progress = Progress::none());
// The scene rendered as a report figure (caption and marks to be added).
Figure sceneFigure(const std::string& id, const std::string& title, const OrthoView& view, const Scene& scene,
                   const Progress& progress = Progress::none());

// Where a ray first meets each kind of layer (exposed for tests): the distance
// along unit `dir` from `origin`, and the outward normal there.
struct RayHit {
  double t = 0;
  Eigen::Vector3d normal = Eigen::Vector3d::Zero();
};
bool hitCup(const CupLayer& cup, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit);
bool hitRod(const RodLayer& rod, const Eigen::Vector3d& origin, const Eigen::Vector3d& dir, RayHit& hit);

}  // namespace tantalus::render
