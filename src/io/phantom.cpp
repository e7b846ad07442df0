// The revision-hip phantom. All shapes are analytic, so every answer a test
// needs (metal volume, defect volume, centres, cup pose) is known exactly or
// integrated numerically on a grid finer than any CT.
#include "tantalus/io/phantom.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "tantalus/core/error.h"
#include "tantalus/core/json_text.h"
#include "parallel_for.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/staged_output.h"
#include "phantom_anatomy.h"

namespace fs = std::filesystem;
using Eigen::Vector3d;

namespace tantalus::io {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double deg(double d) { return d * kPi / 180.0; }

struct SliceGeometry {
  Vector3d row, col, normal;
  std::vector<Vector3d> ipp;  // per slice
};

SliceGeometry sliceGeometry(const PhantomOptions& o) {
  SliceGeometry g;
  const double th = deg(o.gantryTiltDeg);
  g.row = Vector3d(1, 0, 0);
  g.col = Vector3d(0, std::cos(th), std::sin(th));
  g.normal = g.row.cross(g.col);
  std::vector<double> z = o.slicePositionsMm;
  if (z.empty())
    for (int k = 0; k < o.slices; ++k)
      if (double zk = (k - (o.slices - 1) / 2.0) * o.sliceMm; zk <= o.topMm) z.push_back(zk);
  const double half = (o.matrix - 1) / 2.0 * o.pixelMm;
  for (double zk : z) g.ipp.push_back(Vector3d(0, 0, zk) - half * g.row - half * g.col);
  return g;
}

void validateOptions(const PhantomOptions& o) {
  if (o.matrix < 64 || o.matrix > 1024) throw Error("phantom matrix must be 64..1024", "--matrix", "use e.g. 512");
  const std::size_t n = sliceGeometry(o).ipp.size();
  if (n < 3 || n > 2000) throw Error("phantom slice count must be 3..2000", "--slices", "use e.g. 250");
  if (!(o.pixelMm > 0.1 && o.sliceMm > 0.1)) throw Error("phantom spacing must be > 0.1 mm", "--pixel-mm/--slice-mm", "use e.g. 0.8 and 1.0");
  if (!(std::abs(o.gantryTiltDeg) <= 30)) throw Error("gantry tilt must be within ±30°", "--tilt-deg", "use e.g. 15");
  if (!(o.noiseHu >= 0 && o.noiseHu < 1000)) throw Error("noise must be 0..1000 HU", "--noise-hu", "use e.g. 8");
  // Within the body outline (175 × 125 mm), which stays put.
  if (!(o.poseDeg.cwiseAbs().maxCoeff() <= 15)) throw Error("pose rotations must be within ±15°", "--pose-deg", "use e.g. 4,-3,6");
  if (!(o.poseShiftMm.cwiseAbs().maxCoeff() <= 20)) throw Error("pose shifts must be within ±20 mm", "--shift-mm", "use e.g. 12,-8,5");
  if (!(o.streakHu >= 0 && o.streakHu <= 10000)) throw Error("streak depth must be 0..10000 HU", "--streak-hu", "use e.g. 2600, or 0 for none");
}

// Pixel values of one slice (HU, before noise), partial-volume averaged: the
// centre is sampled, and pixels whose neighbours differ are supersampled 4×4×4.
void renderSlice(const PhantomOptions& o, const SliceGeometry& g, std::size_t k, double thickness,
                 std::vector<float>& out) {
  const detail::PhantomAnatomy anatomy(o);
  auto phantomHu = [&](const Vector3d& p, const PhantomOptions&) { return anatomy.hu(p); };
  const int n = o.matrix;
  std::vector<float> centre(std::size_t(n) * n);
  auto at = [&](double i, double j, double dz) {
    return g.ipp[k] + i * o.pixelMm * g.row + j * o.pixelMm * g.col + dz * g.normal;
  };
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) centre[std::size_t(j) * n + i] = float(phantomHu(at(i, j, 0), o));
  // Above and below the slice centre matter too: probe at ±thickness/2.
  out = centre;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const float c = centre[std::size_t(j) * n + i];
      bool edge = false;
      for (auto [di, dj] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
        const int a = i + di, b = j + dj;
        if (a >= 0 && b >= 0 && a < n && b < n && centre[std::size_t(b) * n + a] != c) edge = true;
      }
      if (!edge)
        edge = float(phantomHu(at(i, j, thickness / 2), o)) != c || float(phantomHu(at(i, j, -thickness / 2), o)) != c;
      if (!edge) continue;
      double sum = 0;
      for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b)
          for (int cz = 0; cz < 4; ++cz)
            sum += phantomHu(at(i + (a - 1.5) / 4, j + (b - 1.5) / 4, (cz - 1.5) / 4 * thickness), o);
      out[std::size_t(j) * n + i] = float(sum / 64);
    }
}

