#include "dicom_header.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "tantalus/core/volume.h"

namespace fs = std::filesystem;

namespace tantalus::io::detail {

namespace {

std::string str(DcmItem* ds, const DcmTagKey& tag) {
  OFString v;
  if (ds->findAndGetOFStringArray(tag, v).good()) return std::string(v.c_str());
  return {};
}
double num(DcmItem* ds, const DcmTagKey& tag, unsigned long pos, double fallback) {
  Float64 v;
  if (ds->findAndGetFloat64(tag, v, pos).good()) return v;
  return fallback;
}
int integer(DcmItem* ds, const DcmTagKey& tag, int fallback) {
  Uint16 u;
  if (ds->findAndGetUint16(tag, u).good()) return u;
  Sint32 s;
  if (ds->findAndGetSint32(tag, s).good()) return s;
  OFString t;
  if (ds->findAndGetOFString(tag, t).good() && !t.empty()) {
    char* end = nullptr;
    const long v = std::strtol(t.c_str(), &end, 10);
    if (end && *end == 0 && v > -1000000000L && v < 1000000000L) return int(v);
  }
  return fallback;
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

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Orientation: two finite unit vectors at right angles (within 0.01), made exactly
// orthonormal; anything else is no orientation at all.
std::string checkOrientation(Eigen::Matrix<double, 6, 1>& o) {
  if (!o.allFinite()) return "ImageOrientationPatient (0020,0037) holds a value that is not a number";
  Eigen::Vector3d r(o[0], o[1], o[2]), c(o[3], o[4], o[5]);
  if (r.norm() < 1e-6 || c.norm() < 1e-6) return "ImageOrientationPatient (0020,0037) is a zero vector";
  if (std::abs(r.norm() - 1) > 0.01 || std::abs(c.norm() - 1) > 0.01)
    return "ImageOrientationPatient (0020,0037) is not made of unit vectors (lengths " + number(r.norm()) + ", " +
           number(c.norm()) + ")";
  if (std::abs(r.normalized().dot(c.normalized())) > 0.01)
    return "ImageOrientationPatient (0020,0037) rows and columns are not perpendicular (cosine " +
           number(r.normalized().dot(c.normalized())) + ")";
  r.normalize();
  c = (c - c.dot(r) * r).normalized();
  o << r, c;
  return {};
}

std::string checkSlice(SliceHeader& s, bool hasGeometry) {
  if (!std::isfinite(s.rescaleSlope) || !(s.rescaleSlope > 0) || s.rescaleSlope > 1e4)
    return "RescaleSlope (0028,1053) is " + number(s.rescaleSlope) + ", not a positive factor up to 10000";
  if (!std::isfinite(s.rescaleIntercept) || std::abs(s.rescaleIntercept) > 1e5)
    return "RescaleIntercept (0028,1052) is " + number(s.rescaleIntercept) + ", not a finite HU offset";
  if (!hasGeometry) return {};
  if (!s.position.allFinite() || s.position.cwiseAbs().maxCoeff() > GridLimits::kMaxCoordinateMm)
    return "ImagePositionPatient (0020,0032) is (" + number(s.position.x()) + ", " + number(s.position.y()) + ", " +
           number(s.position.z()) + "), not a position within 10 m";
  return checkOrientation(s.orientation);
}

// Every rule a slice's header must keep for its pixels to become HU voxels.
std::string checkHeader(FileHeader& h, DcmElement* px) {
  if (h.imageSopClass && !h.hasPixels) return "holds no pixel data (7FE0,0010) although it is an image";
  if (!h.hasPixels) return {};
  if (h.slice.rows <= 0 || h.slice.cols <= 0) return "Rows (0028,0010) or Columns (0028,0011) is missing or zero";
  if (h.bitsAllocated != 8 && h.bitsAllocated != 16 && h.bitsAllocated != 32)
    return "BitsAllocated (0028,0100) is " + std::to_string(h.bitsAllocated) + ", not 8, 16 or 32";
  if (h.bitsStored < 1 || h.bitsStored > h.bitsAllocated || h.highBit >= h.bitsAllocated || h.highBit + 1 < h.bitsStored)
    return "BitsStored (0028,0101) " + std::to_string(h.bitsStored) + " / HighBit (0028,0102) " +
           std::to_string(h.highBit) + " do not fit BitsAllocated " + std::to_string(h.bitsAllocated);
  if (h.slice.frames < 1 || h.slice.frames > 100000)
    return "NumberOfFrames (0028,0008) is " + std::to_string(h.slice.frames);
  if (h.pixelRepresentation != 0 && h.pixelRepresentation != 1)
    return "PixelRepresentation (0028,0103) is " + std::to_string(h.pixelRepresentation) + ", not 0 or 1";
  const double ps[2] = {h.pixelSpacing[0], h.pixelSpacing[1]};
  if (h.hasGeometry)
    for (double p : ps)
      if (!(p >= GridLimits::kMinSpacingMm && p <= GridLimits::kMaxSpacingMm))
        return "PixelSpacing (0028,0030) is " + number(ps[0]) + "\\" + number(ps[1]) + " mm, outside " +
               number(GridLimits::kMinSpacingMm) + " to " + number(GridLimits::kMaxSpacingMm) + " mm";
  if (std::string e = checkSlice(h.slice, h.hasGeometry && h.frames.empty()); !e.empty()) return e;
  for (auto& f : h.frames)
    if (std::string e = checkSlice(f, true); !e.empty()) return "frame " + std::to_string(f.frame + 1) + ": " + e;
  // Native pixel data: exactly Rows × Columns × frames × samples × bytes (an odd
  // length is padded to even). The length is the element's, so a deflated file
  // (its bytes on disk are compressed) is measured after inflation.
  if (!DcmXfer(h.transferSyntax.c_str()).isEncapsulated()) {
    const unsigned long long expected = (unsigned long long)h.slice.rows * h.slice.cols * h.slice.frames *
                                        h.samplesPerPixel * ((h.bitsAllocated + 7) / 8);
    const unsigned long long length = px->getLength();
    if (length != expected && length != expected + 1) {
      const std::string dims = "Rows × Columns × BitsAllocated (" + std::to_string(h.slice.rows) + " × " +
                               std::to_string(h.slice.cols) + " × " + std::to_string(h.bitsAllocated) +
                               (h.slice.frames > 1 ? " × " + std::to_string(h.slice.frames) + " frames" : std::string()) + ")";
      if (length < expected && px->getLength() != 0)
        return "pixel data is " + std::to_string(length) + " bytes where " + dims + " need " + std::to_string(expected) +
               ": the header disagrees with the pixel data, or the file is truncated";
      return "pixel data is " + std::to_string(length) + " bytes where " + dims + " need " + std::to_string(expected) +
             ": the header disagrees with the pixel data";
    }
  }
  return {};
}

bool isImageStorage(const std::string& sop) {
  return sop == UID_CTImageStorage || sop == UID_EnhancedCTImageStorage || sop == UID_MRImageStorage ||
         sop == UID_EnhancedMRImageStorage || sop == UID_SecondaryCaptureImageStorage;
}

}  // namespace

bool looksLikeDicom(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char buf[132] = {};
  in.read(buf, sizeof buf);
  const auto n = in.gcount();
  if (n == 132 && std::string(buf + 128, 4) == "DICM") return true;
  return n >= 8 && (buf[0] == 0x08 || buf[0] == 0x02) && buf[1] == 0x00 && buf[3] == 0x00;
}

HeaderRead readFileHeader(const fs::path& p, FileHeader& h, std::string& problem) {
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
      return HeaderRead::NotDicom;
    }
  }
  DcmMetaInfo* meta = ff.getMetaInfo();
  h.sopClass = str(ds, DCM_SOPClassUID);
  h.imageSopClass = isImageStorage(h.sopClass);
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
  h.bitsStored = integer(ds, DCM_BitsStored, h.bitsAllocated);
  h.highBit = integer(ds, DCM_HighBit, h.bitsStored - 1);
  h.pixelRepresentation = integer(ds, DCM_PixelRepresentation, 0);
  h.slice.file = p;
  h.slice.encapsulated = DcmXfer(h.transferSyntax.c_str()).isEncapsulated();
  h.slice.deflated = DcmXfer(h.transferSyntax.c_str()).getXfer() == EXS_DeflatedLittleEndianExplicit;
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
    for (int i = 0; i < 3; ++i) h.slice.position[i] = num(ds, DCM_ImagePositionPatient, unsigned(i), 0);
    for (int i = 0; i < 6; ++i) h.slice.orientation[i] = num(ds, DCM_ImageOrientationPatient, unsigned(i), 0);
  } else {
    h.slice.orientation.setZero();
  }
  if (h.slice.frames > 1 && h.slice.frames <= 100000) readFunctionalGroups(ds, h);
  if (h.damage.empty()) h.damage = checkHeader(h, px);
  return HeaderRead::Ok;
}

}  // namespace tantalus::io::detail
