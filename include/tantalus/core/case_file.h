#pragma once
// The case file (*.tantalus.json): everything a planning session decides.
// Version 2 holds the input reference, the import options, segmentation and
// lattice parameters (version 1 files, without import options, still load);
// later versions add the plan, liner and machine profile sections.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tantalus {

struct ImportParams {
  bool allowGaps = false;            // interpolate across missing slices instead of refusing
  bool correctTilt = true;           // resample a gantry-tilted series (false: refuse it)
  bool operator==(const ImportParams&) const = default;
};

struct SegmentationParams {
  std::string preset = "bone";       // resources/presets/<name>.json, or "custom"
  int huMin = 226, huMax = 3071;     // bone window (used when preset == "custom")
  int metalHu = 2500;                // old implant: voxels >= this
  double marginMm = 1.0;             // dilation of the metal mask (streak/bloom)
  // Hysteresis before the margin: voxels >= the low bound connected to the metal
  // within metalGrowMm of it are removed from bone too (metal rims darkened by
  // streaks). Unset: metalHu - 500 (kept above the bone window's low end);
  // equal to metalHu, or metalGrowMm = 0: no growth.
  std::optional<int> metalLowHu;
  double metalGrowMm = 3.0;
  int effectiveMetalLowHu() const;
  std::string components = "all";    // all | largest | seed
  std::optional<std::array<double, 3>> seedLps;  // with components == "seed"
  double minComponentMl = 0.1;       // with "all": specks below this are dropped
  bool fillHoles = true;
  int smoothingIterations = 0;       // 0 = off (smoothing shrinks bone)
  double decimate = 0.0;             // fraction of triangles removed, 0 = off
  bool operator==(const SegmentationParams&) const = default;
};

struct LatticeParams {
  double poreUm = 600;
  double porosity = 0.80;
  std::string definition = "window"; // window | cell-sphere
  std::string machine = "ebpbf-ti6al4v";
  double skinMm = 0.0;
  std::optional<double> voxelUm;
  bool operator==(const LatticeParams&) const = default;
};

// Landmarks entered (or corrected) by hand, LPS mm: they replace the found ones.
struct PlanLandmarks {
  std::array<double, 3> asisRight{}, asisLeft{}, pubicTubercleRight{}, pubicTubercleLeft{};
  bool operator==(const PlanLandmarks&) const = default;
};

// A hip's acetabulum entered by hand, LPS mm: a scan too coarse for the acetabula to
// show (3 mm voxels fuse the joint), or a correction. Both hips together replace the search.
struct PlanHip {
  std::array<double, 3> centre{};
  double diameterMm = 0;
  bool operator==(const PlanHip&) const = default;
};
struct PlanHips {
  PlanHip right, left;
  bool operator==(const PlanHips&) const = default;
};

// The cup moved from the native centre of rotation, mm in the pelvis's frame (a high
// hip centre on deficient bone, a medialised cup): what the GUI's cup handles edit.
struct CupShift {
  double superiorMm = 0, lateralMm = 0, anteriorMm = 0;
  bool operator==(const CupShift&) const = default;
};

struct PlanParams {
  std::string side = "auto";         // auto | left | right: the hip being revised
  std::optional<double> cupMm;       // cup outer diameter, 42..68 in 2 mm steps; unset: sized by the planner
  double inclinationDeg = 40;        // radiographic (Murray), relative to the anterior pelvic plane
  double anteversionDeg = 15;
  CupShift cupShift;                 // from the native centre; 0: the cup at the native centre
  int screws = 8;                    // 6.5 mm cancellous screws proposed, at most (0..12)
  // Screws chosen by hand: each aimed from the cup's outer sphere toward a point (LPS mm),
  // replacing the proposal (`screws` is then unused). Unset: proposed. Empty: none.
  std::optional<std::vector<std::array<double, 3>>> screwTargets;
  std::optional<PlanLandmarks> landmarks;  // unset: found from the anatomy
  std::optional<PlanHips> hips;            // unset: the acetabula found in the bone's surface
  bool operator==(const PlanParams&) const = default;
};

// What a step decided where the parameters left it open (or took as given), and why:
// "side: left — a cup shell (54.1 mm) at the left hip joint". Written by the steps for
// the people reading the case; never an input (no step hashes it).
struct CaseChoice {
  std::string step, what, value, reason;
  bool operator==(const CaseChoice&) const = default;
};

