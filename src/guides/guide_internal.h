#pragma once
// Internal to src/guides: the pieces makeGuide() assembles.
#include <Eigen/Dense>
#include <algorithm>
#include <string>
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/mesh_raycast.h"
#include "tantalus/guides/cutting_guide.h"

namespace tantalus::guides::detail {

// The bone under the guide, sampled as a height field along the insertion direction:
// node (i, j) lies at origin + (i − n)·step·u + (j − n)·step·v, its bone surface at
// `height` along w (the first bone met coming down from above: no undercut by construction).
struct PatchGrid {
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();
  Eigen::Matrix3d frame = Eigen::Matrix3d::Identity();  // u, v, w (w: out of the bone, the insertion direction)
  double step = 0.25;
  int n = 0;                                 // nodes run −n..n each way
  std::vector<double> height;                // along w; NaN: no bone under it
  std::vector<Eigen::Vector3d> boneNormal;   // of the face met
  std::vector<char> inPatch;                 // the seating patch

  int side() const { return 2 * n + 1; }
  std::size_t id(int i, int j) const { return std::size_t(j) * std::size_t(side()) + std::size_t(i); }
  bool valid(int i, int j) const { return i >= 0 && j >= 0 && i < side() && j < side(); }
  Eigen::Vector3d at(int i, int j, double h) const {
    return origin + frame.col(0) * (double(i - n) * step) + frame.col(1) * (double(j - n) * step) + frame.col(2) * h;
  }
  Eigen::Vector3d w() const { return frame.col(2); }
  // The guide's bone-facing side at node q: the clearance measured along the bone's normal
  // (along w it is clearance / cos of the slope, the slope at most 60°).
  double bottom(std::size_t q, double clearanceMm) const {
    return height[q] + clearanceMm / std::max(0.5, boneNormal[q].dot(w()));
  }
  // The node nearest a point (projected along w), or false off the grid.
  bool nodeNear(const Eigen::Vector3d& p, int& i, int& j) const;
};

// Where the plane enters the bone near its point: the bone-surface point on the plane
// nearest it. Throws Error (naming `where`) when the plane meets no bone surface.
Eigen::Vector3d entryPoint(const Mesh& bone, const Plane& plane, const std::string& where);
// The bone's mean outward normal over the patch around `entry`.
Eigen::Vector3d insertionDirection(const Mesh& bone, const Eigen::Vector3d& entry, double radiusMm, const std::string& where);
// Samples the bone under a disc of `radiusMm` about the entry; the patch is what is
// reachable from the centre over bone sloped less than 60° from w (its slope taken over
// ±1.5 mm, or 1.5 facets: a CT's surface is faceted at its voxel size), without steps.
PatchGrid samplePatch(const MeshRaycaster& rays, const Eigen::Vector3d& entry, const Eigen::Matrix3d& frame, double radiusMm,
                      double step, double facetMm, const std::string& where);
// The bone surface's median edge length about the entry: a CT's voxel size, about.
double facetSizeMm(const Mesh& bone, const Eigen::Vector3d& entry, double radiusMm);

// The closed slab over the patch: bottom at height + clearance, top `thickness[node]`
// above it; cells whose four corners are in the patch, with corner-only contacts removed
// (they would make non-manifold vertices). `used` gets the nodes of the cells kept.
Mesh slabMesh(const PatchGrid& g, double clearanceMm, const std::vector<double>& thickness, std::vector<char>& used);
// The same over `nodes` instead of the patch, the piece at node (seedI, seedJ).
Mesh slabOver(const PatchGrid& g, const std::vector<char>& nodes, int seedI, int seedJ, double clearanceMm,
              const std::vector<double>& thickness, std::vector<char>& used);

// The label's raised nodes: `text` in a 5 × 7 dot font of `pixelMm` dots, centred at
// `centre`, running along `along` (seen from +w it reads left to right). Characters: 0–9,
// A–Z as far as the font goes (hex digits, L, R), space and '-'.
std::vector<char> labelNodes(const PatchGrid& g, const std::string& text, const Eigen::Vector3d& centre,
                             const Eigen::Vector3d& along, double pixelMm);
bool fontHas(char c);

// The saw slot: a slab of the blade's width (plus clearance) centred on the plane, in
// the frame (along, m, n): `along` the cut line on the bone, n the plane's normal, m in
// the plane, into the bone. Its block of walls stands on the shell around it.
struct SlotGeometry {
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();  // the entry
  Eigen::Matrix3d frame = Eigen::Matrix3d::Identity();
  double halfWidthMm = 0;    // blade / 2 + clearance
  double wallMm = 3;         // the block's walls each side of the slot, and at its closed ends
  double halfLengthMm = 15;  // the block along the cut line
  double depthMm = 12;       // the block's height above the bone
  int openSides = 1;
  Eigen::Vector3d along() const { return frame.col(0); }
  Eigen::Vector3d normal() const { return frame.col(2); }
  double blockHalfWidthMm() const { return halfWidthMm + wallMm; }
};
SlotGeometry slotGeometry(const Plane& plane, const Eigen::Vector3d& entry, const Eigen::Vector3d& w, const GuideParams& p,
                          const std::string& where);
// The patch nodes under the slot's block.
std::vector<char> slotBlockNodes(const PatchGrid& g, const SlotGeometry& s, double clearanceMm);
// What the slot removes from the guide: the blade's slab through the block and the shell
// (through the block's ends when open there).
Mesh slotCavity(const SlotGeometry& s, double reachMm);

// K-wires with their sleeves on the kept side of the plane, aimed away from it.
// Each sleeve is a cylinder to be cut to its column (sleeve ∩ column): the guide's
// bone-facing side under it and everything above, so its foot is the shell's own
// bottom, never through it into the bone.
struct KWireSet {
  std::vector<KWire> wires;
  std::vector<Mesh> sleeves, columns, holes;
  std::vector<std::string> warnings;
};
KWireSet placeKWires(const PatchGrid& g, const std::vector<char>& used, const std::vector<char>& block,
                     const std::vector<double>& thickness, const SlotGeometry& slot, const std::vector<Plane>& planes,
                     const GuideParams& p);

// The smaller spread (degrees) of the bone's unit normals about their mean.
double spreadOf(const std::vector<Eigen::Vector3d>& normals);
}  // namespace tantalus::guides::detail
