// The series browser's rows on a folder holding three series: a CT, a tilted CT and an MR.
#include <gtest/gtest.h>

#include "gui/model/series_list.h"
#include "support/phantom_cache.h"
#include "support/test_support.h"
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
