// tantalus info PATH [--json] [--series UID|INDEX]: what a folder or file holds.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/json_text.h"
#include "tantalus/io/ct_import.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace tantalus::cli {

namespace {

json seriesJson(const io::SeriesInfo& s) {
  json o = json::array();
  for (int i = 0; i < 6; ++i) o.push_back(s.orientation[i]);
  return {{"index", s.index},
          {"uid", s.uid},
          {"description", s.description},
          {"modality", s.modality},
          {"series_number", s.seriesNumber},
          {"slices", s.slices.size()},
          {"rows", s.rows},
          {"columns", s.cols},
          {"size_mb", s.sizeMb()},
          {"pixel_spacing_mm", {s.pixelSpacing[0], s.pixelSpacing[1]}},
          {"slice_spacing_mm", s.sliceSpacingMm},
          {"slice_gap_min_mm", s.minGapMm},
          {"slice_gap_max_mm", s.maxGapMm},
          {"slice_thickness_mm", s.sliceThicknessMm},
          {"orientation", o},
          {"axial", s.axial},
          {"transfer_syntax", s.transferSyntax},
          {"gantry_tilt_deg", s.gantryTiltDeg},
          {"missing_slices", s.hasGaps()},
          {"uneven_spacing", s.unevenSpacing()},
          {"excluded_localizers", s.excludedLocalizers},
          {"excluded_other_orientation", s.excludedOtherOrientation},
          {"usable", s.usable()},
          {"unusable_reason", s.unusableReason}};
}

std::string fmt(double v, int p = 2) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(p) << v;
  return s.str();
}

void printVolume(const CtVolume& v, const std::string& format) {
  const auto& g = v.geometry;
  const auto [lo, hi] = v.range();
  std::cout << format << " volume " << g.size[0] << "x" << g.size[1] << "x" << g.size[2] << ", spacing "
            << fmt(g.spacing.x(), 3) << " x " << fmt(g.spacing.y(), 3) << " x " << fmt(g.spacing.z(), 3)
            << " mm, origin (" << fmt(g.origin.x()) << ", " << fmt(g.origin.y()) << ", " << fmt(g.origin.z())
            << ") LPS mm, HU " << lo << ".." << hi << "\n";
}

}  // namespace

void addInfoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("info", "List the series in a DICOM folder (or describe a NIfTI/NRRD/MHA volume)");
  struct Opts {
    std::string path, series;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("path", o->path, "DICOM folder or file, or a volume file")->required();
  cmd->add_flag("--json", o->json, "machine-readable output");
  cmd->add_option("--series", o->series, "describe this series (UID or index) and the volume it gives");
  cmd->callback([o] {
    const fs::path p = o->path;
    std::error_code ec;
    if (fs::is_regular_file(p, ec) && !io::volumeFormat(p).empty()) {
      std::string format;
      const CtVolume v = io::readImageFile(p, format);
      if (o->json) {
        const auto& g = v.geometry;
        const auto [lo, hi] = v.range();
        json d = json::array();
        for (int r = 0; r < 3; ++r)
          for (int c = 0; c < 3; ++c) d.push_back(g.direction(r, c));
        std::cout << jsonText(json{{"format", format}, {"size", g.size},
                          {"spacing_mm", {g.spacing.x(), g.spacing.y(), g.spacing.z()}},
                          {"origin_lps_mm", {g.origin.x(), g.origin.y(), g.origin.z()}}, {"direction", d},
                          {"hu_min", lo}, {"hu_max", hi}})
                  << "\n";
      } else {
        printVolume(v, format);
      }
      return;
    }
    const io::ScanResult scan = io::scanDicom(p, terminalProgress());
    if (o->json) {
      json j = {{"root", scan.root.string()}, {"series", json::array()}, {"skipped_files", scan.skipped.size()},
                {"problems", json::array()}};
      for (const auto& pr : scan.problems) j["problems"].push_back({{"file", pr.file.string()}, {"reason", pr.reason}});
      for (const auto& s : scan.series) j["series"].push_back(seriesJson(s));
      if (!scan.series.empty()) {
        try {
          std::string note;
          const auto& chosen = io::chooseSeries(scan, o->series, note);
          j["chosen"] = chosen.index;
          j["choice_note"] = note;
        } catch (const Error& e) {
          j["chosen"] = nullptr;
          j["choice_note"] = e.what();
        }
      }
      std::cout << jsonText(j) << "\n";
      return;
    }
    std::cout << scan.series.size() << " series under " << scan.root.string();
    if (!scan.skipped.empty()) std::cout << " (" << scan.skipped.size() << " non-image files skipped)";
    std::cout << "\n";
    for (const auto& s : scan.series) {
      std::cout << "#" << s.index << "  " << std::left << std::setw(4) << s.modality << " " << std::setw(28)
                << ("'" + s.description + "'") << " " << std::right << std::setw(4) << s.slices.size() << " slices  "
                << s.cols << "x" << s.rows << "  " << fmt(s.pixelSpacing[1], 3) << "x" << fmt(s.pixelSpacing[0], 3) << "x"
                << fmt(s.sliceSpacingMm, 2) << " mm  " << fmt(s.sizeMb(), 1) << " MB  " << s.transferSyntax;
      if (s.gantryTiltDeg > 0) std::cout << "  tilt " << fmt(s.gantryTiltDeg, 1) << "°";
      if (s.hasGaps()) std::cout << "  MISSING SLICES (gap " << fmt(s.maxGapMm) << " mm)";
      else if (s.unevenSpacing()) std::cout << "  uneven spacing " << fmt(s.minGapMm) << "–" << fmt(s.maxGapMm) << " mm";
      if (s.excludedLocalizers) std::cout << "  +" << s.excludedLocalizers << " localizer(s) excluded";
      if (!s.usable()) std::cout << "  [unusable: " << s.unusableReason << "]";
      std::cout << "\n           " << s.uid << "\n";
    }
    for (const auto& pr : scan.problems) std::cout << "unreadable: " << pr.file.string() << ": " << pr.reason << "\n";
    std::string note;
    const auto& chosen = io::chooseSeries(scan, o->series, note);
    std::cout << note << "\n";
    if (!o->series.empty()) {
      io::ImportOptions opt;
      opt.series = chosen.uid;
      opt.allowGaps = true;
      const io::ImportResult r = io::readDicomSeries(chosen, opt, terminalProgress());
      printVolume(r.volume, "DICOM");
      for (const auto& w : r.warnings) warn(w);
    }
  });
}

}  // namespace tantalus::cli
