#pragma once
// guides.html: the guides section of the case's report — pictures of each guide on the
// bone, the planes and the piece removed, the margins to the lesion — and the tables.
#include <string>
#include <vector>

#include "tantalus/core/progress.h"
#include "tantalus/guides/guide_set.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::guides {

std::vector<render::Figure> guidesFigures(const GuideSet& s, const Mesh& bone, const Progress& progress = Progress::none());
std::string guidesReportHtml(const GuideSet& s, const Mesh& bone, const Progress& progress = Progress::none());

}  // namespace tantalus::guides
