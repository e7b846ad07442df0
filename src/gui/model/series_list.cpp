#include "gui/model/series_list.h"

#include "gui/model/plan_readout.h"
#include "tantalus/core/error.h"

namespace tantalus::gui {

std::vector<SeriesRow> seriesRows(const io::ScanResult& scan) {
  std::string automaticUid;
  try {
    std::string note;
    automaticUid = io::chooseSeries(scan, "", note).uid;
  } catch (const Error&) {
    // no usable CT: no automatic choice, each row says why
  }
  std::vector<SeriesRow> rows;
  for (const io::SeriesInfo& s : scan.series) {
    SeriesRow r;
    r.uid = s.uid;
    r.description = s.description.empty() ? "(no description)" : s.description;
    r.modality = s.modality;
    r.size = std::to_string(s.cols) + " × " + std::to_string(s.rows) + ", " + oneDecimal(s.sizeMb()) + " MB";
    r.slices = std::to_string(s.slices.size());
    r.spacing = oneDecimal(s.pixelSpacing.y()) + " × " + oneDecimal(s.pixelSpacing.x()) + " × " + oneDecimal(s.sliceSpacingMm) + " mm";
    r.usable = s.usable();
    r.automatic = s.uid == automaticUid;
    if (!r.usable) r.warnings.push_back("cannot be used: " + s.unusableReason);
    if (std::abs(s.gantryTiltDeg) > 0.1) r.warnings.push_back("gantry tilt " + oneDecimal(s.gantryTiltDeg) + "° (resampled)");
    if (s.hasGaps()) r.warnings.push_back("missing slices (gaps up to " + oneDecimal(s.maxGapMm) + " mm)");
    else if (s.unevenSpacing()) r.warnings.push_back("uneven slice spacing (" + oneDecimal(s.minGapMm) + "–" + oneDecimal(s.maxGapMm) + " mm)");
    if (!s.axial && r.usable) r.warnings.push_back("not axial");
    if (s.modality != "CT") r.warnings.push_back("not a CT (" + s.modality + ")");
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace tantalus::gui
