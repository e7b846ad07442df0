// The porous layer: the body's outer skin below the rim, porousMm deep, where the
// lattice grows into the bone; the rest (the dense shell around the seat, the rim,
// sleeves around the screw holes, the augment's core) stays solid titanium.
#include <array>
#include <cmath>

#include "design_internal.h"
#include "tantalus/core/distance_map.h"
#include "tantalus/core/error.h"
#include "tantalus/core/flood_fill.h"
#include "tantalus/lattice/strut_network.h"

namespace tantalus::design {

namespace {

// The solid sleeves' axes: each screw from its seat point to its tip, extended 5 mm both ways.
struct Sleeves {
  std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> axes;
  double radiusMm = 0;
  // Positive outside every sleeve.
  double distance(const Eigen::Vector3d& p) const {
    double d = std::numeric_limits<double>::infinity();
    for (const auto& [a, b] : axes) d = std::min(d, lattice::segmentDistance(p, a, b) - radiusMm);
    return d;
  }
};

// The voxels of `from` 6-connected (through `from`) to a seed; the others move to `to`.
void moveUnreached(Mask& from, Mask& to, const std::vector<char>& seed) {
  const auto& g = from.geometry;
  std::vector<char> seen(g.voxelCount(), 0);
  std::vector<std::size_t> stack;
  for (std::size_t v = 0; v < g.voxelCount(); ++v)
    if (from.data[v] && seed[v]) seen[v] = 1, stack.push_back(v);
  floodFill6(g, std::move(stack), [&](std::size_t w) {
    if (!from.data[w] || seen[w]) return false;
    seen[w] = 1;
    return true;
  });
  for (std::size_t v = 0; v < g.voxelCount(); ++v)
    if (from.data[v] && !seen[v]) from.data[v] = 0, to.data[v] = 1;
}

// Voxels on the grid's border or with a face neighbour outside the body.
std::vector<char> facingOutside(const Mask& body) {
  const auto& g = body.geometry;
  const std::array<int, 3> n = g.size;
  std::vector<char> open(g.voxelCount(), 0);
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) {
        bool o = i == 0 || j == 0 || k == 0 || i == n[0] - 1 || j == n[1] - 1 || k == n[2] - 1;
        for (int a = 0; a < 3 && !o; ++a)
          for (int s = -1; s <= 1 && !o; s += 2) {
            std::array<int, 3> q{i, j, k};
            q[std::size_t(a)] += s;
            o = !body.data[g.index(q[0], q[1], q[2])];
          }
        open[g.index(i, j, k)] = o;
      }
  return open;
}

}  // namespace

PorousLayer porousLayer(const Mask& body, const CupGeometry& cup, const std::vector<DesignedScrew>& screws,
                        const DesignParams& p, const Mask& flange) {
  PorousLayer out;
  out.core = body;
  const VolumeGeometry& g = body.geometry;
  if (!(p.porousMm > 0) || p.porousFill != "lattice") return out;
  const std::vector<float> toBody = signedDistanceMm(body);
  Sleeves sleeves;
  for (const auto& s : screws) sleeves.radiusMm = std::max(sleeves.radiusMm, boreRadiusMm(s.diameterMm) + kSleeveMm);
  for (const auto& s : screws) sleeves.axes.push_back({s.seatPointLps - 5.0 * s.directionLps, s.tipLps + 5.0 * s.directionLps});
  const double denseRadius = cup.outerRadiusMm - cup.porousMm;
  // Solid within the layer's depth and a voxel of the flange: its root reaches the dense shell.
  std::vector<float> toFlange;
  if (flange.count() > 0) toFlange = signedDistanceMm(flange);
  const double flangeSolidMm = p.porousMm + g.spacing.maxCoeff();
  Mask porous(g);
  std::vector<char> shell(g.voxelCount(), 0);
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const std::size_t v = g.index(i, j, k);
        if (!body.data[v]) continue;
        const Eigen::Vector3d x = g.indexToLps(Eigen::Vector3d(i, j, k)), q = x - cup.frame.origin;
        shell[v] = q.norm() <= denseRadius;
        const bool layer = toBody[v] > -p.porousMm && !shell[v] && q.dot(cup.frame.axis) < cup.rimHeightMm - kSolidRimMm &&
                           sleeves.distance(x) > 0 && (toFlange.empty() || toFlange[v] > flangeSolidMm);
        if (layer) porous.data[v] = 1, out.core.data[v] = 0;
      }
  // Core islands not joined to the dense shell (cut off by the layer) become porous;
  // layer pockets the solid closes in (under a flange's root) become solid: a lattice
  // there would hold powder no one can get out.
  moveUnreached(out.core, porous, shell);
  moveUnreached(porous, out.core, facingOutside(body));
  out.porousMl = porous.volumeMl();
  if (porous.count() == 0) return out;
  // The zone: the layer, reaching kBondMm into the core (the struts' roots, hidden in the
  // union), never past the body's outer surface, and kBondMm into a sleeve at most.
  const std::vector<float> toLayer = signedDistanceMm(porous);
  std::vector<float> sdf(g.voxelCount());
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const std::size_t v = g.index(i, j, k);
        const double s = std::max(double(toBody[v]), double(toLayer[v]) - kBondMm);
        const double sleeve = sleeves.axes.empty() ? -1e9 : -(sleeves.distance(g.indexToLps(Eigen::Vector3d(i, j, k))) + kBondMm);
        sdf[v] = float(std::max(s, sleeve));
      }
  out.zone = lattice::LatticeZone::fromSignedDistance(g, std::move(sdf), "the implant's porous layer");
  return out;
}

}  // namespace tantalus::design
