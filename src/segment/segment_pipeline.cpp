#include "tantalus/segment/segment_pipeline.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "tantalus/core/error.h"
#include "tantalus/core/resource_budget.h"
#include "tantalus/core/json_text.h"
#include "tantalus/meshing/mask_surface.h"
#include "tantalus/segment/mask_ops.h"
#include "tantalus/segment/presets.h"

namespace tantalus::segment {

namespace {
class StepClock {
public:
  explicit StepClock(std::vector<StepTiming>& out) : out_(out) {}
  void done(const std::string& step) {
    const auto now = std::chrono::steady_clock::now();
    out_.push_back({step, std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }

private:
  std::vector<StepTiming>& out_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};
}  // namespace

void resolveThresholds(SegmentationParams& p) {
  if (p.preset != "custom") {
    const HuPreset preset = loadPreset(p.preset);
    p.huMin = preset.huMin;
    p.huMax = preset.huMax;
  }
  validate(p, "segmentation");
  validateAgainstWindow(p, "segmentation");
}

namespace {
// Metal far denser than the threshold (extended-scale or metal-artefact-reduced
// reconstructions, up to 16 000 HU) puts the threshold's surface low on the metal's
// partial-volume edge: the implant reads about a voxel large all round.
std::optional<std::string> metalLevelWarning(const CtVolume& ct, const Mask& implant, int metalHu) {
  std::vector<std::int16_t> hu;
  for (std::size_t i = 0; i < implant.data.size(); ++i)
    if (implant.data[i]) hu.push_back(ct.hu[i]);
  if (hu.size() < 100) return std::nullopt;
  std::nth_element(hu.begin(), hu.begin() + long(hu.size() / 2), hu.end());
  const int median = hu[hu.size() / 2];
  if (median < 3 * metalHu) return std::nullopt;
  const int level = int(100.0 * (metalHu - 40) / (median - 40));
  std::ostringstream w;
  w << "the metal reads a median " << median << " HU (an extended-scale or metal-artefact-reduced reconstruction): at "
    << metalHu << " HU its surface lies at the " << level
    << " % partial-volume level, so the old implant measures about a voxel large; --metal-hu " << (median + 40) / 2
    << " (half its HU) takes the 50 % surface";
  return w.str();
}
}  // namespace

bool metalStreaksSuspected(const SegmentResult& r) { return r.implantGrownVoxels > r.implant.count() * 115 / 100; }

SegmentResult segmentCt(const CtVolume& ct, const SegmentationParams& params, const Progress& progress) {
  if (ct.hu.empty() || ct.geometry.voxelCount() != ct.hu.size())
    throw Error("the CT volume is empty", ct.source, "load a CT first");
  validate(params, "segmentation");
  validateAgainstWindow(params, "segmentation");
  // Masks, distance map and component runs beside the CT: measured at ~3.5 bytes
  // per voxel above the CT (docs/benchmarks.md); 8 leaves room for the surfaces.
  requireMemory(double(ct.hu.size()) * 8, "segmenting this CT", ct.source, "close other programs, or crop the CT to the hips");
  SegmentResult r;
  r.huMin = params.huMin;
  r.huMax = params.huMax;
  r.metalHu = params.metalHu;
  r.marginMm = params.marginMm;
  StepClock clock(r.timings);

  progress.report(0.0, "bone threshold");
  Mask bone = threshold(ct, params.huMin, params.huMax);
  r.boneThresholdVoxels = bone.count();
  clock.done("bone threshold");
  if (r.boneThresholdVoxels == 0)
    throw Error("no voxel lies in the bone window " + std::to_string(params.huMin) + ".." + std::to_string(params.huMax) + " HU",
                ct.source, "check that the volume is a CT in HU, or widen the range with --hu LO,HI");

  progress.report(0.1, "old implant");
  const MetalBounds bounds{params.metalHu, params.effectiveMetalLowHu(), params.metalGrowMm, params.marginMm};
  ImplantSubtraction sub = subtractImplant(bone, ct, bounds, progress.sub(0.1, 0.3));
  r.metalLowHu = bounds.lowHu;
  r.metalGrowMm = bounds.growMm;
  r.implantGrownVoxels = sub.grown.count();
  r.implantSurfaceFaces = surfaceFaces(sub.implant);
  // A clean metal edge adds its partial-volume rim (+3 to 7 % on the phantoms, 0.055
  // voxels per surface face); much more means bands of metal read below the threshold
  // (streaks: +20 to 24 %, 0.14-0.17 per face) or metal thin for the voxel size (the
  // 3 mm sample's fixation hardware: +23 %, 0.12): the implant's volume, measured at
  // the threshold, is then low.
  if (r.implantGrownVoxels > sub.implant.count() * 115 / 100) {  // metalStreaksSuspected
    const double vv = ct.geometry.voxelVolumeMm3() / 1000.0;
    std::ostringstream w;
    w.precision(3);
    w << (r.implantGrownVoxels - sub.implant.count()) * vv << " mL of voxels between " << bounds.lowHu << " and "
      << params.metalHu << " HU are joined to the metal (" << sub.implant.count() * vv
      << " mL at or above it): streaks, a dark rim or metal thin for this voxel size; they are removed from the bone with "
         "it, but the implant's volume and surface, taken at "
      << params.metalHu << " HU, may be low";
    r.warnings.push_back(w.str());
  }
  if (auto w = metalLevelWarning(ct, sub.implant, params.metalHu)) r.warnings.push_back(*w);
  r.removedFromBoneVoxels = sub.removedFromBone;
  r.implantDilatedVoxels = sub.dilated.count();
  r.implant = std::move(sub.implant);
  if (r.implant.count() == 0)
    r.warnings.push_back("no voxel at or above " + std::to_string(params.metalHu) +
                         " HU: no old implant found, nothing subtracted");
  clock.done("implant subtraction");

  progress.report(0.3, "connected components");
  {
    Components comps(bone);
    r.componentsFound = comps.count();
    if (params.components == "largest") {
      bone = comps.keepLargest();
      r.componentsKept = comps.count() ? 1 : 0;
    } else if (params.components == "seed") {
      const auto& s = *params.seedLps;
      const Eigen::Vector3d ijk = ct.geometry.lpsToIndex(Eigen::Vector3d(s[0], s[1], s[2]));
      const int label = comps.labelAt(int(std::lround(ijk.x())), int(std::lround(ijk.y())), int(std::lround(ijk.z())));
      if (label == 0)
        throw Error("the seed point (" + std::to_string(s[0]) + ", " + std::to_string(s[1]) + ", " + std::to_string(s[2]) +
                        ") LPS mm is not on bone", ct.source, "place the seed inside the bone you want to keep");
      bone = comps.keep({label});
      r.componentsKept = 1;
    } else {
      const auto minVoxels = std::size_t(std::ceil(params.minComponentMl * 1000.0 / ct.geometry.voxelVolumeMm3()));
      bone = comps.keepAtLeast(minVoxels);
      r.componentsKept = std::size_t(std::count_if(comps.sizes().begin(), comps.sizes().end(),
                                                   [&](std::size_t s) { return s >= minVoxels; }));
    }
    r.implantComponents = Components(r.implant).count();
  }
  clock.done("connected components");

  if (params.fillHoles) {
    progress.report(0.45, "filling holes");
    r.holeVoxelsFilled = fillHoles(bone, &sub.dilated);
    clock.done("hole filling");
  }
  if (bone.count() == 0)
    throw Error("host bone is empty after removing the implant and small components", ct.source,
                "lower --margin-mm, raise --metal-hu, use --components all, or check the bone window");
  r.bone = std::move(bone);

  meshing::SurfaceOptions so;
  so.smoothingIterations = params.smoothingIterations;
  so.decimate = params.decimate;
  progress.report(0.5, "bone surface");
  r.boneMesh = meshing::maskToSurface(r.bone, so, progress.sub(0.5, 0.85));
  clock.done("bone surface");
  if (r.implant.count() > 0) {
    progress.report(0.85, "implant surface");
    r.implantMesh = meshing::maskToSurface(r.implant, so, progress.sub(0.85, 1.0));
    clock.done("implant surface");
  }
  progress.report(1.0, "segmentation done");
  return r;
}

std::string segmentReportJson(const SegmentResult& r, const CtVolume& ct, const SegmentationParams& p) {
  const double vv = ct.geometry.voxelVolumeMm3();
  using nlohmann::json;
  json timings = json::object();
  double total = 0;
  for (const auto& t : r.timings) {
    timings[t.step] = t.seconds;
    total += t.seconds;
  }
  timings["total"] = total;
  json j = {
      {"space", "LPS"},
      {"units", {{"length", "mm"}, {"volume", "mL"}, {"intensity", "HU"}}},
      {"study_hash", ct.studyHash},
      {"grid", {{"size", ct.geometry.size}, {"spacing_mm", {ct.geometry.spacing.x(), ct.geometry.spacing.y(), ct.geometry.spacing.z()}}}},
      {"thresholds", {{"preset", p.preset}, {"bone_hu_min", r.huMin}, {"bone_hu_max", r.huMax},
                      {"metal_hu", r.metalHu}, {"metal_low_hu", r.metalLowHu}, {"metal_grow_mm", r.metalGrowMm},
                      {"margin_mm", r.marginMm}, {"margin_mm_applied", effectiveMarginMm(r.marginMm, ct.geometry)}}},
      {"bone", {{"threshold_voxels", r.boneThresholdVoxels}, {"removed_by_implant_voxels", r.removedFromBoneVoxels},
                {"holes_filled_voxels", r.holeVoxelsFilled}, {"voxels", r.bone.count()},
                {"volume_ml", r.bone.count() * vv / 1000.0}, {"components_found", r.componentsFound},
                {"components_kept", r.componentsKept}, {"components_mode", p.components},
                {"mesh", {{"triangles", r.boneMesh.faceCount()}, {"volume_ml", signedVolume(r.boneMesh) / 1000.0},
                          {"area_mm2", surfaceArea(r.boneMesh)}}}}},
      {"implant", {{"voxels", r.implant.count()}, {"volume_ml", r.implant.count() * vv / 1000.0},
                   {"grown_voxels", r.implantGrownVoxels}, {"surface_faces", r.implantSurfaceFaces}, {"grown_volume_ml", r.implantGrownVoxels * vv / 1000.0},
                   {"dilated_voxels", r.implantDilatedVoxels}, {"dilated_volume_ml", r.implantDilatedVoxels * vv / 1000.0},
                   {"components", r.implantComponents},
                   {"mesh", {{"triangles", r.implantMesh.faceCount()}, {"volume_ml", signedVolume(r.implantMesh) / 1000.0}}}}},
      {"timing_s", timings},
      {"warnings", r.warnings}};
  return jsonText(j) + "\n";
}

}  // namespace tantalus::segment
