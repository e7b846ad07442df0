#include "dicom_series.h"

#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace tantalus::io::detail {

namespace {

std::string xferName(const std::string& uid) {
  DcmXfer x(uid.c_str());
  if (x.getXfer() == EXS_Unknown) return uid;
  return x.getXferName();
}

Eigen::Vector3d normalOf(const Eigen::Matrix<double, 6, 1>& o) {
  return Eigen::Vector3d(o[0], o[1], o[2]).cross(Eigen::Vector3d(o[3], o[4], o[5])).normalized();
}

void markUnusable(SeriesInfo& s, const std::string& reason, const std::filesystem::path& file = {},
                  const std::string& problem = {}) {
  s.unusableReason = reason;
  s.problemFile = file;
  s.problem = problem;
}

struct Candidate {
  const FileHeader* file;
  const SliceHeader* slice;
};

// Orientation, matrix, spacing and pixel format: slices must agree on all of them.
std::string voteKey(const Candidate& c) {
  const FileHeader& f = *c.file;
  std::ostringstream k;
  k.precision(3);
  for (int i = 0; i < 6; ++i) k << std::fixed << c.slice->orientation[i] << ',';
  k.precision(4);
  k << f.slice.rows << 'x' << f.slice.cols << '@' << f.pixelSpacing[0] << ',' << f.pixelSpacing[1] << '/'
    << f.bitsAllocated << (f.pixelRepresentation ? 's' : 'u') << f.samplesPerPixel;
  return k.str();
}

// Gaps, tilt and the worst slice against a regular, unsheared grid from the first
// slice: along the normal (cumulative drift of slightly uneven gaps) and in plane.
void measureStack(SeriesInfo& s, const Eigen::Vector3d& n, const std::vector<double>& gaps) {
  std::vector<double> sorted = gaps;
  std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
  s.sliceSpacingMm = sorted[sorted.size() / 2];
  s.minGapMm = *std::min_element(gaps.begin(), gaps.end());
  s.maxGapMm = *std::max_element(gaps.begin(), gaps.end());
  const Eigen::Vector3d p0 = s.slices.front().position;
  const Eigen::Vector3d stack = (s.slices.back().position - p0).normalized();
  s.gantryTiltDeg = std::acos(std::clamp(std::abs(stack.dot(n)), 0.0, 1.0)) * 180.0 / M_PI;
  if (s.gantryTiltDeg < 0.05) s.gantryTiltDeg = 0;
  const std::size_t m = s.slices.size();
  const double dz = (s.slices.back().positionAlongNormal - s.slices.front().positionAlongNormal) / double(m - 1);
  for (std::size_t k = 0; k < m; ++k) {
    const Eigen::Vector3d d = s.slices[k].position - p0;
    const double along = d.dot(n);
    s.maxPositionErrorMm = std::max(s.maxPositionErrorMm, std::abs(along - double(k) * dz));
    s.maxInPlaneOffsetMm = std::max(s.maxInPlaneOffsetMm, (d - along * n).norm());
  }
}

}  // namespace

SeriesInfo describeSeries(const std::vector<FileHeader>& files) {
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
      markUnusable(s, "damaged file " + f.slice.file.filename().string() + ": " + f.damage, f.slice.file, f.damage);
      return s;
    }
  // Image slices only: no SR / dose report / presentation state objects.
  std::vector<const FileHeader*> images;
  for (const auto& f : files)
    if (f.hasPixels && f.slice.rows > 0 && f.slice.cols > 0) images.push_back(&f);
  if (images.empty()) {
    markUnusable(s, "holds no image (" + (s.modality.empty() ? std::string("no pixel data") : s.modality) +
                        (s.modality == "SR" ? ", e.g. a dose report" : "") + ")");
    return s;
  }
  const FileHeader& i0 = *images.front();
  s.samplesPerPixel = i0.samplesPerPixel;
  s.photometric = i0.photometric;
  s.rows = i0.slice.rows;
  s.cols = i0.slice.cols;
  if (s.samplesPerPixel != 1 || (s.photometric != "MONOCHROME1" && s.photometric != "MONOCHROME2")) {
    markUnusable(s, "colour image (" + s.photometric + ", " + std::to_string(s.samplesPerPixel) +
                        " samples per pixel), e.g. a secondary capture: not a CT");
    return s;
  }
  if (s.modality != "CT") {
    markUnusable(s, "modality " + (s.modality.empty() ? std::string("unknown") : s.modality) + ": Tantalus plans from CT");
    return s;
  }
  // Majority among the non-localizer slices with geometry (frames of multi-frame
  // files count one by one): a scout in the same series never lends the axial
  // slices its spacing.
  std::vector<Candidate> cand;
  for (const FileHeader* f : images) {
    if (f->slice.localizer) { s.excludedLocalizers += f->slice.frames; continue; }
    if (!f->hasGeometry) { s.excludedOtherOrientation += f->slice.frames; continue; }
    if (f->frames.empty()) cand.push_back({f, &f->slice});
    else
      for (const auto& fr : f->frames) cand.push_back({f, &fr});
  }
  std::map<std::string, int> votes;
  for (const auto& c : cand) ++votes[voteKey(c)];
  if (votes.empty()) {
    markUnusable(s, s.excludedLocalizers ? "holds only localizer images" : "slices lack position/orientation tags");
    return s;
  }
  const std::string best =
      std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  const FileHeader* first = nullptr;
  for (const auto& c : cand) {
    if (voteKey(c) != best) { ++s.excludedOtherOrientation; continue; }
    if (!first) first = c.file;
    s.slices.push_back(*c.slice);
  }
  s.orientation = s.slices.front().orientation;
  s.rows = first->slice.rows;
  s.cols = first->slice.cols;
  s.pixelSpacing = first->pixelSpacing;
  s.bitsAllocated = first->bitsAllocated;
  s.bitsStored = first->bitsStored;
  s.highBit = first->highBit;
  s.signedPixels = first->pixelRepresentation == 1;
  s.photometric = first->photometric;
  s.sliceThicknessMm = first->sliceThickness;
  const Eigen::Vector3d n = normalOf(s.orientation);
  for (auto& sl : s.slices) sl.positionAlongNormal = sl.position.dot(n);
  std::sort(s.slices.begin(), s.slices.end(),
            [](const SliceHeader& a, const SliceHeader& b) { return a.positionAlongNormal < b.positionAlongNormal; });
  s.axial = std::abs(n.z()) > 0.9;
  if (s.slices.size() < 3) {
    markUnusable(s, "only " + std::to_string(s.slices.size()) + " usable slice(s): not a volume");
    return s;
  }
  std::vector<double> gaps;
  for (std::size_t i = 1; i < s.slices.size(); ++i) {
    const double g = s.slices[i].positionAlongNormal - s.slices[i - 1].positionAlongNormal;
    if (g < 1e-3) {
      markUnusable(s, "two slices at the same position (" + s.slices[i - 1].file.filename().string() + ", " +
                          s.slices[i].file.filename().string() + "): several acquisitions in one series");
      return s;
    }
    gaps.push_back(g);
  }
  measureStack(s, n, gaps);
  return s;
}

}  // namespace tantalus::io::detail
