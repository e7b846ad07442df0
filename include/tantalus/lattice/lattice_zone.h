#pragma once
// The closed region the porous structure fills: an axis-aligned box, a closed,
// non-self-intersecting mesh (LPS mm, outward faces), or a level set (dense signed
// distance volume, negative inside), plus an optional dense skin.
#include <Eigen/Dense>
#include <string>

#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/volume.h"

namespace tantalus::lattice {

enum SkinFaces : unsigned {
  kSkinXMin = 1, kSkinXMax = 2, kSkinYMin = 4, kSkinYMax = 8, kSkinZMin = 16, kSkinZMax = 32,
  kSkinAll = 63,
};
// "all", "none" or a comma list of x-,x+,y-,y+,z-,z+.
unsigned parseSkinFaces(const std::string& text, const std::string& where);

struct LatticeZone {
  enum class Kind { Box, Mesh, LevelSet } kind = Kind::Box;
  Eigen::AlignedBox3d box;   // Box: the zone; Mesh, LevelSet: its bounds
  Mesh mesh;                 // Mesh zones only (welded, outward)
  VolumeGeometry sdfGeometry;  // LevelSet zones: grid of the signed distances
  std::vector<float> sdfMm;    // LevelSet zones: signed distance (mm, negative inside)

  static LatticeZone fromBox(const Eigen::Vector3d& sizeMm, const Eigen::Vector3d& minCorner = Eigen::Vector3d::Zero());
  // Validates: non-empty, closed (no boundary / non-manifold edges), not
  // self-intersecting, outward (flipped if inside-out). `where` names the source.
  static LatticeZone fromMesh(const Mesh& m, const std::string& where);
  // Validates: sizes agree, some inside, the inside does not touch the grid border.
  static LatticeZone fromSignedDistance(const VolumeGeometry& g, std::vector<float> sdfMm, const std::string& where);
  double volumeMm3() const;
  // LevelSet zones: trilinear signed distance at p (outside the grid: distance to it, >= 0).
  double levelSetDistance(const Eigen::Vector3d& p) const;
  Eigen::AlignedBox3d bounds() const { return box; }
};

// Number of pairs of non-adjacent triangles that cross each other (stops at `limit`).
std::size_t countSelfIntersections(const Mesh& m, std::size_t limit = 1);

// A Mesh of a closed hemispherical shell (outer radius R, thickness t, pole along +z,
// flat rim at z = 0), for tests and demos. `segments` around the equator.
Mesh hemisphericalShell(double outerRadiusMm, double thicknessMm, int segments = 96);

}  // namespace tantalus::lattice
