// DICOM series reading: DCMTK lists, checks and orders the slices (dicom_scan,
// dicom_header, dicom_series), dicom_pixels decodes them to HU. Slices are ordered
// by ImagePositionPatient projected on the slice normal, never by file name or
// instance number.
#include <algorithm>
#include <cmath>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <map>
#include <sstream>

#include "dicom_pixels.h"
#include "parallel_for.h"
#include "tantalus/core/error.h"
#include "tantalus/core/resource_budget.h"
#include "tantalus/io/ct_import.h"
#include "volume_resample.h"

namespace fs = std::filesystem;

namespace tantalus::io {

namespace {

std::string fmt(double v, int prec = 2) {
  std::ostringstream s;
  s.precision(prec);
  s << std::fixed << v;
  return s.str();
}

std::string readStudyUid(const fs::path& file) {
  DcmFileFormat ff;
  OFString v;
  if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 256).good() &&
      ff.getDataset()->findAndGetOFString(DCM_StudyInstanceUID, v).good())
    return v.c_str();
  return {};
}

}  // namespace

ImportResult readDicomSeries(const SeriesInfo& s, const ImportOptions& options, const Progress& progress) {
  ImportResult r;
  r.format = "DICOM";
  r.transferSyntax = s.transferSyntax;
  const std::size_t n = s.slices.size();
  if (s.hasGaps()) {
    // Name the two files around the largest gap.
    std::size_t at = 1;
    for (std::size_t i = 1; i < n; ++i)
      if (s.slices[i].positionAlongNormal - s.slices[i - 1].positionAlongNormal >
          s.slices[at].positionAlongNormal - s.slices[at - 1].positionAlongNormal)
        at = i;
    const std::string msg = "slices missing: gap of " + fmt(s.maxGapMm) + " mm between " +
                            s.slices[at - 1].file.filename().string() + " and " + s.slices[at].file.filename().string() +
                            " where the series spacing is " + fmt(s.sliceSpacingMm) + " mm";
    if (!options.allowGaps)
      throw Error(msg, s.slices[at].file.parent_path().string(),
                  "export the complete series again, or pass --allow-gaps to interpolate across the gap");
    r.warnings.push_back(msg + "; interpolated across it (--allow-gaps)");
  }
  if (s.gantryTiltDeg > 0 && !options.correctTilt)
    throw Error("gantry tilt of " + fmt(s.gantryTiltDeg, 1) + "° (slices sheared along the stack)",
                s.slices.front().file.parent_path().string(), "drop --no-tilt-correction to resample it onto an orthogonal grid");

  detail::SliceStack st;
  st.cols = s.cols;
  st.rows = s.rows;
  st.dx = s.pixelSpacing[1];  // PixelSpacing = (row spacing, column spacing)
  st.dy = s.pixelSpacing[0];
  if (!(st.dx > 0 && st.dy > 0))
    throw Error("PixelSpacing (0028,0030) is missing or zero", s.slices.front().file.string(),
                "this is not a calibrated CT image: export the original series");
  st.rowDir = Eigen::Vector3d(s.orientation[0], s.orientation[1], s.orientation[2]).normalized();
  st.colDir = Eigen::Vector3d(s.orientation[3], s.orientation[4], s.orientation[5]).normalized();
  st.normal = st.rowDir.cross(st.colDir).normalized();
  st.where = s.slices.front().file.parent_path().string();
  st.positions.resize(n);
  for (std::size_t k = 0; k < n; ++k) st.positions[k] = s.slices[k].position;
  const std::size_t plane = std::size_t(s.cols) * std::size_t(s.rows);
  // The volume (and, for a stack that must be resampled, the slices beside it).
  requireMemory(double(plane) * double(n) * 2 * (s.regularGrid() ? 1 : 2.2), "reading this series",
                s.slices.front().file.parent_path().string(), "close other programs, or export only the hips");
  CtVolume& ct = r.volume;
  // A regular stack decodes straight into the volume; others go per slice to the resampler.
  const bool regular = s.regularGrid();
  if (regular) {
    auto& g = ct.geometry;
    g.size = {s.cols, s.rows, int(n)};
    g.spacing = {st.dx, st.dy, (s.slices.back().positionAlongNormal - s.slices.front().positionAlongNormal) / double(n - 1)};
    g.origin = st.positions[0];
    g.direction.col(0) = st.rowDir;
    g.direction.col(1) = st.colDir;
    g.direction.col(2) = st.normal;
    ct.hu.resize(g.voxelCount());
  } else {
    st.pixels.resize(n);
    for (auto& px : st.pixels) px.resize(plane);
  }
  auto target = [&](std::size_t k) { return regular ? ct.hu.data() + plane * k : st.pixels[k].data(); };

  // One task per file (an Enhanced CT file holds every slice); decode on every
  // core; the first error wins and stops the others.
  std::vector<std::vector<std::pair<std::size_t, const SliceHeader*>>> byFile;
  {
    std::map<fs::path, std::size_t> fileIndex;
    for (std::size_t k = 0; k < n; ++k) {
      auto [it, fresh] = fileIndex.try_emplace(s.slices[k].file, byFile.size());
      if (fresh) byFile.emplace_back();
      byFile[it->second].emplace_back(k, &s.slices[k]);
    }
  }
  const detail::SliceTarget slice = target;
  detail::parallelForWithState<std::vector<char>>(byFile.size(), progress, [&](std::vector<char>& scratch, std::size_t f) {
    detail::decodeFile(s, byFile[f], slice, scratch);
  });
  progress.report(0.9, "slices decoded");

  if (!regular) {
    const double dz = s.sliceSpacingMm;
    ct = detail::resampleStack(st, dz, progress.sub(0.9, 1.0));
    if (s.gantryTiltDeg > 0)
      r.warnings.push_back("gantry tilt of " + fmt(s.gantryTiltDeg, 1) +
                           "°: slices resampled onto an orthogonal grid (shear removed)");
    else if (s.maxInPlaneOffsetMm > 0.1 * std::min(st.dx, st.dy))
      r.warnings.push_back("slices shifted in plane by up to " + fmt(s.maxInPlaneOffsetMm) +
                           " mm: resampled onto one grid");
    if (!s.hasGaps() && (s.unevenSpacing() || s.maxPositionErrorMm > 0.1 * dz))
      r.warnings.push_back("uneven slice spacing (" + fmt(s.minGapMm, 3) + "–" + fmt(s.maxGapMm, 3) +
                           " mm, a slice up to " + fmt(s.maxPositionErrorMm, 3) +
                           " mm off a regular grid): resampled onto a regular " + fmt(dz) + " mm grid");
  }
  checkGrid(ct.geometry, s.slices.front().file.parent_path().string(),
            "the series' geometry tags (0020,0032 / 0020,0037 / 0028,0030) are wrong: export the series again");
  ct.source = s.slices.front().file.parent_path().string();
  ct.seriesUid = s.uid;
  ct.studyHash = studyHash(readStudyUid(s.slices.front().file));
  progress.report(1.0, "series read");
  return r;
}