using detail::parallelFor;

// Image Pixel module of the phantom: square, greyscale, unsigned 16-bit.
void putImagePixelModule(DcmItem* ds, int matrix, const std::string& photometric) {
  ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
  ds->putAndInsertString(DCM_PhotometricInterpretation, photometric.c_str());
  ds->putAndInsertUint16(DCM_Rows, Uint16(matrix));
  ds->putAndInsertUint16(DCM_Columns, Uint16(matrix));
  ds->putAndInsertUint16(DCM_BitsAllocated, 16);
  ds->putAndInsertUint16(DCM_BitsStored, 16);
  ds->putAndInsertUint16(DCM_HighBit, 15);
  ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
}

// Stored pixel values of slice k: CT stores HU + 1024 unsigned with RescaleIntercept
// -1024, as scanners write it; the MR variant stores intensities.
std::vector<Uint16> renderStoredSlice(const PhantomOptions& o, const SliceGeometry& g, std::size_t k, double thickness) {
  std::vector<float> px;
  renderSlice(o, g, k, thickness, px);
  std::mt19937 rng(1234u + unsigned(k));
  std::normal_distribution<float> noise(0.f, float(std::max(o.noiseHu, 1e-6)));
  const bool mr = o.modality == "MR";
  std::vector<Uint16> stored(px.size());
  for (std::size_t i = 0; i < px.size(); ++i) {
    const double hu = px[i] + (o.noiseHu > 0 ? noise(rng) : 0.f);
    stored[i] = Uint16(std::clamp(std::lround(mr ? std::max(0.0, hu + 1000) / 4 : hu + 1024), 0L, 65535L));
  }
  return stored;
}

// One Enhanced CT Image Storage file: frames superior first (the reverse of their
// position order), positions per frame, orientation, spacing and rescale shared.
void writeEnhancedCt(const fs::path& file, const PhantomOptions& o, const SliceGeometry& g, double thickness,
                     const std::string& study, const std::string& series, const std::string& frameOfRef,
                     const Progress& progress) {
  const std::size_t n = g.ipp.size(), plane = std::size_t(o.matrix) * o.matrix;
  std::vector<Uint16> all(n * plane);
  parallelFor(n, progress, [&](std::size_t k) {
    const std::vector<Uint16> s = renderStoredSlice(o, g, k, thickness);
    std::copy(s.begin(), s.end(), all.begin() + long((n - 1 - k) * plane));  // frame f = slice n-1-f
  });
  DcmFileFormat ff;
  DcmDataset* ds = ff.getDataset();
  auto put = [](DcmItem* item, const DcmTagKey& t, const std::string& v) { item->putAndInsertString(t, v.c_str()); };
  char buf[256], uid[100];
  put(ds, DCM_SOPClassUID, UID_EnhancedCTImageStorage);
  put(ds, DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
  put(ds, DCM_StudyInstanceUID, study);
  put(ds, DCM_SeriesInstanceUID, series);
  put(ds, DCM_FrameOfReferenceUID, frameOfRef);
  put(ds, DCM_Modality, "CT");
  put(ds, DCM_PatientName, "PHANTOM^REVISION HIP");
  put(ds, DCM_PatientID, "TANTALUS-PHANTOM");
  put(ds, DCM_SeriesDescription, "Revision hip phantom enhanced");
  put(ds, DCM_SeriesNumber, "3");
  put(ds, DCM_InstanceNumber, "1");
  put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL\\NONE");
  put(ds, DCM_NumberOfFrames, std::to_string(n));
  putImagePixelModule(ds, o.matrix, o.photometric);
  DcmItem* shared = nullptr;
  ds->findOrCreateSequenceItem(DCM_SharedFunctionalGroupsSequence, shared, 0);
  DcmItem* item = nullptr;
  shared->findOrCreateSequenceItem(DCM_PixelMeasuresSequence, item, 0);
  std::snprintf(buf, sizeof buf, "%.6f\\%.6f", o.pixelMm, o.pixelMm);
  put(item, DCM_PixelSpacing, buf);
  std::snprintf(buf, sizeof buf, "%.4f", thickness);
  put(item, DCM_SliceThickness, buf);
  shared->findOrCreateSequenceItem(DCM_PlaneOrientationSequence, item, 0);
  std::snprintf(buf, sizeof buf, "%.6f\\%.6f\\%.6f\\%.6f\\%.6f\\%.6f", g.row.x(), g.row.y(), g.row.z(), g.col.x(),
                g.col.y(), g.col.z());
  put(item, DCM_ImageOrientationPatient, buf);
  shared->findOrCreateSequenceItem(DCM_PixelValueTransformationSequence, item, 0);
  put(item, DCM_RescaleIntercept, "-1024");
  put(item, DCM_RescaleSlope, "1");
  put(item, DCM_RescaleType, "HU");
  for (std::size_t f = 0; f < n; ++f) {
    const std::size_t k = n - 1 - f;
    DcmItem* per = nullptr;
    ds->findOrCreateSequenceItem(DCM_PerFrameFunctionalGroupsSequence, per, long(f));
    per->findOrCreateSequenceItem(DCM_PlanePositionSequence, item, 0);
    std::snprintf(buf, sizeof buf, "%.6f\\%.6f\\%.6f", g.ipp[k].x(), g.ipp[k].y(), g.ipp[k].z());
    put(item, DCM_ImagePositionPatient, buf);
  }
  ds->putAndInsertUint16Array(DCM_PixelData, all.data(), static_cast<unsigned long>(all.size()));
  const OFCondition c = ff.saveFile(file.c_str(), EXS_LittleEndianExplicit);
  if (c.bad()) throw Error(std::string("cannot write DICOM: ") + c.text(), file.string(), "choose a writable folder with free space");
}

}  // namespace

