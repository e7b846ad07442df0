#pragma once
// The old implant, read from its metal mask: each metal part classified (cup shell,
// femoral head, femoral stem, other: screw, plate, nail, bead), and the cup's centre,
// outer diameter and opening axis, the head's centre and diameter, by sphere fits to
// the parts' surfaces. A head on its stem is one metal part (the taper joins them):
// it is split at the cup, the metal inside the cup's inner sphere being the head.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/plan/cup_angles.h"
#include "tantalus/plan/sphere_fit.h"

namespace tantalus::plan {

struct MetalPart {
  enum class Kind { cupShell, head, stem, other };
  Kind kind = Kind::other;
  double volumeMl = 0;
  Eigen::Vector3d centroidLps = Eigen::Vector3d::Zero();
  SphereFit sphere;          // the head's sphere (also a stem's, with its head on it), or the shell's outer sphere
  double innerRadiusMm = 0;  // shells
  bool cutByScan = false;    // reaches the first or last slice: the scan may have cut it short
  std::string why;           // what decided the kind, with the figures
};
const char* kindName(MetalPart::Kind k);  // "cup shell", "head", "stem", "other"

struct OldCup {
  Eigen::Vector3d centreLps = Eigen::Vector3d::Zero();
  double outerDiameterMm = 0, innerDiameterMm = 0, fitRmsMm = 0;
  Eigen::Vector3d axisLps = Eigen::Vector3d::Zero();  // opening direction, unit
  CupAngles scanner;                                   // relative to the scanner axes
  Side side = Side::left;                              // the side it opens to
};
struct OldHead {
  Eigen::Vector3d centreLps = Eigen::Vector3d::Zero();
  double diameterMm = 0, fitRmsMm = 0;
};

struct OldImplant {
  std::vector<MetalPart> parts;  // metal parts of at least kMinPartMl, largest first
  std::optional<OldCup> cup;     // the largest shell (the planner keeps the affected side's)
  std::optional<OldHead> head;   // the largest head (the planner keeps the one in that cup)
  std::vector<OldCup> cups;      // every shell, largest first (both hips when bilateral)
  std::vector<OldHead> heads;
  static constexpr double kMinPartMl = 0.3;
};

OldImplant analyseOldImplant(const Mask& implant, const Progress& progress = Progress::none());

}  // namespace tantalus::plan
