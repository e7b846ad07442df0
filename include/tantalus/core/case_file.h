#pragma once
// The case file (*.tantalus.json): everything a planning session decides.
// Version 1 holds the input reference, segmentation and lattice parameters;
// later versions add the plan, liner and machine profile sections.
#include <array>
#include <filesystem>
#include <optional>
#include <string>

namespace tantalus {

struct SegmentationParams {
  std::string preset = "bone";       // resources/presets/<name>.json, or "custom"
  int huMin = 226, huMax = 3071;     // bone window (used when preset == "custom")
  int metalHu = 2500;                // old implant: voxels >= this
  double marginMm = 1.0;             // dilation of the metal mask (streak/bloom)
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

struct CaseFile {
  static constexpr int kVersion = 1;
  std::string inputPath;             // CT folder or file, relative to the case file or absolute
  std::string series;                // UID or index; empty = automatic choice
  SegmentationParams segmentation;
  LatticeParams lattice;
  std::string notes;
  bool operator==(const CaseFile&) const = default;
};

// Parses and validates; an Error names the file, the field and the fix.
CaseFile loadCaseFile(const std::filesystem::path& file);
CaseFile parseCaseJson(const std::string& text, const std::string& fileName);
std::string toCaseJson(const CaseFile& c);
void saveCaseFile(const std::filesystem::path& file, const CaseFile& c);
// Checks ranges that do not depend on the JSON form (also used by the CLI).
void validate(const SegmentationParams& p, const std::string& where);
void validate(const LatticeParams& p, const std::string& where);

}  // namespace tantalus