ImportResult importCt(const fs::path& path, const ImportOptions& options, const Progress& progress) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error("does not exist", path.string(), "check the path to the CT folder or file");
  if (fs::is_regular_file(path, ec) && !volumeFormat(path).empty()) {
    ImportResult r;
    r.volume = readImageFile(path, r.format, &r.warnings);
    r.volume.studyHash = studyHash(r.volume.source);
    const auto [lo, hi] = r.volume.range();
    if (lo > -200)
      r.warnings.push_back("lowest value is " + std::to_string(lo) +
                           ": this does not look like a CT in Hounsfield units (air is -1000)");
    progress.report(1.0, "volume read");
    return r;
  }
  // A DICOM folder, or one DICOM file (its folder is scanned, its series chosen).
  fs::path root = path;
  std::string choice = options.series;
  ScanResult scan;
  if (fs::is_regular_file(path, ec)) {
    scan = scanDicom(path, progress.sub(0, 0.1));
    if (scan.series.empty()) {
      if (!scan.problems.empty())
        throw Error(scan.problems.front().reason, scan.problems.front().file.string(),
                    "the file is damaged or truncated: copy or export it again");
      throw Error("not a DICOM file nor a .nii/.nrrd/.mha volume", path.string(),
                  "point to the CT's DICOM folder or to a volume file");
    }
    const std::string uid = scan.series.front().uid;
    root = path.parent_path();
    if (choice.empty()) choice = uid;
  }
  scan = scanDicom(root, progress.sub(0, 0.1));
  std::string note;
  const SeriesInfo& s = chooseSeries(scan, choice, note);
  if (s.hasGaps() && !options.allowGaps) {
    // A hole in the series and an unreadable file in the same folder: the file is the cause.
    const fs::path folder = s.slices.front().file.parent_path();
    for (const auto& p : scan.problems)
      if (p.file.parent_path() == folder)
        throw Error(p.reason + "; the series has a gap where it probably belongs", p.file.string(),
                    "the file is damaged or truncated: copy or export the series again (or pass --allow-gaps)");
  }
  ImportResult r = readDicomSeries(s, options, progress.sub(0.1, 1.0));
  r.choiceNote = note;
  r.seriesCount = int(scan.series.size());
  if (!scan.skipped.empty())
    r.warnings.push_back("skipped " + std::to_string(scan.skipped.size()) + " non-image file(s), e.g. " +
                         scan.skipped.front().filename().string());
  for (const auto& p : scan.problems) r.warnings.push_back("unreadable file skipped: " + p.file.string() + ": " + p.reason);
  if (s.excludedLocalizers) r.warnings.push_back("excluded " + std::to_string(s.excludedLocalizers) + " localizer image(s)");
  if (s.excludedOtherOrientation)
    r.warnings.push_back("excluded " + std::to_string(s.excludedOtherOrientation) + " slice(s) of another orientation or size");
  return r;
}

}  // namespace tantalus::io
