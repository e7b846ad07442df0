#pragma once
// A synthetic revision-hip CT with known answers: a hemipelvis-like bone on
// each side (cortical shell, cancellous core, acetabular socket), the native
// right hip with its femoral head, and on the left a migrated metal cup and
// head with a polyethylene liner and a cavity defect behind the cup.
// Written as a real DICOM series (one file per slice) plus truth.json.
#include <Eigen/Dense>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/core/volume.h"

namespace tantalus::io {

struct PhantomOptions {
  int matrix = 512;                 // rows = columns
  int slices = 250;
  double pixelMm = 0.8;             // in-plane spacing (410 mm field of view)
  double sliceMm = 1.0;
  std::vector<double> slicePositionsMm;  // explicit z positions (overrides slices/sliceMm)
  double gantryTiltDeg = 0;         // tilts the image plane about the L axis
  double noiseHu = 8;               // Gaussian noise, fixed seed
  std::string transferSyntax = "explicit";  // explicit | implicit | big-endian | deflated | rle | jpeg-lossless
  std::string photometric = "MONOCHROME2";  // MONOCHROME1 stores the same values (display inverted)
  std::string modality = "CT";      // "MR" makes an MR series (for error tests)
  bool enhanced = false;            // one multi-frame Enhanced CT file (functional groups)
  int metalHu = 5000;               // extended-CT-scale titanium/CoCr
  // Dark metal streaks: 12 radial bands (5 mm wide at the cup's rim) through the
  // cup's slab, this many HU deep at the metal and fading outwards (0 = none).
  double streakHu = 0;
  // The patient's pose in the scanner (the body outline, table and beads stay put):
  // rotation about the scanner's x, then y, then z axes (degrees), then a shift (mm).
  Eigen::Vector3d poseDeg = Eigen::Vector3d::Zero();
  Eigen::Vector3d poseShiftMm = Eigen::Vector3d::Zero();
  bool swapSides = false;   // the revised hip on the right (the anatomy mirrored)
  bool bilateral = false;   // the other hip replaced too (a cup at its native COR)
  bool table = false;       // a CT table under the body: a 300 HU top and 1400 HU rails
  bool beads = false;       // six 4 mm metal beads on the skin (radiotherapy markers)
  bool stem = false;        // a femoral stem carrying the revised hip's head (one metal part with it)
  double topMm = 1e9;       // slices above this z are not scanned (a scan short of the crests)
};

struct PhantomTruth {
  std::string revisedSide;                       // "left" or "right"
  Eigen::Vector3d corRightMm, corLeftNativeMm;   // native centres of rotation (LPS), each side
  Eigen::Vector3d cupCentreMm, cupAxis;          // old cup: centre and opening axis (unit)
  // Radiographic (Murray), relative to the anterior pelvic plane (on an unposed
  // phantom the same as the scanner's axes).
  double cupInclinationDeg = 0, cupAnteversionDeg = 0;
  // Landmarks [0] right, [1] left: anterior superior iliac spines and pubic tubercles.
  Eigen::Vector3d asisMm[2], pubicTubercleMm[2];
  // Pelvic frame, columns: towards the patient's left, posterior, superior. Its first
  // column is the symmetry plane's normal, its second the APP's (posterior) normal.
  Eigen::Matrix3d pelvicFrame = Eigen::Matrix3d::Identity();
  Eigen::Vector3d symmetryPointMm = Eigen::Vector3d::Zero();  // on the symmetry plane
  std::vector<Eigen::Vector3d> otherCupCentresMm;              // bilateral: the other hip's cup
  double cupOuterRadiusMm = 0, cupInnerRadiusMm = 0, headRadiusMm = 0;
  double nativeHeadRadiusMm = 0, nativeSocketRadiusMm = 0;
  double metalVolumeMm3 = 0;        // cup shell + head, exact
  double stemVolumeMm3 = 0;         // the stem outside the head (0 without one), on a 0.25 mm grid
  double defectVolumeMm3 = 0;       // cavity behind the cup (numerical, 0.1 mm grid)
  Eigen::Vector3d defectCentreMm, defectSemiAxesMm;
  int metalHu = 0;
};

// Changes whenever the generator would write different voxels or truth for the
// same options: caches of written phantoms are keyed on it (phantomKey).
constexpr int kPhantomGeneratorVersion = 4;
// A short key of every option and the generator version, e.g. for cache folders.
std::string phantomKey(const PhantomOptions& o);

// HU of the phantom at a point (no partial volume, no noise).
double phantomHu(const Eigen::Vector3d& lps, const PhantomOptions& o);
PhantomTruth phantomTruth(const PhantomOptions& o);

// The defect a plan must fill, for a cup of this centre and outer radius: native bone
// of the revised hemipelvis lost to the defect cavity and the old cup, outside the
// planned cup's sphere (midpoint rule on a 0.25 mm grid), mm³.
double phantomBoneLossMm3(const PhantomOptions& o, const Eigen::Vector3d& cupCentreLps, double cupRadiusMm);

// The CT's voxel grid (an untilted, regular one; an Error otherwise), without its voxels.
VolumeGeometry phantomGrid(const PhantomOptions& o);

// A point of the phantom's own frame (the revised hip on +x, anterior −y, superior +z,
// before the pose and the side swap) in the scanner's LPS.
Eigen::Vector3d phantomToScanner(const PhantomOptions& o, const Eigen::Vector3d& q);

// For resection tests (docs/guides.md): a spherical lesion as a label map on the CT's
// grid (voxels whose centres lie within the radius), and the bone (the bone window,
// 226 to 3071 HU, no noise or partial volume) on the non-negative side of every plane
// (LPS point, unit normal) inside the phantom-frame box [lo, hi] and the scanned field
// (the CT's grid), midpoint rule on a 0.25 mm grid, mm³.
Mask phantomLesionMask(const PhantomOptions& o, const Eigen::Vector3d& centreLps, double radiusMm);
struct HalfSpace {
  Eigen::Vector3d point, normal;
};
double phantomBoneVolumeMm3(const PhantomOptions& o, const std::vector<HalfSpace>& halfSpaces, const Eigen::Vector3d& loPhantom,
                            const Eigen::Vector3d& hiPhantom);

// The CT as it would be reconstructed (partial-volume averaged, with noise).
CtVolume makePhantomVolume(const PhantomOptions& o, const Progress& progress = Progress::none());

// Writes <dir>/dicom/IM_*.dcm (file names deliberately not in slice order)
// and <dir>/truth.json. Returns the truth.
PhantomTruth writePhantom(const std::filesystem::path& dir, const PhantomOptions& o,
                          const Progress& progress = Progress::none());
std::string truthJson(const PhantomTruth& t);

}  // namespace tantalus::io
