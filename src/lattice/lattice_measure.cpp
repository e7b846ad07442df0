// Measurements of a built lattice, on its emitted triangles.
#include "tantalus/core/mesh_raycast.h"
#include "vdb_lattice.h"

namespace tantalus::lattice {

using namespace vdb;

LatticeMeasurement measureStrutsOnMesh(const Mesh& mesh, const LatticeZone& zone, const LatticeFrame& frame) {
  LatticeMeasurement m;
  const MeshRaycaster rays(mesh);
  const double a = frame.cell.cellMm, rMax = frame.maxStrutDiameter() / 2;
  // Distance to the zone boundary (negative inside), exact for boxes.
  const detail::ZoneDistance zoneDistance(zone, frame.cell.strutMm / 4, a);
  // Struts whose ends lie deeper than a strut radius and a quarter cell, windows deeper
  // than a cell: away from the zone's clipped boundary.
  const double strutMargin = std::min(rMax + a / 4, zoneDistance.bandMm()), margin = std::min(a, zoneDistance.bandMm());
  // Struts: at mid-length, 16 rays across the axis; all must hit.
  const std::vector<Strut> struts = strutsInBox(frame, zone.box, 0.0);
  const std::size_t strideS = std::max<std::size_t>(1, struts.size() / 3000);
  double sum = 0, sum2 = 0;
  for (std::size_t i = 0; i < struts.size(); i += strideS) {
    const Strut& s = struts[i];
    if (zoneDistance(s.a) > -strutMargin || zoneDistance(s.b) > -strutMargin) continue;
    const Eigen::Vector3d mid = 0.5 * (s.a + s.b), u = (s.b - s.a).normalized();
    const Eigen::Vector3d e1 = u.unitOrthogonal(), e2 = u.cross(e1);
    double rs = 0;
    int k = 0;
    for (; k < 16; ++k) {
      const double th = 2 * M_PI * k / 16;
      const auto t = rays.firstHit(mid, std::cos(th) * e1 + std::sin(th) * e2, 4 * rMax);
      if (!t) break;
      rs += *t;
    }
    if (k < 16) continue;
    const double d = 2 * rs / 16;
    sum += d;
    sum2 += d * d;
    ++m.strutsMeasured;
  }
  if (m.strutsMeasured) {
    m.meanStrutDiameterMm = sum / double(m.strutsMeasured);
    m.strutDiameterSpreadMm =
        std::sqrt(std::max(0.0, sum2 / double(m.strutsMeasured) - m.meanStrutDiameterMm * m.meanStrutDiameterMm));
  }
  // Windows: 180 rays in the face plane from the face centre; the nearest crossing.
  const auto windows = windowsInBox(frame, zone.box);
  const std::size_t strideW = std::max<std::size_t>(1, windows.size() / 2000);
  double wsum = 0;
  for (std::size_t i = 0; i < windows.size(); i += strideW) {
    const Window& w = windows[i];
    if (zoneDistance(w.centre) > -margin) continue;
    const Eigen::Vector3d e1 = w.normal.unitOrthogonal(), e2 = w.normal.cross(e1);
    double best = std::numeric_limits<double>::infinity();
    for (int k = 0; k < 180; ++k) {
      const double th = 2 * M_PI * k / 180;
      if (const auto t = rays.firstHit(w.centre, std::cos(th) * e1 + std::sin(th) * e2, a)) best = std::min(best, *t);
    }
    if (!std::isfinite(best)) continue;
    wsum += 2 * best;
    ++m.windowsMeasured;
  }
  if (m.windowsMeasured) m.meanWindowMm = wsum / double(m.windowsMeasured);
  return m;
}

LatticeMeasurement measureLattice(const LatticeZone& zone, const LatticeBuildOptions& o, const Progress& progress) {
  checkOptions(zone, o);
  Mesh mesh;
  const LatticeBuildStats st = runTilesIntoMesh(zone, o, true, o.resolvedVoxelMm(), mesh, progress.sub(0, 0.8));
  progress.report(0.8, "measuring struts and windows on the mesh");
  LatticeMeasurement m = measureStrutsOnMesh(mesh, zone, o.frame);
  const double V = zone.volumeMm3();
  m.porosityVoxels = st.porosityFromVoxels();
  m.porosityMesh = 1.0 - signedVolume(mesh) / V;  // on the welded mesh itself, not the running sum
  m.activeVoxels = st.activeVoxels;
  m.triangles = st.triangles;
  m.fillSeconds = st.fillSeconds;
  progress.report(1.0, "measured");
  return m;
}

}  // namespace tantalus::lattice
