#pragma once
// The phantom's anatomy, analytic: a pelvis (two hemipelves with sockets, iliac wings
// with anterior superior iliac spines, pubic rami with tubercles, a sacrum joining
// them), the femora, the old implant(s) and the defect, in the phantom's own frame
// (the revised hip on +x, anterior −y, superior +z, the anterior pelvic plane
// y = −35 and the symmetry plane x = 0), placed in the scanner by a pose (rotation,
// shift, and a mirror when the sides are swapped). The body outline, the table and
// the skin beads stay in the scanner's frame, as they do on a real scanner.
#include <Eigen/Dense>
#include <vector>

#include "tantalus/io/phantom.h"

namespace tantalus::io::detail {

class PhantomAnatomy {
public:
  explicit PhantomAnatomy(const PhantomOptions& o);
  // HU at a scanner point (no partial volume, no noise).
  double hu(const Eigen::Vector3d& scannerLps) const;
  // Everything but the defect volume (PhantomTruth::defectVolumeMm3), which is integrated.
  PhantomTruth truthWithoutDefectVolume() const;
  // Inside the defect cavity, in the phantom's frame.
  bool defect(const Eigen::Vector3d& q) const;
  // Native bone of the revised hemipelvis that the revision has lost (the defect
  // cavity and the old cup's sphere), in the phantom's frame; and its bounding box.
  bool boneLost(const Eigen::Vector3d& q) const;
  void boneLostBox(Eigen::Vector3d& lo, Eigen::Vector3d& hi) const;
  Eigen::Vector3d toScannerPoint(const Eigen::Vector3d& q) const { return toScanner(q); }
  Eigen::Vector3d defectCentre() const { return defectCentre_; }
  Eigen::Vector3d defectSemiAxes() const { return defectSemi_; }

private:
  struct Cup {
    Eigen::Vector3d centre, axis;  // phantom frame
  };
  Eigen::Vector3d toScanner(const Eigen::Vector3d& q) const { return linear_ * q + shift_; }
  Eigen::Vector3d toPhantom(const Eigen::Vector3d& p) const { return linear_.transpose() * (p - shift_); }
  bool pelvis(const Eigen::Vector3d& q, int side, double shrink) const;
  bool sacrum(const Eigen::Vector3d& q, double shrink) const;
  int femur(const Eigen::Vector3d& q, int side, double shrink) const;
  bool stem(const Eigen::Vector3d& q) const;  // the revised hip's, from its head down the femur
  double stemVolumeMm3() const;
  double outsideBodyHu(const Eigen::Vector3d& p) const;
  bool bead(const Eigen::Vector3d& p) const;
  double streakDepth(const Eigen::Vector3d& p) const;

  PhantomOptions o_;
  Eigen::Matrix3d rotation_, linear_;  // linear = rotation · mirror
  Eigen::Vector3d shift_;
  Eigen::Vector3d cor_[2], nativeAxis_[2];  // [0] the phantom's right, [1] its left (the revised side)
  bool replaced_[2] = {false, true};
  std::vector<Cup> cups_;                   // cups_[0]: the revised hip's migrated cup
  Eigen::Vector3d defectCentre_, defectSemi_;
  Eigen::Vector3d streakCentreScanner_;
  std::vector<Eigen::Vector3d> beads_;      // scanner frame
};

}  // namespace tantalus::io::detail