// The implant as designed from the plan (docs/design.md).
struct DesignParams {
  std::string liner = "auto";        // resources/liners/<name>.json; auto: the largest spherical one the cup takes
  double denseShellMm = 1.5;         // solid titanium around the liner seat
  double porousMm = 2.0;             // porous layer on the bone-facing side
  double beyondEquatorDeg = 0;       // the shell runs on past the equator, 0..10°
  double machiningStockMm = 0.5;     // left on the seat for the CNC finish, 0..3
  double boneClearanceMm = 0.0;      // augment to host bone; negative: press-fit (interference)
  double augmentReachMm = 25;        // augment envelope: this far beyond the cup's outer sphere (0: no augment)
  double flangeMm = 0;               // a flange on the ilium above the cup: its thickness (0: none)
  double flangeLengthMm = 40;        // how far it runs up the ilium beyond the cup's outer sphere
  double flangeWidthMm = 25;         // its width, front to back
  std::string augmentEnvelope;       // or a closed STL (relative to the case file) the augment stays inside
  double voxelMm = 0.35;             // grid of the solid body
  std::string porousFill = "solid";  // the porous layer: solid (exact bodies) | lattice (experimental, docs/design.md)
  double meshAdaptivity = 0;         // OpenVDB adaptive meshing of the united body, 0..1 (docs/design.md)
  bool operator==(const DesignParams&) const = default;
};

// An osteotomy plane (docs/guides.md): a point on it and its normal, pointing into the
// piece that is removed (LPS mm). Several planes remove what lies on the normal side of all.
struct GuidePlane {
  std::array<double, 3> point{}, normal{};
  bool operator==(const GuidePlane&) const = default;
};

// Cutting guides for a resection (a tumour, a sclerotic rim): the planes, the lesion
// they must clear, and how each plane's guide is made (docs/guides.md).
struct GuideParams {
  std::vector<GuidePlane> planes;    // none: no guides
  std::string lesion;                // a NIfTI label map (relative to the case file); empty: none
  // Or a threshold region: the CT's voxels within [lo, hi] HU joined to the seed (LPS mm).
  std::optional<std::array<int, 2>> lesionHu;
  std::optional<std::array<double, 3>> lesionSeed;
  double marginMm = 10;              // each plane at least this far from the lesion
  double thicknessMm = 3;            // the guide's shell on the bone
  double clearanceMm = 0.2;          // shell to bone
  double patchRadiusMm = 25;         // the bone surface it seats on, around the plane's entry
  double bladeMm = 1.27;             // saw blade thickness
  double slotClearanceMm = 0.1;      // each side of the blade
  double slotDepthMm = 12;           // the slot's walls above the bone: they hold the blade in its plane
  double slotLengthMm = 30;          // the slot along the cut line
  int slotOpenSides = 1;             // 1: open on top only (a window), 2: and one end, 3: and both ends
  double kwireMm = 2.0;              // K-wire diameter
  double kwireClearanceMm = 0.1;     // radial, in the sleeve
  int kwires = 2;                    // per guide, 0..4
  double gridMm = 0.25;              // sampling of the bone patch
  bool operator==(const GuideParams&) const = default;
};

struct CaseFile {
  static constexpr int kVersion = 3;  // written; 1 to 3 are read
  std::string inputPath;             // CT folder or file, relative to the case file or absolute
  std::string series;                // UID or index; empty = automatic choice
  ImportParams ctImport;
  SegmentationParams segmentation;
  LatticeParams lattice;
  PlanParams plan;
  DesignParams design;
  GuideParams guides;
  std::string notes;
  std::vector<CaseChoice> choices;   // the last run's, by step
  bool operator==(const CaseFile&) const = default;
};

// Parses and validates; an Error names the file, the field and the fix.
CaseFile loadCaseFile(const std::filesystem::path& file);
CaseFile parseCaseJson(const std::string& text, const std::string& fileName);
std::string toCaseJson(const CaseFile& c);
void saveCaseFile(const std::filesystem::path& file, const CaseFile& c);
// One section ("input", "import", "segmentation", "plan", "design", "guides", "lattice") as canonical JSON text:
// what a pipeline step hashes to know whether its parameters changed.
std::string caseSectionJson(const CaseFile& c, const std::string& section);

// A value given on the command line for a case-file field: `field` is its JSON path
// ("segmentation.metal_hu"), `json` the value as JSON text ("3000", "\"largest\"",
// "[1,2,3]"), `option` what the user typed (for the error). Applied in order through
// the same reader and rules as the file, so a bad value is refused the same way, with
// the option named.
struct CaseOverride {
  std::string field, json, option;
};
CaseFile withOverrides(const CaseFile& c, const std::vector<CaseOverride>& overrides);

// Checks ranges that do not depend on the JSON form (also used by the CLI).
// For segmentation: everything, but the checks against the bone window (hu_min/hu_max
// against each other, the scale and the metal bounds) only for a custom window; a
// preset's window is checked once resolved (validateAgainstWindow).
void validate(const SegmentationParams& p, const std::string& where);
void validateAgainstWindow(const SegmentationParams& p, const std::string& where);
void validateOutsideWindow(const SegmentationParams& p, const std::string& where);
void validate(const LatticeParams& p, const std::string& where);
void validate(const PlanHips& h, const std::string& where);
void validate(const PlanParams& p, const std::string& where);
void validate(const DesignParams& p, const std::string& where);
void validate(const GuideParams& p, const std::string& where);

}  // namespace tantalus
