// Directory scan with DCMTK: headers only (large elements are not loaded), so a
// CD with thousands of files is listed in seconds; bounded, so a wrong folder
// (`/`, a home folder) ends with a message instead of a hang.
#include "tantalus/io/dicom_scan.h"

#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/oflog/oflog.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "dicom_header.h"
#include "dicom_series.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::io {

namespace {

// Kernel file systems hold no CT and some of their files block when read.
bool pseudoFileSystem(const fs::path& dir) {
  struct statfs s {};
  if (::statfs(dir.c_str(), &s) != 0) return false;
  switch (static_cast<unsigned long>(s.f_type)) {
    case PROC_SUPER_MAGIC: case SYSFS_MAGIC: case DEVPTS_SUPER_MAGIC:
    case DEBUGFS_MAGIC: case TRACEFS_MAGIC: case SECURITYFS_MAGIC: case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC: case PSTOREFS_MAGIC: case BPF_FS_MAGIC: case 0x62656570 /* configfs */:
    case 0x19800202 /* mqueue */: case 0x65735543 /* fusectl */:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<fs::path> listScanFiles(const fs::path& root, const ScanLimits& limits, const Progress& progress) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) return {root};
  const auto start = std::chrono::steady_clock::now();
  auto stop = [&](const std::string& why) {
    throw Error("the scan stopped: " + why + " under this folder", root.string(),
                "point to the folder holding the patient's CT series (a study or series folder, or a DICOMDIR's folder)");
  };
  if (pseudoFileSystem(root)) stop("it is a kernel file system, not a folder of files");
  std::size_t entries = 0;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++entries > limits.maxEntries) stop("more than " + std::to_string(limits.maxEntries) + " files and folders");
    if (entries % 256 == 0) {
      progress.check();
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (s > limits.maxSeconds) stop("no end after " + std::to_string(int(limits.maxSeconds)) + " s of listing");
    }
    std::error_code e2;
    const auto st = it->symlink_status(e2);
    if (fs::is_directory(st)) {
      if (it.depth() + 1 > limits.maxDepth) stop("folders nested deeper than " + std::to_string(limits.maxDepth) + " levels");
      if (pseudoFileSystem(it->path())) it.disable_recursion_pending();
      continue;
    }
    // Files (or links to files) that have bytes: FIFOs, sockets and devices are never opened.
    if (!it->is_regular_file(e2) || it->file_size(e2) == 0 || e2) continue;
    files.push_back(it->path());
  }
  if (ec && entries == 0) throw Error("cannot list the folder: " + ec.message(), root.string(), "check the path and permissions");
  std::sort(files.begin(), files.end());
  return files;
}

bool SeriesInfo::hasGaps() const { return sliceSpacingMm > 0 && maxGapMm > 1.5 * sliceSpacingMm; }
bool SeriesInfo::regularGrid() const {
  const double tol = 0.1 * std::min({pixelSpacing[0], pixelSpacing[1], sliceSpacingMm});
  return !hasGaps() && maxPositionErrorMm <= tol && maxInPlaneOffsetMm <= tol;
}
bool SeriesInfo::unevenSpacing() const {
  return sliceSpacingMm > 0 && (maxGapMm - minGapMm) > std::max(0.01, 0.01 * sliceSpacingMm);
}
double SeriesInfo::sizeMb() const {
  return double(rows) * cols * std::max<std::size_t>(slices.size(), 1) * ((bitsAllocated + 7) / 8) / 1e6;
}