double phantomHu(const Vector3d& p, const PhantomOptions& o) { return detail::PhantomAnatomy(o).hu(p); }

PhantomTruth phantomTruth(const PhantomOptions& o) {
  const detail::PhantomAnatomy a(o);
  PhantomTruth t = a.truthWithoutDefectVolume();
  // Defect volume: midpoint rule on a 0.1 mm grid over the ellipsoid's box (phantom frame).
  const double h = 0.1;
  const Vector3d semi = a.defectSemiAxes(), lo = a.defectCentre() - semi;
  const int nx = int(std::ceil(2 * semi.x() / h)), ny = int(std::ceil(2 * semi.y() / h)), nz = int(std::ceil(2 * semi.z() / h));
  std::vector<std::size_t> counts(std::size_t(nz), 0);
  parallelFor(std::size_t(nz), Progress::none(), [&](std::size_t k) {
    std::size_t c = 0;
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        if (a.defect(lo + Vector3d((i + 0.5) * h, (j + 0.5) * h, (double(k) + 0.5) * h))) ++c;
    counts[k] = c;
  });
  std::size_t total = 0;
  for (auto c : counts) total += c;
  t.defectVolumeMm3 = double(total) * h * h * h;
  return t;
}

double phantomBoneLossMm3(const PhantomOptions& o, const Vector3d& cupCentreLps, double cupRadiusMm) {
  const detail::PhantomAnatomy a(o);
  Vector3d lo, hi;
  a.boneLostBox(lo, hi);
  const double h = 0.25;
  const Eigen::Array3i n = ((hi - lo) / h).array().ceil().cast<int>();
  std::vector<std::size_t> counts(std::size_t(n.z()), 0);
  parallelFor(std::size_t(n.z()), Progress::none(), [&](std::size_t k) {
    std::size_t c = 0;
    for (int j = 0; j < n.y(); ++j)
      for (int i = 0; i < n.x(); ++i) {
        const Vector3d q = lo + h * Vector3d(i + 0.5, j + 0.5, double(k) + 0.5);
        if (a.boneLost(q) && (a.toScannerPoint(q) - cupCentreLps).norm() > cupRadiusMm) ++c;
      }
    counts[k] = c;
  });
  std::size_t total = 0;
  for (auto c : counts) total += c;
  return double(total) * h * h * h;
}

