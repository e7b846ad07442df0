#pragma once
// The monolithic acetabular cup-plus-augment, designed from the plan: a cup at the
// planned centre, size and orientation whose seat receives a stock liner, an augment
// filling the defect from the cup's outer sphere to the host bone, screw holes along
// the planned trajectories; as the print body (with machining stock on the seat) and
// the machined body (the exact seat, groove and slots after CNC).
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"
#include "tantalus/lattice/lattice_zone.h"
#include "tantalus/machining/liner_profile.h"
#include "tantalus/machining/primitives.h"
#include "tantalus/plan/hip_plan.h"

namespace tantalus::design {

// The cup in its own frame: origin at the planned centre, axis out of the opening.
struct CupGeometry {
  machining::AxisFrame frame;
  double outerRadiusMm = 0, seatRadiusMm = 0;
  double rimHeightMm = 0;      // the rim plane above the centre (beyond the equator)
  double denseMm = 0, porousMm = 0;
  double wallAtPoleMm = 0;     // outer radius minus the seat's depth
};
// Throws Error when the planned cup cannot take the liner with the asked walls.
CupGeometry cupGeometry(const plan::CupPlan& cup, const machining::LinerProfile& liner, const DesignParams& p);

struct DesignedScrew {
  int number = 0;                          // 1-based, as in the plan
  Eigen::Vector3d seatPointLps, directionLps, tipLps;
  double lengthMm = 0, diameterMm = 0;     // the screw under its head (stock lengths, 5 mm steps)
  double implantMm = 0;                    // along the screw inside the implant (from the seat)
  double boneMm = 0;                       // then in host bone up to the tip: its purchase
  double boneFraction = 0;                 // of the path from the implant to the bone's far side, in bone
};

struct AugmentFigures {
  double volumeMl = 0;                     // solid added outside the cup's sphere (less the flange)
  double flangeMl = 0;                     // the flange on the ilium (design.flange_mm)
  double defectFilledFraction = 0;         // of the plan's defect within the envelope
};

struct ImplantDesign {
  CupGeometry cup;
  machining::LinerProfile liner;
  // The solid titanium, exact: as printed (stock on the seat) and as machined. With a
  // porous layer the lattice fills `porousZone` bonded to these (the design step
  // streams the united bodies to STL); without one they are the whole implant.
  Mesh printBody, machinedBody, seatCutter, screws;
  Mesh outerBody;                          // the body before any cut (its outer surface meets the bone)
  std::optional<lattice::LatticeZone> porousZone;
  double porousMl = 0;
  std::vector<DesignedScrew> screwHoles;
  std::vector<int> screwsLeftOut;          // plan numbers left out (head in the lock, under 20 mm of purchase)
  AugmentFigures augment;
  std::vector<std::string> warnings;
};

struct DesignInputs {
  const Mask* hostBone = nullptr;          // bone with the old implant removed (the CT's grid)
  const plan::HipPlan* plan = nullptr;
  DesignParams params;
  std::optional<Mesh> envelope;            // closed: the augment stays inside it
  std::string envelopeName;                // for errors
};

ImplantDesign designImplant(const DesignInputs& in, const Progress& progress = Progress::none());

}  // namespace tantalus::design
