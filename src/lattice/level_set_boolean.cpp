#include "tantalus/lattice/level_set_boolean.h"

#include <openvdb/tools/Composite.h>
#include <openvdb/tools/VolumeToMesh.h>

#include "tantalus/core/error.h"
#include "vdb_lattice.h"

namespace tantalus::lattice {

Mesh levelSetBoolean(const Mesh& a, const Mesh& b, LevelSetOp op, double voxelMm, const Progress& progress) {
  if (!(voxelMm > 0)) throw Error("voxel size must be positive", "level-set Boolean", "give a voxel size in mm");
  openvdb::initialize();
  const auto xform = openvdb::math::Transform::createLinearTransform(voxelMm);
  const float band = float(vdb::kBand);
  vdb::FloatGrid::Ptr ga = vdb::meshToGrid(a, *xform, band, band, progress.sub(0.0, 0.4));
  vdb::FloatGrid::Ptr gb = vdb::meshToGrid(b, *xform, band, band, progress.sub(0.4, 0.8));
  if (op == LevelSetOp::Difference) openvdb::tools::csgDifference(*ga, *gb);
  else openvdb::tools::csgUnion(*ga, *gb);
  std::vector<openvdb::Vec3s> pts;
  std::vector<openvdb::Vec3I> tris;
  std::vector<openvdb::Vec4I> quads;
  openvdb::tools::volumeToMesh(*ga, pts, tris, quads, 0.0);
  progress.check();
  Mesh m;
  m.vertices.resize(Eigen::Index(pts.size()), 3);
  for (std::size_t i = 0; i < pts.size(); ++i) m.vertices.row(Eigen::Index(i)) << pts[i][0], pts[i][1], pts[i][2];
  m.faces.resize(Eigen::Index(tris.size() + 2 * quads.size()), 3);
  Eigen::Index f = 0;
  // OpenVDB winds its polygons clockwise seen from outside; this project's meshes are
  // counter-clockwise (outward normals by the right-hand rule).
  for (const auto& t : tris) m.faces.row(f++) << std::int32_t(t[0]), std::int32_t(t[2]), std::int32_t(t[1]);
  for (const auto& q : quads) {
    m.faces.row(f++) << std::int32_t(q[0]), std::int32_t(q[2]), std::int32_t(q[1]);
    m.faces.row(f++) << std::int32_t(q[0]), std::int32_t(q[3]), std::int32_t(q[2]);
  }
  progress.report(1.0, "level-set Boolean done");
  return m;
}

}  // namespace tantalus::lattice