ScanResult scanDicom(const fs::path& root, const Progress& progress, const ScanLimits& limits) {
  // DCMTK logs every oddity of damaged files to stderr; we report them ourselves.
  static const bool quiet = [] {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    return true;
  }();
  (void)quiet;
  ScanResult r;
  r.root = root;
  std::error_code ec;
  if (!fs::exists(root, ec)) throw Error("does not exist", root.string(), "check the path to the CT folder or file");
  const std::vector<fs::path> files = listScanFiles(root, limits, progress);
  if (files.empty())
    throw Error("the folder holds no files", root.string(),
                "point to the folder with the CT's DICOM files, or to a .nii/.nrrd/.mha file");
  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, std::vector<detail::FileHeader>> bySeries;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i % 32 == 0) {
      progress.report(double(i) / double(files.size()), "scanning DICOM headers");
      if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > limits.maxSeconds)
        throw Error("the scan stopped: reading " + std::to_string(files.size()) + " file headers took more than " +
                        std::to_string(int(limits.maxSeconds)) + " s",
                    root.string(), "point to the folder holding the patient's CT series, or copy it to a local disk");
    }
    const auto& p = files[i];
    if (p.filename() == "DICOMDIR" || !detail::looksLikeDicom(p)) {
      r.skipped.push_back(p);
      continue;
    }
    detail::FileHeader h;
    std::string problem;
    if (detail::readFileHeader(p, h, problem) == detail::HeaderRead::NotDicom) {
      r.problems.push_back({p, problem});
      continue;
    }
    if (h.sopClass == UID_MediaStorageDirectoryStorage) {
      r.skipped.push_back(p);
      continue;
    }
    if (h.seriesUid.empty()) h.seriesUid = "(no SeriesInstanceUID)";
    if (!bySeries.count(h.seriesUid)) order.push_back(h.seriesUid);
    bySeries[h.seriesUid].push_back(std::move(h));
  }
  for (const auto& uid : order) {
    SeriesInfo s = detail::describeSeries(bySeries[uid]);
    s.index = int(r.series.size());
    r.series.push_back(std::move(s));
  }
  progress.report(1.0, "scan done");
  return r;
}

const SeriesInfo& chooseSeries(const ScanResult& scan, const std::string& choice, std::string& note) {
  const std::string where = scan.root.string();
  if (scan.series.empty()) {
    if (!scan.problems.empty())
      throw Error(scan.problems.front().reason, scan.problems.front().file.string(),
                  "the file is damaged or truncated: copy or export the series again");
    std::string eg = scan.skipped.empty() ? "" : " (e.g. " + scan.skipped.front().filename().string() + ")";
    throw Error("no DICOM files among " + std::to_string(scan.skipped.size()) + " file(s)" + eg, where,
                "point to the folder holding the CT's DICOM series, or to a .nii/.nrrd/.mha file");
  }
  auto describeBrief = [](const SeriesInfo& s) {
    return "#" + std::to_string(s.index) + " " + s.modality + " '" + s.description + "' (" +
           std::to_string(s.slices.size()) + " slices)";
  };
  if (!choice.empty()) {
    const SeriesInfo* pick = nullptr;
    const bool numeric = std::all_of(choice.begin(), choice.end(), ::isdigit) && choice.size() < 6;
    for (const auto& s : scan.series)
      if (s.uid == choice || (numeric && s.index == std::stoi(choice))) pick = &s;
    if (!pick)
      throw Error("no series '" + choice + "' here (" + std::to_string(scan.series.size()) + " found)", where,
                  "run `tantalus info " + where + "` to list them, then pass --series UID or INDEX");
    if (!pick->usable()) {
      if (!pick->problemFile.empty())
        throw Error(pick->problem, pick->problemFile.string(), "the file is damaged: copy or export the series again");
      throw Error("series " + describeBrief(*pick) + " cannot be used: " + pick->unusableReason, where,
                  "choose a CT series (`tantalus info " + where + "` lists them)");
    }
    note = "using series " + describeBrief(*pick) + " as asked";
    return *pick;
  }
  const SeriesInfo* best = nullptr;
  for (const auto& s : scan.series) {
    if (!s.usable()) continue;
    if (!best || (s.axial && !best->axial) || (s.axial == best->axial && s.slices.size() > best->slices.size()))
      best = &s;
  }
  if (!best) {
    // Explain with the most CT-like series: a CT one, else the largest.
    const SeriesInfo* s = &scan.series.front();
    for (const auto& c : scan.series)
      if ((c.modality == "CT") > (s->modality == "CT") ||
          ((c.modality == "CT") == (s->modality == "CT") && c.slices.size() > s->slices.size()))
        s = &c;
    std::string extra = scan.series.size() > 1 ? " (and " + std::to_string(scan.series.size() - 1) + " other unusable series)" : "";
    if (!s->problemFile.empty())
      throw Error(s->problem + extra, s->problemFile.string(), "the file is damaged: copy or export the series again");
    throw Error("no usable CT series: " + describeBrief(*s) + " — " + s->unusableReason + extra, where,
                "export the patient's CT series (Modality CT, single-frame, greyscale)");
  }
  note = "using series " + describeBrief(*best) + (scan.series.size() > 1
             ? ", the largest usable " + std::string(best->axial ? "axial " : "") + "CT series of " +
                   std::to_string(scan.series.size()) + " found; pick another with --series"
             : "");
  return *best;
}

}  // namespace tantalus::io
