#include "tantalus/pipeline/case_setup.h"

#include <nlohmann/json.hpp>

#include "tantalus/core/error.h"
#include "tantalus/segment/segment_pipeline.h"

namespace fs = std::filesystem;

namespace tantalus::pipeline {

CaseFile newCase(const fs::path& ct) {
  CaseFile c;
  c.inputPath = fs::absolute(ct).lexically_normal().string();
  c.segmentation = segment::defaultSegmentationParams();
  return c;
}

ResolvedCase resolveCase(const CaseSource& source) {
  if (source.caseFile.empty() && source.ct.empty())
    throw Error("no CT given", "command line", "give the CT folder or file, or --case FILE");
  ResolvedCase r;
  std::vector<CaseOverride> overrides;
  if (source.caseFile.empty()) {
    r.caseFile = newCase(source.ct);
  } else {
    r.caseFile = loadCaseFile(source.caseFile);
    r.caseDir = source.caseFile.parent_path();
    if (!source.ct.empty())
      overrides.push_back({"input.path", nlohmann::json(fs::absolute(source.ct).lexically_normal().string()).dump(), "CT"});
  }
  overrides.insert(overrides.end(), source.overrides.begin(), source.overrides.end());
  r.caseFile = withOverrides(r.caseFile, overrides);
  // The preset's window against the rest (metal bounds), now, naming what set them.
  SegmentationParams p = r.caseFile.segmentation;
  try {
    segment::resolveThresholds(p);
  } catch (const Error& e) {
    std::string names;
    for (const auto& o : source.overrides)
      if (o.field.rfind("segmentation.", 0) == 0 && names.find(o.option) == std::string::npos)
        names += (names.empty() ? "" : ", ") + o.option;
    if (names.empty()) names = source.caseFile.empty() ? "segmentation defaults" : source.caseFile.string() + ": segmentation";
    throw Error(e.problem(), names, e.hint());
  }
  return r;
}

}  // namespace tantalus::pipeline
