#pragma once
// What the pipeline's steps made for the open case, as the views show it: the CT,
// the segmentation, the plan, and whether the design's files are in the work folder.
// Each product remembers the case-file sections it was made from, so a panel can say
// that an edit made it stale before the step is run again.
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/plan/hip_plan.h"
#include "tantalus/segment/segment_pipeline.h"

namespace tantalus::gui {

// Voxel counts of the CT by HU, for the segmentation panel's histogram.
struct HuHistogram {
  int loHu = -1024, binHu = 16;
  std::vector<double> counts;
  int binOf(int hu) const;
  int huAt(int bin) const { return loHu + bin * binHu; }
};
HuHistogram huHistogram(const CtVolume& ct, int loHu = -1024, int hiHu = 3072, int binHu = 16);

struct Products {
  std::shared_ptr<const io::ImportResult> imported;
  std::shared_ptr<const HuHistogram> histogram;
  std::shared_ptr<const segment::SegmentResult> segmented;
  std::shared_ptr<const plan::HipPlan> planned;
  double boneMl = 0, implantMl = 0;           // of `segmented`, counted on the worker
  bool designed = false;                      // the design's files are in `workDir`
  int guides = 0;                             // guide_1.stl … in `workDir` (0: the guides step has not run)
  std::string guidesSummary;                  // its outcome, as the CLI prints it
  std::filesystem::path workDir;
  std::map<std::string, std::string> madeFrom;  // step -> the case sections it read, as JSON

  // Whether the step's product is missing or was made from other parameters than `c`'s.
  bool stale(const std::string& step, const CaseFile& c) const;
};

// The case sections each step reads (what `madeFrom` records).
std::string sectionsOf(const std::string& step, const CaseFile& c);

}  // namespace tantalus::gui
