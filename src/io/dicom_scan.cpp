// Directory scan with DCMTK: headers only (large elements are not loaded), so a
// CD with thousands of files is listed in seconds.
#include "tantalus/io/dicom_scan.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/oflog/oflog.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::io {

namespace {

struct FileHeader {
  SliceHeader slice;                   // single-frame: the slice; multi-frame: shared fields
  std::vector<SliceHeader> frames;     // multi-frame (Enhanced CT): one per frame
  std::string seriesUid, modality, sopClass, description, imageType, transferSyntax, photometric;
  int seriesNumber = 0, samplesPerPixel = 1, bitsAllocated = 16, pixelRepresentation = 0;
  Eigen::Vector2d pixelSpacing{0, 0};
  double sliceThickness = 0;
  bool hasPixels = false, hasGeometry = false;
  std::string damage;  // e.g. truncated pixel data; the file still joins its series
};

std::string str(DcmDataset* ds, const DcmTagKey& tag) {
  OFString v;
  if (ds->findAndGetOFStringArray(tag, v).good()) return std::string(v.c_str());
  return {};
}
double num(DcmDataset* ds, const DcmTagKey& tag, unsigned long pos, double fallback) {
  Float64 v;
  if (ds->findAndGetFloat64(tag, v, pos).good()) return v;
  return fallback;
}
int integer(DcmDataset* ds, const DcmTagKey& tag, int fallback) {
  Uint16 u;
  if (ds->findAndGetUint16(tag, u).good()) return u;
  Sint32 s;
  if (ds->findAndGetSint32(tag, s).good()) return s;
  OFString t;
  if (ds->findAndGetOFString(tag, t).good() && !t.empty()) return std::atoi(t.c_str());
  return fallback;
}

// Part 10 files carry "DICM" at byte 128. Files without preamble are accepted
// when they start with a group 0x0002 or 0x0008 tag (little endian).
bool looksLikeDicom(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char buf[132] = {};
  in.read(buf, sizeof buf);
  const auto n = in.gcount();
  if (n == 132 && std::string(buf + 128, 4) == "DICM") return true;
  return n >= 8 && (buf[0] == 0x08 || buf[0] == 0x02) && buf[1] == 0x00 && buf[3] == 0x00;
}

// Enhanced (multi-frame) CT: geometry, spacing and rescale live in functional groups,
// per frame or shared (DICOM PS3.3 C.7.6.16). Each frame becomes a slice.
DcmItem* groupItem(DcmItem* parent, const DcmTagKey& seq) {
  DcmItem* it = nullptr;
  if (parent && parent->findAndGetSequenceItem(seq, it, 0).good()) return it;
  return nullptr;
}
DcmItem* frameGroup(DcmItem* perFrame, DcmItem* shared, const DcmTagKey& seq) {
  if (DcmItem* it = groupItem(perFrame, seq)) return it;
  return groupItem(shared, seq);
}
bool getVector(DcmItem* item, const DcmTagKey& tag, int n, double* out) {
  if (!item) return false;
  for (int i = 0; i < n; ++i) {
    Float64 v;
    if (item->findAndGetFloat64(tag, v, unsigned(i)).bad()) return false;
    out[i] = v;
  }
  return true;
}

void readFunctionalGroups(DcmDataset* ds, FileHeader& h) {
  DcmItem* shared = groupItem(ds, DCM_SharedFunctionalGroupsSequence);
  for (int f = 0; f < h.slice.frames; ++f) {
    DcmItem* perFrame = nullptr;
    ds->findAndGetSequenceItem(DCM_PerFrameFunctionalGroupsSequence, perFrame, f);
    SliceHeader s = h.slice;
    s.frame = f;
    double pos[3], ori[6], sp[2], th = 0, b = 0, m = 1;
    const bool hasPos = getVector(frameGroup(perFrame, shared, DCM_PlanePositionSequence), DCM_ImagePositionPatient, 3, pos);
    const bool hasOri = getVector(frameGroup(perFrame, shared, DCM_PlaneOrientationSequence), DCM_ImageOrientationPatient, 6, ori);
    if (!hasPos || !hasOri) {
      h.hasGeometry = false;
      h.frames.clear();
      return;
    }
    for (int i = 0; i < 3; ++i) s.position[i] = pos[i];
    for (int i = 0; i < 6; ++i) s.orientation[i] = ori[i];
    DcmItem* measures = frameGroup(perFrame, shared, DCM_PixelMeasuresSequence);
    if (f == 0 && getVector(measures, DCM_PixelSpacing, 2, sp)) h.pixelSpacing = {sp[0], sp[1]};
    if (f == 0 && getVector(measures, DCM_SliceThickness, 1, &th)) h.sliceThickness = th;
    DcmItem* rescale = frameGroup(perFrame, shared, DCM_PixelValueTransformationSequence);
    if (getVector(rescale, DCM_RescaleIntercept, 1, &b) && getVector(rescale, DCM_RescaleSlope, 1, &m)) {
      s.rescaleIntercept = b;
      s.rescaleSlope = m;
    }
    h.frames.push_back(s);
  }
  h.hasGeometry = true;
}

bool readHeader(const fs::path& p, FileHeader& h, std::string& problem) {
  DcmFileFormat ff;
  // Elements longer than 4 KiB (pixel data) stay on disk.
  OFCondition c = ff.loadFile(p.c_str(), EXS_Unknown, EGL_noChange, 4096);
  DcmDataset* ds = ff.getDataset();
  if (c.bad()) {
    // A file cut short still names its series: report it there, as damaged.
    OFString uid;
    if (ds && ds->findAndGetOFString(DCM_SeriesInstanceUID, uid).good() && !uid.empty()) {
      h.damage = std::string("cannot be read to the end, the file is truncated or corrupt (") + c.text() + ")";
    } else {
      problem = std::string("not readable as DICOM (") + c.text() + ")";
      return false;
    }
  }
  DcmMetaInfo* meta = ff.getMetaInfo();
  h.sopClass = str(ds, DCM_SOPClassUID);
  OFString ts;
  if (meta && meta->findAndGetOFString(DCM_TransferSyntaxUID, ts).good()) h.transferSyntax = ts.c_str();
  else h.transferSyntax = DcmXfer(ds->getOriginalXfer()).getXferID();
  h.seriesUid = str(ds, DCM_SeriesInstanceUID);
  h.modality = str(ds, DCM_Modality);
  h.description = str(ds, DCM_SeriesDescription);
  h.imageType = str(ds, DCM_ImageType);
  h.photometric = str(ds, DCM_PhotometricInterpretation);
  h.seriesNumber = integer(ds, DCM_SeriesNumber, 0);
  h.samplesPerPixel = integer(ds, DCM_SamplesPerPixel, 1);
  h.bitsAllocated = integer(ds, DCM_BitsAllocated, 16);
  h.pixelRepresentation = integer(ds, DCM_PixelRepresentation, 0);
  h.slice.file = p;
  h.slice.rows = integer(ds, DCM_Rows, 0);
  h.slice.cols = integer(ds, DCM_Columns, 0);
  h.slice.instanceNumber = integer(ds, DCM_InstanceNumber, 0);
  h.slice.frames = integer(ds, DCM_NumberOfFrames, 1);
  h.slice.rescaleSlope = num(ds, DCM_RescaleSlope, 0, 1.0);
  h.slice.rescaleIntercept = num(ds, DCM_RescaleIntercept, 0, 0.0);
  std::string it = h.imageType;
  std::transform(it.begin(), it.end(), it.begin(), ::toupper);
  h.slice.localizer = it.find("LOCALIZER") != std::string::npos;
  h.pixelSpacing = {num(ds, DCM_PixelSpacing, 0, 0), num(ds, DCM_PixelSpacing, 1, 0)};
  h.sliceThickness = num(ds, DCM_SliceThickness, 0, 0);
  DcmElement* px = nullptr;
  h.hasPixels = ds->findAndGetElement(DCM_PixelData, px).good() && px;
  Float64 v;
  h.hasGeometry = ds->findAndGetFloat64(DCM_ImagePositionPatient, v, 2).good() &&
                  ds->findAndGetFloat64(DCM_ImageOrientationPatient, v, 5).good();
  if (h.hasGeometry) {
    for (int i = 0; i < 3; ++i) h.slice.position[i] = num(ds, DCM_ImagePositionPatient, i, 0);
    for (int i = 0; i < 6; ++i) h.slice.orientation[i] = num(ds, DCM_ImageOrientationPatient, i, 0);
  } else {
    h.slice.orientation.setZero();
  }
  if (h.slice.frames > 1) readFunctionalGroups(ds, h);
  // Uncompressed pixel data shorter than rows × cols × frames: a truncated file.
  if (h.damage.empty() && h.hasPixels && !DcmXfer(h.transferSyntax.c_str()).isEncapsulated()) {
    const unsigned long expected = (unsigned long)h.slice.rows * h.slice.cols * h.slice.frames *
                                   h.samplesPerPixel * ((h.bitsAllocated + 7) / 8);
    const auto fileSize = fs::file_size(p);
    if (px->getLength() < expected || fileSize < expected) {
      h.damage = "pixel data is truncated (" + std::to_string(std::min<unsigned long>(px->getLength(), fileSize)) +
                 " of " + std::to_string(expected) + " bytes)";
    }
  }
  return true;
}

std::string xferName(const std::string& uid) {
  DcmXfer x(uid.c_str());
  if (x.getXfer() == EXS_Unknown) return uid;
  return x.getXferName();
}

Eigen::Vector3d normalOf(const Eigen::Matrix<double, 6, 1>& o) {
  return Eigen::Vector3d(o[0], o[1], o[2]).cross(Eigen::Vector3d(o[3], o[4], o[5])).normalized();
}

// Builds one series' description from its files: keeps the image slices of the
// majority orientation, matrix, pixel spacing and pixel format (localizers and the
// rest are excluded and counted), takes every series attribute from those slices,
// sorts them by position along the normal, and measures gaps, tilt and how far each
// slice lies from a regular grid.
SeriesInfo describe(const std::vector<FileHeader>& files) {
  SeriesInfo s;
  const FileHeader& f0 = files.front();
  s.uid = f0.seriesUid;
  s.description = f0.description;
  s.modality = f0.modality;
  s.sopClass = f0.sopClass;
  s.transferSyntax = xferName(f0.transferSyntax);
  s.seriesNumber = f0.seriesNumber;
  s.orientation.setZero();

  for (const auto& f : files)
    if (!f.damage.empty()) {
      s.unusableReason = "damaged file " + f.slice.file.filename().string() + ": " + f.damage;
      s.problemFile = f.slice.file;
      return s;
    }
  // Image slices only: no SR / dose report / presentation state objects.
  std::vector<const FileHeader*> images;
  for (const auto& f : files)
    if (f.hasPixels && f.slice.rows > 0 && f.slice.cols > 0) images.push_back(&f);
  if (images.empty()) {
    s.unusableReason = "holds no image (" + (s.modality.empty() ? std::string("no pixel data") : s.modality) +
                       (s.modality == "SR" ? ", e.g. a dose report" : "") + ")";
    return s;
  }
  const FileHeader& i0 = *images.front();
  s.samplesPerPixel = i0.samplesPerPixel;
  s.photometric = i0.photometric;
  s.rows = i0.slice.rows;
  s.cols = i0.slice.cols;
  if (s.samplesPerPixel != 1 || (s.photometric != "MONOCHROME1" && s.photometric != "MONOCHROME2")) {
    s.unusableReason = "colour image (" + s.photometric + ", " + std::to_string(s.samplesPerPixel) +
                       " samples per pixel), e.g. a secondary capture: not a CT";
    return s;
  }
  if (s.modality != "CT") {
    s.unusableReason = "modality " + (s.modality.empty() ? std::string("unknown") : s.modality) +
                       ": Tantalus plans from CT";
    return s;
  }
  // Majority orientation, matrix, pixel spacing and pixel format among the
  // non-localizer slices (frames of multi-frame files count one by one) with
  // geometry: a scout in the same series never lends the axial slices its spacing.
  struct Candidate {
    const FileHeader* file;
    const SliceHeader* slice;
  };
  std::vector<Candidate> cand;
  for (const FileHeader* f : images) {
    if (f->slice.localizer) { s.excludedLocalizers += f->slice.frames; continue; }
    if (!f->hasGeometry) { s.excludedOtherOrientation += f->slice.frames; continue; }
    if (f->frames.empty()) cand.push_back({f, &f->slice});
    else
      for (const auto& fr : f->frames) cand.push_back({f, &fr});
  }
  std::map<std::string, int> votes;
  auto keyOf = [](const Candidate& c) {
    const FileHeader& f = *c.file;
    std::ostringstream k;
    k.precision(3);
    for (int i = 0; i < 6; ++i) k << std::fixed << c.slice->orientation[i] << ',';
    k.precision(4);
    k << f.slice.rows << 'x' << f.slice.cols << '@' << f.pixelSpacing[0] << ',' << f.pixelSpacing[1] << '/'
      << f.bitsAllocated << (f.pixelRepresentation ? 's' : 'u') << f.samplesPerPixel;
    return k.str();
  };
  for (const auto& c : cand) ++votes[keyOf(c)];
  if (votes.empty()) {
    s.unusableReason = s.excludedLocalizers ? "holds only localizer images" : "slices lack position/orientation tags";
    return s;
  }
  const std::string best = std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) {
                             return a.second < b.second;
                           })->first;
  const FileHeader* first = nullptr;
  for (const auto& c : cand) {
    if (keyOf(c) != best) { ++s.excludedOtherOrientation; continue; }
    if (!first) first = c.file;
    s.slices.push_back(*c.slice);
  }
  s.orientation = s.slices.front().orientation;
  s.rows = first->slice.rows;
  s.cols = first->slice.cols;
  s.pixelSpacing = first->pixelSpacing;
  s.bitsAllocated = first->bitsAllocated;
  s.signedPixels = first->pixelRepresentation == 1;
  s.sliceThicknessMm = first->sliceThickness;
  for (const auto& sl : s.slices)
    if (!(std::isfinite(sl.rescaleSlope) && sl.rescaleSlope != 0 && std::isfinite(sl.rescaleIntercept))) {
      s.unusableReason = "RescaleSlope (0028,1053) or RescaleIntercept (0028,1052) of " + sl.file.filename().string() +
                         " is zero or not a number";
      s.problemFile = sl.file;
      return s;
    }
  const Eigen::Vector3d n = normalOf(s.orientation);
  for (auto& sl : s.slices) sl.positionAlongNormal = sl.position.dot(n);
  std::sort(s.slices.begin(), s.slices.end(),
            [](const SliceHeader& a, const SliceHeader& b) { return a.positionAlongNormal < b.positionAlongNormal; });
  s.axial = std::abs(n.z()) > 0.9;
  if (s.slices.size() < 3) {
    s.unusableReason = "only " + std::to_string(s.slices.size()) + " usable slice(s): not a volume";
    return s;
  }
  std::vector<double> gaps;
  for (std::size_t i = 1; i < s.slices.size(); ++i) {
    const double g = s.slices[i].positionAlongNormal - s.slices[i - 1].positionAlongNormal;
    if (g < 1e-3) {
      s.unusableReason = "two slices at the same position (" + s.slices[i - 1].file.filename().string() + ", " +
                         s.slices[i].file.filename().string() + "): several acquisitions in one series";
      return s;
    }
    gaps.push_back(g);
  }
  std::vector<double> sorted = gaps;
  std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
  s.sliceSpacingMm = sorted[sorted.size() / 2];
  s.minGapMm = *std::min_element(gaps.begin(), gaps.end());
  s.maxGapMm = *std::max_element(gaps.begin(), gaps.end());
  // Gantry tilt: the stack runs along (last − first), which is not the slice normal.
  const Eigen::Vector3d p0 = s.slices.front().position;
  const Eigen::Vector3d stack = (s.slices.back().position - p0).normalized();
  s.gantryTiltDeg = std::acos(std::clamp(std::abs(stack.dot(n)), 0.0, 1.0)) * 180.0 / M_PI;
  if (s.gantryTiltDeg < 0.05) s.gantryTiltDeg = 0;
  // Every slice against a regular, unsheared grid from the first slice: along the
  // normal (cumulative drift of slightly uneven gaps) and in plane (shifted slices).
  const std::size_t m = s.slices.size();
  const double dz = (s.slices.back().positionAlongNormal - s.slices.front().positionAlongNormal) / double(m - 1);
  for (std::size_t k = 0; k < m; ++k) {
    const Eigen::Vector3d d = s.slices[k].position - p0;
    const double along = d.dot(n);
    s.maxPositionErrorMm = std::max(s.maxPositionErrorMm, std::abs(along - double(k) * dz));
    s.maxInPlaneOffsetMm = std::max(s.maxInPlaneOffsetMm, (d - along * n).norm());
  }
  return s;
}

}  // namespace

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

