#pragma once
// Internal to src/design: the pieces designImplant() assembles.
#include <string>
#include <vector>

#include "tantalus/design/implant_design.h"
#include "tantalus/lattice/lattice_zone.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::design {

machining::LinerProfile chooseLiner(const plan::CupPlan& cup, const DesignParams& p, std::string& reason);

// The solid body (cup ∪ augment, no seat, no holes) on a fine grid aligned with the
// cup's frame, running 1 mm past the rim plane (the exact rim cut removes that).
struct BodyGrid {
  Mask body;
  double augmentMl = 0;           // augment voxels (outside the cup's sphere, below its rim)
  double defectInEnvelopeMl = 0;  // the plan's defect within the reach and the envelope, below the rim
  double defectFilledMl = 0;      // of it, in the augment (the rest: off the bone by the clearance, or cut off)
  double filledPocketsMl = 0;     // enclosed pockets filled solid
  Mask flange;                    // the flange's voxels on the ilium (none without design.flange_mm)
  double flangeMl = 0;
};
BodyGrid bodyGrid(const DesignInputs& in, const CupGeometry& cup, const Progress& progress);

// Screw holes with their countersinks, along the plan's radial trajectories; screws whose
// head would reach the liner's lock are left out (with a warning).
struct ScrewHoles {
  std::vector<DesignedScrew> screws;
  std::vector<Mesh> cutters, shafts;
  std::vector<int> leftOut;
  std::vector<std::string> warnings;
};
// Each screw runs from its head in the seat through the implant into the host bone, as
// long as the bone allows (stock lengths in 5 mm steps, 1 mm short of where the path
// leaves the bone); one with less than 20 mm of purchase is left out.
ScrewHoles screwHoles(const plan::HipPlan& plan, const CupGeometry& cup, const machining::LinerProfile& liner,
                      const Mask& body, const Mask& hostBone);

// The clearance bore of a screw (its thread plus the bore clearance), mm.
double boreRadiusMm(double screwDiameterMm);

// The porous layer (porous_layer.cpp): body voxels within design.porous_mm of the
// body's outer surface, outside the dense shell around the seat, below a solid rim
// band and outside solid sleeves around the screw bores. The rest is the solid core,
// kept where it is joined to the dense shell.
constexpr double kSolidRimMm = 1.0;   // solid band below the rim plane
constexpr double kSleeveMm = 1.0;     // solid sleeve around each screw bore
constexpr double kBondMm = 0.5;       // the lattice zone reaches this far into the core
struct PorousLayer {
  Mask core;                          // the solid part (the body when there is no layer)
  double porousMl = 0;                // the layer's voxels
  std::optional<lattice::LatticeZone> zone;  // the layer as a level set, reaching kBondMm into the core
};
// The flange and the layer under its root stay solid (it is joined to the dense shell
// through solid titanium, not through struts).
PorousLayer porousLayer(const Mask& body, const CupGeometry& cup, const std::vector<DesignedScrew>& screws,
                        const DesignParams& p, const Mask& flange);

// The seat cutter in the cup's frame, running 5 mm past the rim: finished (stock 0, groove
// and slots) or as printed (stock > 0, plain and smaller).
Mesh seatCutterMesh(const CupGeometry& cup, const machining::LinerProfile& liner, double stockMm,
                    const Progress& progress = Progress::none());
// What both bodies lose besides their seat: the space above the rim plane and the holes,
// united once.
machining::ExactSolid rimAndHoles(const CupGeometry& cup, const std::vector<Mesh>& holes, const Progress& progress);
// Everything a body loses: its seat, and the rim and holes.
machining::ExactSolid removedVolume(const Mesh& seat, const std::string& seatName, const machining::ExactSolid& rimAndHoles,
                                    const Progress& progress);

}  // namespace tantalus::design
