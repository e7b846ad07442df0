#pragma once
// The resection of a tumour or a sclerotic rim: the bone on the removed side of every
// osteotomy plane, cut exactly (CGAL corefinement behind machining/mesh_boolean.h, the
// bone repaired first), its volume, and each plane's margin to the lesion (docs/guides.md).
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::guides {

// An osteotomy plane: its normal (unit) points into the piece that is removed.
struct Plane {
  Eigen::Vector3d point = Eigen::Vector3d::Zero(), normal = Eigen::Vector3d::UnitZ();
  static Plane of(const GuidePlane& p);
  double signedDistance(const Eigen::Vector3d& x) const { return (x - point).dot(normal); }
};

// How far a plane runs from the lesion: the lesion's point nearest it (on the removed
// side: positive; a lesion crossing the plane reads negative).
struct PlaneMargin {
  double minDistanceMm = 0;
  Eigen::Vector3d nearestLesionPointMm = Eigen::Vector3d::Zero();
  bool violated = false;  // closer than the margin
};

struct Resection {
  Mesh piece;                            // bone ∩ the planes' half-spaces that a cut frees, closed
  std::size_t wholeBonesLeft = 0;        // pieces beyond the planes no cut meets (a rib): not removed
  double volumeMm3 = 0;
  std::vector<double> cutAreaMm2;        // each plane's cut face on the bone
  std::vector<PlaneMargin> margins;      // one per plane; empty without a lesion
  double lesionOutsideFraction = 0;      // of the lesion surface's vertices, outside the piece
  machining::RepairReport boneRepair;
};

// The removed piece. Throws Error (naming "guides.planes[i]") when a plane does not cut
// the bone, or the planes together leave nothing.
Resection resect(const Mesh& bone, const std::vector<Plane>& planes, const Mesh* lesion, double marginMm,
                 const Progress& progress = Progress::none());
// The same from a bone already repaired into an exact solid (`bone`: its mesh), so a
// caller that needs the repaired mesh too repairs once.
Resection resect(const machining::ExactSolid& repairedBone, const Mesh& bone, const std::vector<Plane>& planes, const Mesh* lesion,
                 double marginMm, const Progress& progress = Progress::none());

// The lesion's surface from a label map (any non-zero voxel), checked against the CT's
// grid: a lesion outside the image, or an empty map, is an Error naming `file`.
Mesh lesionSurface(const Mask& lesion, const VolumeGeometry& ct, const std::string& file);

// A lesion as a threshold region: the CT's voxels within [loHu, hiHu] 6-connected to the
// seed's voxel. An Error (naming guides.lesion_seed) when the seed lies outside the image
// or its voxel outside the range.
Mask lesionFromThreshold(const CtVolume& ct, int loHu, int hiHu, const Eigen::Vector3d& seedLps);

// Each vertex of the piece's cut faces (on a plane within 0.01 mm) and its distance to
// the lesion's surface: the margin colour map of the review.
struct MarginSample {
  Eigen::Vector3d point;
  int plane = 0;
  double distanceMm = 0;
};
std::vector<MarginSample> cutFaceMargins(const Resection& r, const std::vector<Plane>& planes, const Mesh& lesion);

}  // namespace tantalus::guides
