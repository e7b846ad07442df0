#pragma once
// Screw trajectories for the planned cup: 6.5 mm cancellous screws from the cup's dome
// into the host bone, in the safe zones (Wasielewski's posterior-superior and
// posterior-inferior quadrants), as long in bone as the bone allows (15–80 mm in 5 mm
// steps), spread over the dome. Each with its length in bone, its tip, where its path
// leaves the bone, and warnings (a tip near the inner pelvic cortex, an exit near the
// sciatic notch).
#include <Eigen/Core>
#include <string>
#include <vector>

#include "tantalus/core/volume.h"
#include "tantalus/plan/cup_angles.h"
#include "tantalus/plan/pelvic_landmarks.h"

namespace tantalus::plan {

struct Screw {
  Eigen::Vector3d entryLps, directionLps, tipLps, exitLps;
  double lengthMm = 0;        // the screw: 15–80 in 5 mm steps
  double diameterMm = 6.5;
  double boneLengthMm = 0;    // bone along its path from the dome before the path leaves it
  std::string quadrant;       // "posterior-superior", "posterior-inferior" (or anterior-… for a screw chosen by hand)
  std::vector<std::string> warnings;
};

struct ScrewRequest {
  const Mask* bone = nullptr;          // host bone
  const PelvicFrame* frame = nullptr;
  Side side = Side::left;
  Eigen::Vector3d cupCentreLps = Eigen::Vector3d::Zero(), cupAxisLps = Eigen::Vector3d::Zero(), asisLps = Eigen::Vector3d::Zero();
  double cupRadiusMm = 0;
  int count = 8;                       // at most
  double diameterMm = 6.5;
  double minSeparationDeg = 20;        // between screws, seen from the cup's centre
  // Where the heads will sit: a generic 10 mm head on a seat about 6 mm inside the cup's
  // outer sphere (its walls and the liner's lock). Screws whose heads would overlap there
  // or reach the rim's 4.5 mm (the lock) are not proposed: the design would leave them out.
  double headDiameterMm = 10, seatInsetMm = 6, headClearOfRimMm = 4.5;
};

// Longest first.
std::vector<Screw> planScrews(const ScrewRequest& r);

// Screws chosen by hand (plan.screw_targets): each from the cup's outer sphere toward
// its target, its length the bone's along that path in 5 mm stock steps (15–80 mm).
// `count` and the separation are not applied; the warnings say more than the proposal's:
// an anterior quadrant, too little bone, a target inside the cup. Throws Error for a
// target at the cup's centre.
std::vector<Screw> screwsToward(const ScrewRequest& r, const std::vector<Eigen::Vector3d>& targetsLps);

}  // namespace tantalus::plan
