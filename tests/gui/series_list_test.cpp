// The series browser's rows on a folder holding three series: a CT, a tilted CT and an MR.
#include <gtest/gtest.h>

#include "gui/model/series_list.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"
#include "tantalus/io/phantom.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;

TEST(SeriesList, EachSeriesSaysWhatItIsAndTheAutomaticChoiceIsAPlainCt) {
  const fs::path root = test::scratchDir("series-list");
  io::PhantomOptions ct = test::smallPhantomOptions();
  io::PhantomOptions tilted = ct, mr = ct;
  tilted.gantryTiltDeg = 12;
  mr.modality = "MR";
  io::writePhantom(root / "a", ct);
  io::writePhantom(root / "b", tilted);
  io::writePhantom(root / "c", mr);
  const io::ScanResult scan = io::scanDicom(root);
  const std::vector<SeriesRow> rows = seriesRows(scan);
  ASSERT_EQ(rows.size(), 3u);
  int automatic = 0, tiltedRows = 0, mrRows = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SeriesRow& r = rows[i];
    SCOPED_TRACE(r.description + " " + r.modality);
    EXPECT_EQ(r.slices, std::to_string(scan.series[i].slices.size()));
    EXPECT_NE(r.size.find(std::to_string(scan.series[i].cols) + " × "), std::string::npos);
    std::string all;
    for (const auto& w : r.warnings) all += w + "; ";
    if (r.modality == "MR") {
      ++mrRows;
      EXPECT_NE(all.find("not a CT (MR)"), std::string::npos) << all;
      EXPECT_FALSE(r.automatic);
    } else if (all.find("gantry tilt 12.0°") != std::string::npos) {
      ++tiltedRows;
    } else {
      EXPECT_TRUE(r.warnings.empty()) << all;
    }
    automatic += r.automatic;
  }
  EXPECT_EQ(mrRows, 1);
  EXPECT_EQ(tiltedRows, 1);
  EXPECT_EQ(automatic, 1);
}

// A thumbnail's source is the series' middle slice exactly as the import reads it; the
// thumbnail keeps the pixels' aspect and maps HU through a soft-tissue window.
TEST(SeriesList, AThumbnailIsTheMiddleSliceAsImportedInASoftTissueWindow) {
  const fs::path root = test::scratchDir("series-thumb");
  io::writePhantom(root, test::smallPhantomOptions());
  const io::ScanResult scan = io::scanDicom(root);
  ASSERT_EQ(scan.series.size(), 1u);
  const io::SeriesInfo& s = scan.series[0];
  const io::SlicePicture mid = io::middleSlice(s);
  ASSERT_EQ(mid.cols, s.cols);
  ASSERT_EQ(mid.rows, s.rows);
  const io::ImportResult imported = io::readDicomSeries(s, {});
  const std::size_t plane = std::size_t(s.cols) * std::size_t(s.rows), k = s.slices.size() / 2;
  ASSERT_EQ(imported.volume.hu.size(), plane * s.slices.size());
  EXPECT_TRUE(std::equal(mid.hu.begin(), mid.hu.end(), imported.volume.hu.begin() + std::ptrdiff_t(plane * k)));
  const Thumbnail t = thumbnail(mid, 96);
  EXPECT_EQ(std::max(t.width, t.height), 96);
  EXPECT_EQ(t.grey.front(), 0);  // air in the corner

  // A 4 × 2 picture of 1 × 2 mm pixels is 4 mm square: a square thumbnail, each HU mapped.
  io::SlicePicture p;
  p.cols = 4, p.rows = 2, p.columnSpacingMm = 1, p.rowSpacingMm = 2;
  p.hu = {-1000, -160, 40, 240, 1000, 140, -60, 40};
  const Thumbnail q = thumbnail(p, 4);
  ASSERT_EQ(q.width, 4);
  ASSERT_EQ(q.height, 4);
  const std::vector<std::uint8_t> firstRow{0, 0, 128, 255}, lastRow{255, 191, 64, 128};
  EXPECT_EQ(std::vector<std::uint8_t>(q.grey.begin(), q.grey.begin() + 4), firstRow);
  EXPECT_EQ(std::vector<std::uint8_t>(q.grey.end() - 4, q.grey.end()), lastRow);
}
