// The field's public face inside the module: island analysis and zone distances
// for the 3MF writer (lattice_internal.h).
#include "vdb_lattice.h"

namespace tantalus::lattice::detail {

using namespace vdb;

IslandAnalysis findIslands(const LatticeZone& zone, const LatticeBuildOptions& o, double voxelMm, const Progress& progress) {
  if (!o.removeIslands) return {};
  Field F(zone, o, voxelMm, true, progress);
  return std::move(F.islands);
}

struct ZoneDistance::Impl {
  LatticeBuildOptions opts;
  std::unique_ptr<Field> field;
};

ZoneDistance::ZoneDistance(const LatticeZone& zone, double voxelMm, double bandMm) : impl_(std::make_unique<Impl>()) {
  impl_->opts.frame.cell = {1.0, 0.1};
  impl_->opts.skinMm = std::max(0.0, bandMm - (kBand + 2) * voxelMm);  // widens the interior band
  impl_->field = std::make_unique<Field>(zone, impl_->opts, voxelMm, false, Progress::none());
}
ZoneDistance::~ZoneDistance() = default;
double ZoneDistance::operator()(const Eigen::Vector3d& p) const { return impl_->field->zoneAtPoint(p); }
double ZoneDistance::bandMm() const { return impl_->field->zoneBandMm(); }

}  // namespace tantalus::lattice::detail
