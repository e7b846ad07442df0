#pragma once
// A patient-specific cutting guide for one osteotomy plane (docs/guides.md): a shell that
// conforms to a patch of the bone (offset by the clearance), placed along one insertion
// direction; a saw slot in the plane; K-wire sleeves aimed away from the planes; an
// embossed label. Watertight by construction (the shell and its slot block are a closed
// height field over the patch) and cut exactly (slot and holes by CGAL corefinement).
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/mesh_raycast.h"
#include "tantalus/core/progress.h"
#include "tantalus/guides/resection.h"

namespace tantalus::guides {

// Does the guide sit on the bone in one position only?
struct Seating {
  double contactAreaMm2 = 0;           // bone-facing surface within clearance + 0.2 mm of the bone
  double patchAreaMm2 = 0;             // the whole bone-facing surface
  double withinToleranceFraction = 0;  // of it, at clearance ± 0.2 mm from the bone
  double maxGapMm = 0;                 // farthest bone-facing point from the bone
  // Points that meet bone when the guide is lifted 30 mm along its insertion, and points
  // inside the bone; each counted beyond 0.1 mm (a touch below what a CT's surface or a
  // print can tell).
  std::size_t undercutPoints = 0;
  std::size_t penetratingPoints = 0;
  Eigen::Vector3d problemMm = Eigen::Vector3d::Zero();  // the first such point (undercut or inside)
  double curvatureSpreadDeg = 0;       // the smaller spread of the bone's normals under it: ~0 on flat or cylindrical bone
  bool unique() const { return undercutPoints == 0 && penetratingPoints == 0 && curvatureSpreadDeg >= 5; }
};

struct KWire {
  Eigen::Vector3d entryMm, direction;  // where it leaves the sleeve's top, and into the bone
};

struct CuttingGuide {
  Mesh mesh;
  Plane plane;
  Eigen::Vector3d entryMm = Eigen::Vector3d::Zero();  // the plane's entry into the bone, the patch's centre
  Eigen::Vector3d insertion = Eigen::Vector3d::UnitZ();  // the guide goes onto the bone along −insertion
  Eigen::Vector3d slotAlong = Eigen::Vector3d::UnitX();  // the slot's length, in the plane
  double slotWidthMm = 0;
  std::vector<KWire> kwires;
  std::string label;
  Seating seating;
  double volumeMm3 = 0;
  std::vector<std::string> warnings;
};

// `label` is embossed on its top ("R 3F9A": side and case hash). Throws Error naming
// `where` when the plane does not meet the bone's surface, the patch is too small to
// seat a guide, or the guide cannot be made.
CuttingGuide makeGuide(const Mesh& bone, const Plane& plane, const std::vector<Plane>& allPlanes, const GuideParams& p,
                       const std::string& label, const std::string& where, const Progress& progress = Progress::none());

// Seating of a guide mesh on the bone, lifted along `insertion`; `bottom` are its
// bone-facing points (with the area each stands for); `boneRays` casts against `bone`.
Seating seatingOf(const Mesh& bone, const MeshRaycaster& boneRays, const std::vector<Eigen::Vector3d>& bottom, const std::vector<double>& bottomArea,
                  const Mesh& guide, const Eigen::Vector3d& insertion, double clearanceMm);

}  // namespace tantalus::guides
