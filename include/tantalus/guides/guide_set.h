#pragma once
// A case's cutting guides, from the bone and the guides section: the bone repaired once,
// the piece removed, one guide per plane, the margins; and what the step writes
// (guides.json). The pipeline's guides step and the GUI call this.
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"
#include "tantalus/guides/cutting_guide.h"
#include "tantalus/guides/resection.h"

namespace tantalus::guides {

struct GuideSet {
  std::vector<Plane> planes;
  Resection resection;
  std::vector<CuttingGuide> guides;  // guides[i] for planes[i]
  std::optional<Mesh> lesion;
  double marginMm = 0;
  std::vector<std::string> warnings;
  machining::RepairReport boneRepair;
  double seconds = 0;
};

// `caseTag` (a few hex digits of the study's hash) goes on each label with the side
// ("L1 3F9A": left, guide 1); `midlineX` is the LPS x of the body's midline (the side).
GuideSet designGuides(const Mesh& bone, const GuideParams& params, const Mesh* lesion, const std::string& caseTag,
                      double midlineX, const Progress& progress = Progress::none());

// The label text of guide `index` (0-based): side, number, tag (characters the font lacks dropped).
std::string guideLabel(const Eigen::Vector3d& entry, double midlineX, std::size_t index, const std::string& caseTag);

std::string guidesReportJson(const GuideSet& s);
std::string guidesSummary(const GuideSet& s);

}  // namespace tantalus::guides