VolumeGeometry phantomGrid(const PhantomOptions& o) {
  validateOptions(o);
  const SliceGeometry g = sliceGeometry(o);
  if (o.gantryTiltDeg != 0 || !o.slicePositionsMm.empty())
    throw Error("an in-memory phantom needs a regular, untilted grid", "phantom", "write it as DICOM instead");
  VolumeGeometry geo;
  geo.size = {o.matrix, o.matrix, int(g.ipp.size())};
  geo.spacing = {o.pixelMm, o.pixelMm, o.sliceMm};
  geo.origin = g.ipp.front();
  geo.direction.col(0) = g.row;
  geo.direction.col(1) = g.col;
  geo.direction.col(2) = g.normal;
  return geo;
}

Eigen::Vector3d phantomToScanner(const PhantomOptions& o, const Eigen::Vector3d& q) {
  return detail::PhantomAnatomy(o).toScannerPoint(q);
}

CtVolume makePhantomVolume(const PhantomOptions& o, const Progress& progress) {
  const SliceGeometry g = sliceGeometry(o);
  CtVolume ct;
  ct.geometry = phantomGrid(o);
  auto& geo = ct.geometry;
  ct.hu.resize(geo.voxelCount());
  ct.source = "phantom";
  const std::size_t plane = std::size_t(o.matrix) * o.matrix;
  parallelFor(g.ipp.size(), progress, [&](std::size_t k) {
    std::vector<float> px;
    renderSlice(o, g, k, o.sliceMm, px);
    std::mt19937 rng(1234u + unsigned(k));
    std::normal_distribution<float> noise(0.f, float(std::max(o.noiseHu, 1e-6)));
    for (std::size_t i = 0; i < plane; ++i)
      ct.hu[k * plane + i] = std::int16_t(std::lround(std::clamp(px[i] + (o.noiseHu > 0 ? noise(rng) : 0.f), -1024.f, 30000.f)));
  });
  progress.report(1.0, "phantom rendered");
  return ct;
}

std::string truthJson(const PhantomTruth& t) {
  auto v = [](const Vector3d& x) { return nlohmann::json::array({x.x(), x.y(), x.z()}); };
  nlohmann::json others = nlohmann::json::array();
  for (const auto& c : t.otherCupCentresMm) others.push_back(v(c));
  nlohmann::json j = {
      {"space", "LPS"},
      {"units", "mm, mm^3, degrees"},
      {"revised_side", t.revisedSide},
      {"cor_right_mm", v(t.corRightMm)},
      {"cor_left_native_mm", v(t.corLeftNativeMm)},
      {"cup", {{"centre_mm", v(t.cupCentreMm)}, {"axis", v(t.cupAxis)},
               {"inclination_deg", t.cupInclinationDeg}, {"anteversion_deg", t.cupAnteversionDeg},
               {"angle_convention", "radiographic (Murray 1993), relative to the anterior pelvic plane"},
               {"outer_radius_mm", t.cupOuterRadiusMm}, {"inner_radius_mm", t.cupInnerRadiusMm}}},
      {"other_cup_centres_mm", others},
      {"landmarks_mm", {{"asis_right", v(t.asisMm[0])}, {"asis_left", v(t.asisMm[1])},
                        {"pubic_tubercle_right", v(t.pubicTubercleMm[0])}, {"pubic_tubercle_left", v(t.pubicTubercleMm[1])}}},
      {"pelvic_frame", {{"left", v(t.pelvicFrame.col(0))}, {"posterior", v(t.pelvicFrame.col(1))},
                        {"superior", v(t.pelvicFrame.col(2))}, {"symmetry_point_mm", v(t.symmetryPointMm)}}},
      {"metal_head_radius_mm", t.headRadiusMm},
      {"native_head_radius_mm", t.nativeHeadRadiusMm},
      {"native_socket_radius_mm", t.nativeSocketRadiusMm},
      {"metal_volume_mm3", t.metalVolumeMm3},
      {"stem_volume_mm3", t.stemVolumeMm3},
      {"metal_hu", t.metalHu},
      {"defect", {{"volume_mm3", t.defectVolumeMm3}, {"centre_mm", v(t.defectCentreMm)},
                  {"semi_axes_mm", v(t.defectSemiAxesMm)},
                  {"what", "ellipsoidal cavity in the revised ilium behind the cup, outside the cup's outer sphere"}}}};
  return jsonText(j) + "\n";
}

