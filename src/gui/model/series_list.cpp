#include "gui/model/series_list.h"

#include <algorithm>
#include <cmath>

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

Thumbnail thumbnail(const io::SlicePicture& p, int maxSide) {
  Thumbnail t;
  if (p.cols <= 0 || p.rows <= 0 || maxSide <= 0) return t;
  const double wMm = p.cols * p.columnSpacingMm, hMm = p.rows * p.rowSpacingMm;
  const double scale = maxSide / std::max(wMm, hMm);  // pixels per mm
  t.width = std::max(1, int(std::lround(wMm * scale)));
  t.height = std::max(1, int(std::lround(hMm * scale)));
  t.grey.resize(std::size_t(t.width) * std::size_t(t.height));
  constexpr double level = 40, width = 400;
  for (int y = 0; y < t.height; ++y)
    for (int x = 0; x < t.width; ++x) {  // the nearest source pixel to the thumbnail pixel's centre
      const int i = std::min(p.cols - 1, int((x + 0.5) / scale / p.columnSpacingMm));
      const int j = std::min(p.rows - 1, int((y + 0.5) / scale / p.rowSpacingMm));
      const double hu = p.hu[std::size_t(j) * std::size_t(p.cols) + std::size_t(i)];
      t.grey[std::size_t(y) * std::size_t(t.width) + std::size_t(x)] =
          std::uint8_t(std::clamp((hu - (level - width / 2)) / width * 255.0, 0.0, 255.0) + 0.5);
    }
  return t;
}

}  // namespace tantalus::gui
