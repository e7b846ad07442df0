// DICOM series reading: DCMTK lists and orders the slices (dicom_scan.cpp),
// ITK's GDCM ImageIO decodes pixels (JPEG 2000, JPEG lossless, RLE, raw) and
// applies the modality rescale. Slices are ordered by ImagePositionPatient
// projected on the slice normal, never by file name or instance number.
#include <itkGDCMImageIO.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <mutex>
#include <sstream>
#include <thread>

#include "itk_bridge.h"
#include "tantalus/core/error.h"
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

template <class T>
void convertToHu(const char* raw, std::size_t n, std::int16_t* dst) {
  const T* src = reinterpret_cast<const T*>(raw);
  for (std::size_t i = 0; i < n; ++i)
    dst[i] = std::int16_t(std::lround(std::clamp(double(src[i]), -32768.0, 32767.0)));
}

// Decodes one slice to HU through ITK's GDCM ImageIO (which applies the
// rescale slope/intercept and reports the rescaled pixel type).
void readSlice(const SliceHeader& sl, int cols, int rows, std::vector<std::int16_t>& out) {
  auto gio = itk::GDCMImageIO::New();
  gio->SetFileName(sl.file.string());
  try {
    gio->ReadImageInformation();
    if (int(gio->GetDimensions(0)) != cols || int(gio->GetDimensions(1)) != rows)
      throw Error("slice size " + std::to_string(gio->GetDimensions(0)) + "x" + std::to_string(gio->GetDimensions(1)) +
                      " differs from the series' " + std::to_string(cols) + "x" + std::to_string(rows),
                  sl.file.string(), "remove this file from the series folder");
    if (gio->GetNumberOfComponents() != 1)
      throw Error("colour pixel data in a CT series", sl.file.string(), "remove this file from the series folder");
    const std::size_t n = std::size_t(cols) * std::size_t(rows);
    std::vector<char> buf(gio->GetImageSizeInBytes());
    gio->Read(buf.data());
    out.resize(n);
    using CT = itk::IOComponentEnum;
    switch (gio->GetComponentType()) {
      case CT::UCHAR: convertToHu<unsigned char>(buf.data(), n, out.data()); break;
      case CT::CHAR: convertToHu<signed char>(buf.data(), n, out.data()); break;
      case CT::USHORT: convertToHu<unsigned short>(buf.data(), n, out.data()); break;
      case CT::SHORT: convertToHu<short>(buf.data(), n, out.data()); break;
      case CT::UINT: convertToHu<unsigned int>(buf.data(), n, out.data()); break;
      case CT::INT: convertToHu<int>(buf.data(), n, out.data()); break;
      case CT::FLOAT: convertToHu<float>(buf.data(), n, out.data()); break;
      case CT::DOUBLE: convertToHu<double>(buf.data(), n, out.data()); break;
      default:
        throw Error("unsupported pixel type", sl.file.string(), "export the series as 16-bit greyscale");
    }
  } catch (const itk::ExceptionObject& e) {
    std::string d = e.GetDescription();
    d.erase(std::remove(d.begin(), d.end(), '\n'), d.end());
    throw Error("cannot decode pixel data (" + d + ")", sl.file.string(),
                "the file is damaged or truncated: copy or export the series again");
  }
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
  detail::registerItkFactories();
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
                s.slices.front().file.parent_path().string(), "allow tilt correction to resample it onto an orthogonal grid");

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
  st.positions.resize(n);
  st.pixels.resize(n);
  for (std::size_t k = 0; k < n; ++k) st.positions[k] = s.slices[k].position;

  // Decode on every core; the first error wins and stops the others.
  std::atomic<std::size_t> next{0}, done{0};
  std::mutex errMutex;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      const std::size_t k = next++;
      if (k >= n) return;
      {
        std::lock_guard<std::mutex> lock(errMutex);
        if (error) return;
      }
      try {
        if (progress.cancelled()) throw Cancelled();
        readSlice(s.slices[k], s.cols, s.rows, st.pixels[k]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(errMutex);
        if (!error) error = std::current_exception();
        return;
      }
      ++done;
    }
  };
  const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();  // the calling thread works too
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  progress.report(0.9, "slices decoded");

  CtVolume& ct = r.volume;
  const bool regular = s.gantryTiltDeg == 0 && !s.unevenSpacing() && !s.hasGaps();
  if (regular) {
    auto& g = ct.geometry;
    g.size = {s.cols, s.rows, int(n)};
    g.spacing = {st.dx, st.dy, (s.slices.back().positionAlongNormal - s.slices.front().positionAlongNormal) / double(n - 1)};
    g.origin = st.positions[0];
    g.direction.col(0) = st.rowDir;
    g.direction.col(1) = st.colDir;
    g.direction.col(2) = st.normal;
    ct.hu.resize(g.voxelCount());
    const std::size_t plane = std::size_t(s.cols) * std::size_t(s.rows);
    for (std::size_t k = 0; k < n; ++k) {
      std::copy(st.pixels[k].begin(), st.pixels[k].end(), ct.hu.begin() + long(plane * k));
      std::vector<std::int16_t>().swap(st.pixels[k]);
    }
  } else {
    const double dz = s.sliceSpacingMm;
    ct = detail::resampleStack(st, dz);
    if (s.gantryTiltDeg > 0)
      r.warnings.push_back("gantry tilt of " + fmt(s.gantryTiltDeg, 1) +
                           "°: slices resampled onto an orthogonal grid (shear removed)");
    if (s.unevenSpacing() && !s.hasGaps())
      r.warnings.push_back("uneven slice spacing (" + fmt(s.minGapMm) + "–" + fmt(s.maxGapMm) +
                           " mm): resampled onto a regular " + fmt(dz) + " mm grid");
  }
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
  if (fs::is_regular_file(path, ec)) {
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    for (const char* ext : {".nii", ".nii.gz", ".nrrd", ".nhdr", ".mha", ".mhd"}) {
      const std::string e(ext);
      if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
        ImportResult r;
        r.volume = readImageFile(path, r.format);
        r.volume.studyHash = studyHash(r.volume.source);
        const auto [lo, hi] = r.volume.range();
        if (lo > -200)
          r.warnings.push_back("lowest value is " + std::to_string(lo) +
                               ": this does not look like a CT in Hounsfield units (air is -1000)");
        progress.report(1.0, "volume read");
        return r;
      }
    }
  }
  // A DICOM folder, or one DICOM file (its folder is scanned, its series chosen).
  fs::path root = path;
  std::string choice = options.series;
  ScanResult scan;
  if (fs::is_regular_file(path, ec)) {
    scan = scanDicom(path, progress.sub(0, 0.1));
    if (scan.series.empty()) {
      if (!scan.problems.empty())
        throw Error(scan.problems.front(), "", "the file is damaged or truncated: copy or export it again");
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
  ImportResult r = readDicomSeries(s, options, progress.sub(0.1, 1.0));
  r.choiceNote = note;
  r.seriesCount = int(scan.series.size());
  if (!scan.skipped.empty())
    r.warnings.push_back("skipped " + std::to_string(scan.skipped.size()) + " non-image file(s), e.g. " +
                         scan.skipped.front().filename().string());
  for (const auto& p : scan.problems) r.warnings.push_back("unreadable file skipped: " + p);
  if (s.excludedLocalizers) r.warnings.push_back("excluded " + std::to_string(s.excludedLocalizers) + " localizer image(s)");
  if (s.excludedOtherOrientation)
    r.warnings.push_back("excluded " + std::to_string(s.excludedOtherOrientation) + " slice(s) of another orientation or size");
  return r;
}

}  // namespace tantalus::io