std::string phantomKey(const PhantomOptions& o) {
  const nlohmann::json j = {{"version", kPhantomGeneratorVersion}, {"matrix", o.matrix}, {"slices", o.slices},
                            {"pixel_mm", o.pixelMm}, {"slice_mm", o.sliceMm}, {"positions", o.slicePositionsMm},
                            {"tilt", o.gantryTiltDeg}, {"noise", o.noiseHu}, {"ts", o.transferSyntax},
                            {"photometric", o.photometric}, {"modality", o.modality}, {"enhanced", o.enhanced},
                            {"metal_hu", o.metalHu}, {"streak_hu", o.streakHu},
                            {"pose", {o.poseDeg.x(), o.poseDeg.y(), o.poseDeg.z()}},
                            {"shift", {o.poseShiftMm.x(), o.poseShiftMm.y(), o.poseShiftMm.z()}},
                            {"swap", o.swapSides}, {"bilateral", o.bilateral}, {"table", o.table},
                            {"beads", o.beads}, {"top", o.topMm}, {"stem", o.stem}};
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : j.dump()) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 12);
}

PhantomTruth writePhantom(const fs::path& dir, const PhantomOptions& o, const Progress& progress) {
  validateOptions(o);
  static const std::vector<std::string> syntaxes = {"explicit", "implicit", "big-endian", "deflated", "rle", "jpeg-lossless"};
  if (std::find(syntaxes.begin(), syntaxes.end(), o.transferSyntax) == syntaxes.end())
    throw Error("unknown transfer syntax '" + o.transferSyntax + "'", "--transfer-syntax",
                "use explicit, implicit, big-endian, deflated, rle or jpeg-lossless");
  if (o.photometric != "MONOCHROME1" && o.photometric != "MONOCHROME2")
    throw Error("photometric interpretation must be MONOCHROME1 or MONOCHROME2", "--photometric", "use MONOCHROME2");
  std::error_code ec;
  if (fs::exists(dir / "dicom", ec) && !fs::is_empty(dir / "dicom", ec))
    throw Error("already holds a phantom series", (dir / "dicom").string(), "remove it or choose another output folder");
  // The series and its truth appear together (StagedOutput): never one without the other.
  StagedOutput out(dir, {"dicom", "truth.json"});
  const fs::path staging = out.file("dicom");
  fs::create_directories(staging);
  static std::once_flag codecs;
  std::call_once(codecs, [] {
    DcmRLEEncoderRegistration::registerCodecs();
    DJEncoderRegistration::registerCodecs();
    std::atexit([] {  // DCMTK keeps the registrations until told otherwise
      DcmRLEEncoderRegistration::cleanup();
      DJEncoderRegistration::cleanup();
    });
  });
  const SliceGeometry g = sliceGeometry(o);
  const std::size_t n = g.ipp.size();
  char uid[100];
  const std::string study = dcmGenerateUniqueIdentifier(uid, SITE_STUDY_UID_ROOT);
  const std::string series = dcmGenerateUniqueIdentifier(uid, SITE_SERIES_UID_ROOT);
  const std::string frame = dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
  std::vector<std::string> sops(n);
  for (auto& s : sops) s = dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
  const bool mr = o.modality == "MR";
  const double thickness = o.slicePositionsMm.empty() ? o.sliceMm : 1.0;
  const std::size_t plane = std::size_t(o.matrix) * o.matrix;
  if (o.enhanced) {
    if (mr || o.transferSyntax != "explicit")
      throw Error("the enhanced (multi-frame) phantom is CT in Explicit VR only", "--enhanced", "drop --modality/--transfer-syntax");
    writeEnhancedCt(staging / "ENHANCED.dcm", o, g, thickness, study, series, frame, progress);
    PhantomTruth truth = phantomTruth(o);
    writeTextFile(out.file("truth.json"), truthJson(truth));
    out.commit();
    return truth;
  }

  parallelFor(n, progress, [&](std::size_t k) {
    std::vector<Uint16> stored = renderStoredSlice(o, g, k, thickness);
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    auto put = [&](const DcmTagKey& t, const std::string& v) { ds->putAndInsertString(t, v.c_str()); };
    char buf[256];
    put(DCM_SOPClassUID, mr ? UID_MRImageStorage : UID_CTImageStorage);
    put(DCM_SOPInstanceUID, sops[k]);
    put(DCM_StudyInstanceUID, study);
    put(DCM_SeriesInstanceUID, series);
    put(DCM_FrameOfReferenceUID, frame);
    put(DCM_Modality, o.modality);
    put(DCM_PatientName, "PHANTOM^REVISION HIP");
    put(DCM_PatientID, "TANTALUS-PHANTOM");
    put(DCM_StudyDate, "20260101");
    put(DCM_Manufacturer, "Tantalus synthetic phantom");
    put(DCM_SeriesDescription, mr ? "Phantom MR (not a CT)" : "Revision hip phantom 1.0 mm");
    put(DCM_SeriesNumber, "2");
    put(DCM_InstanceNumber, std::to_string(n - k));  // superior first, as scanners number
    put(DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    std::snprintf(buf, sizeof buf, "%.6f\\%.6f\\%.6f", g.ipp[k].x(), g.ipp[k].y(), g.ipp[k].z());
    put(DCM_ImagePositionPatient, buf);
    std::snprintf(buf, sizeof buf, "%.6f\\%.6f\\%.6f\\%.6f\\%.6f\\%.6f", g.row.x(), g.row.y(), g.row.z(), g.col.x(),
                  g.col.y(), g.col.z());
    put(DCM_ImageOrientationPatient, buf);
    std::snprintf(buf, sizeof buf, "%.6f\\%.6f", o.pixelMm, o.pixelMm);
    put(DCM_PixelSpacing, buf);
    std::snprintf(buf, sizeof buf, "%.4f", thickness);
    put(DCM_SliceThickness, buf);
    std::snprintf(buf, sizeof buf, "%.4f", g.ipp[k].dot(g.normal));
    put(DCM_SliceLocation, buf);
    if (o.gantryTiltDeg != 0) {
      std::snprintf(buf, sizeof buf, "%.4f", o.gantryTiltDeg);
      put(DCM_GantryDetectorTilt, buf);
    }
    putImagePixelModule(ds, o.matrix, o.photometric);
    if (!mr) {
      put(DCM_RescaleIntercept, "-1024");
      put(DCM_RescaleSlope, "1");
      put(DCM_RescaleType, "HU");
      put(DCM_KVP, "120");
      put(DCM_WindowCenter, "400");
      put(DCM_WindowWidth, "1800");
    }
    ds->putAndInsertUint16Array(DCM_PixelData, stored.data(), static_cast<unsigned long>(plane));
    E_TransferSyntax xfer = EXS_LittleEndianExplicit;
    if (o.transferSyntax == "implicit") xfer = EXS_LittleEndianImplicit;
    if (o.transferSyntax == "big-endian") xfer = EXS_BigEndianExplicit;
    if (o.transferSyntax == "deflated") xfer = EXS_DeflatedLittleEndianExplicit;
    if (o.transferSyntax == "rle") {
      xfer = EXS_RLELossless;
      if (ds->chooseRepresentation(xfer, nullptr).bad()) throw Error("RLE encoding failed", "phantom");
    } else if (o.transferSyntax == "jpeg-lossless") {
      xfer = EXS_JPEGProcess14SV1;
      DJ_RPLossless params;
      if (ds->chooseRepresentation(xfer, &params).bad()) throw Error("JPEG lossless encoding failed", "phantom");
    }
    const std::size_t stride = n % 7919 ? 7919 : 7907;  // coprime with n (both prime, n <= 2000)
    const std::size_t fileNo = (k * stride + 13) % n;    // a permutation: names do not sort by position
    std::snprintf(buf, sizeof buf, "IM_%04zu.dcm", fileNo);
    const fs::path file = staging / buf;
    OFCondition c = ff.saveFile(file.c_str(), xfer);
    if (c.bad()) throw Error(std::string("cannot write DICOM: ") + c.text(), file.string(), "choose a writable folder with free space");
  });
  PhantomTruth truth = phantomTruth(o);
  writeTextFile(out.file("truth.json"), truthJson(truth));
  out.commit();
  progress.report(1.0, "phantom written");
  return truth;
}

}  // namespace tantalus::io
