#pragma once
// Internal to src/lattice: what the OpenVDB translation unit offers the others,
// with no OpenVDB type in sight.
#include <Eigen/Dense>
#include <memory>

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

// The dense skin alone, meshed (for the 3MF). Empty when o.skinMm == 0.
Mesh meshSkin(const LatticeZone& zone, const LatticeBuildOptions& o, double voxelMm, const Progress& progress);

}  // namespace tantalus::lattice::detail
