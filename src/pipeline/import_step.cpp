// The import step: the case's CT (DICOM folder or file, NIfTI/NRRD/MHA) in HU, LPS, mm.
#include <sstream>

#include "ct_identity.h"
#include "tantalus/pipeline/pipeline.h"

namespace tantalus::pipeline {

namespace {
class ImportStep final : public Step {
public:
  std::string name() const override { return "import"; }
  std::string version() const override { return "import 1"; }
  double weight() const override { return 0.3; }
  std::vector<std::pair<std::string, std::string>> inputs(const StepContext& ctx, const Progress& progress) const override {
    return {{"input", caseSectionJson(ctx.caseFile, "input")},
            {"import", caseSectionJson(ctx.caseFile, "import")},
            {"ct files", ctIdentity(ctx.inputPath(), progress)}};
  }
  void run(StepContext& ctx, const Progress& progress) override {
    io::ImportOptions o;
    o.series = ctx.caseFile.series;
    o.allowGaps = ctx.caseFile.ctImport.allowGaps;
    o.correctTilt = ctx.caseFile.ctImport.correctTilt;
    const std::string where = ctx.inputPath().string();
    ctx.imported = io::importCt(ctx.inputPath(), o, progress);
    if (!ctx.imported->choiceNote.empty()) ctx.warn(ctx.imported->choiceNote, where, Severity::info);
    for (const auto& w : ctx.imported->warnings) ctx.warn(w, where);
    const auto& g = ctx.imported->volume.geometry;
    std::ostringstream s;
    s << ctx.imported->format << " CT " << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << " voxels of " << g.spacing[0]
      << "x" << g.spacing[1] << "x" << g.spacing[2] << " mm";
    ctx.summary = s.str();
  }
};
}  // namespace

std::unique_ptr<Step> makeImportStep() { return std::make_unique<ImportStep>(); }

}  // namespace tantalus::pipeline
