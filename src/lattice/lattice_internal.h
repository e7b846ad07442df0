#pragma once
// Internal to src/lattice: what the OpenVDB translation unit offers the others,
// with no OpenVDB type in sight.
#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <utility>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice::detail {

// Signed distance to the zone boundary (mm, negative inside). Box: exact;
// mesh: trilinear sample of a narrow-band level set (clamped to +-band far away).
class ZoneDistance {
public:
  ZoneDistance(const LatticeZone& zone, double voxelMm, double bandMm);
  ~ZoneDistance();
  double operator()(const Eigen::Vector3d& p) const;
  double bandMm() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Identity of a strut: its two lattice node keys (Strut::nodeA, Strut::nodeB).
struct StrutKeyHash {
  std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& k) const {
    const std::uint64_t x = std::uint64_t(k.first) * 0x9E3779B97F4A7C15ull ^ (std::uint64_t(k.second) + 0x7F4A7C15ull);
    return std::size_t(x ^ (x >> 31));
  }
};
using StrutKeySet = std::unordered_set<std::pair<std::int64_t, std::int64_t>, StrutKeyHash>;

// Floating fragments ("islands"): the struts in the zone, joined through shared nodes
// that lie inside the zone (and to one virtual skin node where a capsule overlaps the
// skin). Kept: the components attached to the skin, or (no skin contact) the largest
// one. Everything else is listed in `dropped` and never drawn (fill, 3MF).
struct IslandAnalysis {
  StrutKeySet dropped;                 // all struts of dropped components
  std::uint64_t strutsInZone = 0;      // graph vertices
  std::uint64_t components = 0;        // connected components of the strut graph
  std::uint64_t droppedComponents = 0; // floating fragments removed: some strut axis inside the zone
  std::uint64_t droppedStruts = 0;     // their intruding struts
  std::uint64_t sliverComponents = 0; // also removed: boundary slivers, no strut axis inside the zone
  std::uint64_t sliverStruts = 0;      // (shavings thinner than a strut radius, where a strut grazes the zone)
  bool keptBySkin = false;             // kept = components touching the skin (else: the largest)
  std::uint64_t keptComponents = 0;    // lattice bodies kept (> 1: several bodies, each >= one cell)
};
// Uses the builder's zone distance and skin at voxel size `voxelMm` (mesh zones: the
// narrow-band level set at that voxel size). Empty when o.removeIslands is false.
IslandAnalysis findIslands(const LatticeZone& zone, const LatticeBuildOptions& o, double voxelMm, const Progress& progress);

// The dense skin alone, meshed (for the 3MF). Empty when o.skinMm == 0.
Mesh meshSkin(const LatticeZone& zone, const LatticeBuildOptions& o, double voxelMm, const Progress& progress);

}  // namespace tantalus::lattice::detail