ScanResult scanDicom(const fs::path& root, const Progress& progress) {
  // DCMTK logs every oddity of damaged files to stderr; we report them ourselves.
  static const bool quiet = [] {
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    return true;
  }();
  (void)quiet;
  ScanResult r;
  r.root = root;
  std::error_code ec;
  if (!fs::exists(root, ec))
    throw Error("does not exist", root.string(), "check the path to the CT folder or file");
  std::vector<fs::path> files;
  if (fs::is_regular_file(root, ec)) {
    files.push_back(root);
  } else {
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
  }
  if (files.empty())
    throw Error("the folder holds no files", root.string(),
                "point to the folder with the CT's DICOM files, or to a .nii/.nrrd/.mha file");
  std::map<std::string, std::vector<FileHeader>> bySeries;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i % 32 == 0) progress.report(double(i) / double(files.size()), "scanning DICOM headers");
    const auto& p = files[i];
    if (p.filename() == "DICOMDIR" || !looksLikeDicom(p)) {
      r.skipped.push_back(p);
      continue;
    }
    FileHeader h;
    std::string problem;
    if (!readHeader(p, h, problem)) {
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
    SeriesInfo s = describe(bySeries[uid]);
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
    if (!pick->usable())
      throw Error("series " + describeBrief(*pick) + " cannot be used: " + pick->unusableReason, where,
                  "choose a CT series (`tantalus info " + where + "` lists them)");
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
      throw Error(s->unusableReason.substr(s->unusableReason.find(": ") + 2) + extra, s->problemFile.string(),
                  "the file is damaged: copy or export the series again");
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
