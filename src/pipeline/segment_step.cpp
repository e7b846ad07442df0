// The segment step: host bone and old implant as masks and meshes (segment.json).
#include <sstream>

#include <nlohmann/json.hpp>

#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/resources.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/pipeline/pipeline.h"
#include "tantalus/segment/presets.h"

namespace tantalus::pipeline {

namespace {
class SegmentStep final : public Step {
public:
  std::string name() const override { return "segment"; }
  std::vector<std::string> dependsOn() const override { return {"import"}; }
  std::string version() const override { return "segment 1"; }
  double weight() const override { return 0.7; }
  std::vector<std::string> outputs() const override {
    return {"bone.stl", "implant.stl", "bone_mask.nii.gz", "implant_mask.nii.gz", "segment.json"};
  }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    SegmentationParams p = ctx.caseFile.segmentation;
    segment::resolveThresholds(p);  // a preset file that changed changes the window
    return {{"segmentation", caseSectionJson(ctx.caseFile, "segmentation")},
            {"bone window", std::to_string(p.huMin) + "," + std::to_string(p.huMax)}};
  }
  // Reused for a step after it: the masks come back from its files (not the meshes),
  // and from segment.json the figures the plan reads (the margin, the metal's growth).
  bool canLoad() const override { return true; }
  void load(StepContext& ctx) const override {
    segment::SegmentResult r;
    r.bone = io::readMaskVolume(ctx.outDir / "bone_mask.nii.gz");
    r.implant = io::readMaskVolume(ctx.outDir / "implant_mask.nii.gz");
    // The bone's surface too: the design measures the augment's contact on it.
    r.boneMesh = readStl(ctx.outDir / "bone.stl");
    if (std::filesystem::exists(ctx.outDir / "implant.stl")) r.implantMesh = readStl(ctx.outDir / "implant.stl");  // shown by the GUI
    const std::filesystem::path report = ctx.outDir / "segment.json";
    try {
      const auto j = nlohmann::json::parse(readTextFile(report));
      r.marginMm = j.at("thresholds").at("margin_mm").get<double>();
      r.implantGrownVoxels = j.at("implant").at("grown_voxels").get<std::size_t>();
    } catch (const nlohmann::json::exception& e) {
      throw Error(std::string("cannot read the segmentation's figures: ") + e.what(), report.string(),
                  "run again with --recompute");
    }
    ctx.segmented = std::move(r);
  }
  void run(StepContext& ctx, const Progress& progress) override {
    SegmentationParams p = ctx.caseFile.segmentation;
    segment::resolveThresholds(p);
    const CtVolume& ct = ctx.imported->volume;
    ctx.segmented = segment::segmentCt(ct, p, progress.sub(0, 0.9));
    const segment::SegmentResult& r = *ctx.segmented;
    for (const auto& w : r.warnings) ctx.warn(w, "segmentation");
    StagedOutput& out = *ctx.out;
    writeStl(out.file("bone.stl"), r.boneMesh, "host bone");
    if (!r.implantMesh.empty()) writeStl(out.file("implant.stl"), r.implantMesh, "old implant");
    io::writeMaskVolume(out.file("bone_mask.nii.gz"), r.bone);
    io::writeMaskVolume(out.file("implant_mask.nii.gz"), r.implant);
    writeTextFile(out.file("segment.json"), segment::segmentReportJson(r, ct, p));
    const double vv = ct.geometry.voxelVolumeMm3();
    std::ostringstream s;
    s << "host bone " << r.bone.count() * vv / 1000.0 << " mL (" << r.boneMesh.faceCount() << " triangles), old implant "
      << r.implant.count() * vv / 1000.0 << " mL at >= " << r.metalHu << " HU";
    ctx.summary = s.str();
  }
};
}  // namespace

std::unique_ptr<Step> makeSegmentStep() { return std::make_unique<SegmentStep>(); }

}  // namespace tantalus::pipeline
