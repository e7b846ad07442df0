// The guides step: the piece a resection removes (resection.stl), one cutting guide per
// osteotomy plane (guide_N.stl), their margins and seating (guides.json, guides.html).
#include <filesystem>

#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/resources.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/guides/guide_set.h"
#include "tantalus/guides/guides_html.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/pipeline/pipeline.h"

namespace tantalus::pipeline {

namespace {

constexpr std::size_t kMaxPlanes = 8;  // GuideParams' limit: one guide file each

// The body's midline (LPS x), from the bone mask's centroid: which side a guide is on.
double midlineX(const Mask& bone) {
  const auto& g = bone.geometry;
  double sum = 0;
  std::size_t n = 0;
  for (int k = 0; k < g.size[2]; k += 2)
    for (int j = 0; j < g.size[1]; j += 2)
      for (int i = 0; i < g.size[0]; i += 2)
        if (bone(i, j, k)) {
          sum += g.indexToLps(Eigen::Vector3d(i, j, k)).x();
          ++n;
        }
  return n ? sum / double(n) : 0.0;
}

class GuidesStep final : public Step {
public:
  std::string name() const override { return "guides"; }
  std::vector<std::string> dependsOn() const override { return {"import", "segment"}; }
  bool leavesProduct() const override { return false; }  // its product is its files
  std::string version() const override { return "guides 1"; }
  double weight() const override { return 0.4; }
  std::vector<std::string> outputs() const override {
    std::vector<std::string> o{"resection.stl", "guides.json", "guides.html"};
    for (std::size_t i = 1; i <= kMaxPlanes; ++i) o.push_back("guide_" + std::to_string(i) + ".stl");
    return o;
  }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress&) const override {
    std::vector<std::pair<std::string, std::string>> in{{"guides", caseSectionJson(ctx.caseFile, "guides")}};
    if (!ctx.caseFile.guides.lesion.empty()) {
      const auto file = ctx.resolved(ctx.caseFile.guides.lesion);
      std::error_code ec;
      in.push_back({"lesion", std::filesystem::exists(file, ec) ? readTextFile(file) : std::string("missing")});
    }
    return in;
  }
  void run(StepContext& ctx, const Progress& progress) override {
    const GuideParams& p = ctx.caseFile.guides;
    if (p.planes.empty())
      throw Error("the case has no osteotomy planes", "guides.planes",
                  "add one with tantalus guide --plane X,Y,Z,NX,NY,NZ (a point on the bone and the normal into the piece removed, LPS mm)");
    std::optional<Mesh> lesion;
    const CtVolume& ct = ctx.imported->volume;
    if (p.lesionHu)
      lesion = guides::lesionSurface(guides::lesionFromThreshold(ct, (*p.lesionHu)[0], (*p.lesionHu)[1],
                                                                 Eigen::Vector3d((*p.lesionSeed)[0], (*p.lesionSeed)[1], (*p.lesionSeed)[2])),
                                     ct.geometry, "guides.lesion_hu");
    if (!p.lesion.empty()) {
      const auto file = ctx.resolved(p.lesion);
      if (!std::filesystem::exists(file)) throw Error("the lesion map does not exist", file.string(), "check guides.lesion or --lesion");
      lesion = guides::lesionSurface(io::readMaskVolume(file), ct.geometry, file.string());
    }
    const guides::GuideSet s = guides::designGuides(ctx.segmented->boneMesh, p, lesion ? &*lesion : nullptr,
                                                    ct.studyHash, midlineX(ctx.segmented->bone),
                                                    progress.sub(0, 0.9));
    for (const auto& w : s.warnings) ctx.warn(w, "guides");
    StagedOutput& out = *ctx.out;
    writeStl(out.file("resection.stl"), s.resection.piece, "the piece the resection removes");
    for (std::size_t i = 0; i < s.guides.size(); ++i)
      writeStl(out.file("guide_" + std::to_string(i + 1) + ".stl"), s.guides[i].mesh, "cutting guide " + std::to_string(i + 1));
    writeTextFile(out.file("guides.json"), guides::guidesReportJson(s));
    progress.report(0.9, "rendering the guides' pictures");
    writeTextFile(out.file("guides.html"),
                  guides::guidesReportHtml(s, ctx.segmented->boneMesh, progress.sub(0.9, 1.0)));
    ctx.summary = guides::guidesSummary(s);
  }
};

}  // namespace

std::unique_ptr<Step> makeGuidesStep() { return std::make_unique<GuidesStep>(); }

}  // namespace tantalus::pipeline
