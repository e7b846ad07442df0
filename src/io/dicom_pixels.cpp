#include "dicom_pixels.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <itkGDCMImageIO.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>

#include "tantalus/core/error.h"

namespace tantalus::io::detail {

namespace {

const char* kDamaged = "the file is damaged or truncated: copy or export the series again";

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// The HU range a slice's stored range maps to must fit int16: a wrong slope is
// named, not clamped.
void checkRange(double lo, double hi, const SliceHeader& sl) {
  const double m = sl.rescaleSlope, b = sl.rescaleIntercept;
  const double huLo = lo * m + b, huHi = hi * m + b;
  if (!(huLo >= -32768.5 && huHi <= 32767.5))
    throw Error("RescaleSlope " + number(m) + " and RescaleIntercept " + number(b) + " map the stored values " +
                    number(lo) + ".." + number(hi) + " to " + number(huLo) + ".." + number(huHi) +
                    " HU, outside the HU scale (-32768..32767)",
                sl.file.string(), "the rescale tags (0028,1052/1053) of this slice are wrong: export the series again");
}

// stored * slope + intercept into int16 HU, after checkRange.
template <class V>
void rescale(const V* v, std::size_t n, const SliceHeader& sl, std::int16_t* dst) {
  const double m = sl.rescaleSlope, b = sl.rescaleIntercept;
  if (m == 1.0 && b == std::round(b)) {  // the usual CT case: an integer shift
    const long shift = long(b);
    for (std::size_t i = 0; i < n; ++i) dst[i] = std::int16_t(long(v[i]) + shift);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) dst[i] = std::int16_t(std::clamp(std::lround(double(v[i]) * m + b), -32768L, 32767L));
}

// One frame of stored values to HU. When BitsStored < BitsAllocated the bits
// outside the stored range (e.g. old overlays) are masked off and a signed value
// is sign-extended from its top bit.
template <class T>
void convertFrame(const char* raw, std::size_t n, const SeriesInfo& s, const SliceHeader& sl, std::int16_t* dst,
                  std::vector<std::int64_t>& scratch, bool undoInversion) {
  const T* src = reinterpret_cast<const T*>(raw);
  if (undoInversion) {
    const std::int64_t lo = s.signedPixels ? -(std::int64_t(1) << (s.bitsStored - 1)) : 0;
    const std::int64_t hi = s.signedPixels ? (std::int64_t(1) << (s.bitsStored - 1)) - 1 : (std::int64_t(1) << s.bitsStored) - 1;
    scratch.resize(n);
    for (std::size_t i = 0; i < n; ++i) scratch[i] = hi + lo - std::int64_t(src[i]);
    const auto [mn, mx] = std::minmax_element(scratch.begin(), scratch.end());
    checkRange(double(*mn), double(*mx), sl);
    rescale(scratch.data(), n, sl, dst);
    return;
  }
  if (s.bitsStored == int(sizeof(T)) * 8) {
    const auto [lo, hi] = std::minmax_element(src, src + n);
    checkRange(double(*lo), double(*hi), sl);
    rescale(src, n, sl, dst);
    return;
  }
  using U = std::make_unsigned_t<T>;
  const int shift = s.highBit + 1 - s.bitsStored;
  const std::uint64_t mask = (std::uint64_t(1) << s.bitsStored) - 1;
  const std::uint64_t sign = std::uint64_t(1) << (s.bitsStored - 1);
  scratch.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t v = (std::uint64_t(U(src[i])) >> shift) & mask;
    scratch[i] = s.signedPixels && (v & sign) ? std::int64_t(v) - std::int64_t(mask) - 1 : std::int64_t(v);
  }
  const auto [lo, hi] = std::minmax_element(scratch.begin(), scratch.end());
  checkRange(double(*lo), double(*hi), sl);
  rescale(scratch.data(), n, sl, dst);
}

// Pixel data through DCMTK, in host byte order: native data as stored (deflated
// and big-endian files included), RLE, JPEG and JPEG-LS decompressed by DCMTK's
// codecs. nullptr when DCMTK has no codec for the file (JPEG 2000).
const char* dcmtkPixels(const SeriesInfo& s, const SliceHeader& first, std::size_t bytesNeeded, DcmFileFormat& ff) {
  static std::once_flag codecs;
  std::call_once(codecs, [] {
    DcmRLEDecoderRegistration::registerCodecs();
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
  });
  const OFCondition c = ff.loadFile(first.file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
  if (c.bad()) throw Error(std::string("cannot read the pixel data (") + c.text() + ")", first.file.string(), kDamaged);
  DcmDataset* ds = ff.getDataset();
  if (first.encapsulated) {
    if (ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit))
      return nullptr;
  }
  DcmElement* px = nullptr;
  if (ds->findAndGetElement(DCM_PixelData, px).bad() || !px)
    throw Error("the pixel data (7FE0,0010) are missing", first.file.string(), kDamaged);
  const char* data = nullptr;
  if (s.bitsAllocated == 8) {
    Uint8* p = nullptr;
    if (px->getUint8Array(p).good()) data = reinterpret_cast<const char*>(p);
  } else {
    Uint16* p = nullptr;
    if (px->getUint16Array(p).good()) data = reinterpret_cast<const char*>(p);
    else if (Uint8* b = nullptr; px->getUint8Array(b).good()) data = reinterpret_cast<const char*>(b);
  }
  if (!data || px->getLength() < bytesNeeded)
    throw Error("the pixel data hold " + std::to_string(px->getLength()) + " of " + std::to_string(bytesNeeded) +
                    " bytes",
                first.file.string(), kDamaged);
  return data;
}

// Encapsulated pixel data DCMTK cannot decode (JPEG 2000) through ITK's GDCM
// ImageIO. GDCM inverts MONOCHROME1 to MONOCHROME2 (v -> max + min - v of the
// stored range, an involution); convertFrame undoes it. ReadImageInformation is
// skipped on purpose (it parses the file again and copies every tag into ITK's
// dictionary, which doubled import time): rows, columns, frames and pixel format
// are known from the scan.
const char* gdcmPixels(const SeriesInfo& s, const SliceHeader& first, std::size_t frames, std::vector<char>& scratch) {
  const std::size_t n = std::size_t(s.cols) * std::size_t(s.rows);
  const int bytes = (s.bitsAllocated + 7) / 8;
  scratch.resize(n * frames * 8);  // GDCM writes GetBufferLength() bytes: at most 8 per greyscale pixel
  try {
    auto gio = itk::GDCMImageIO::New();
    gio->SetFileName(first.file.string());
    gio->SetNumberOfDimensions(3);
    gio->SetDimensions(0, unsigned(s.cols));
    gio->SetDimensions(1, unsigned(s.rows));
    gio->SetDimensions(2, unsigned(frames));
    gio->SetNumberOfComponents(1);
    using CT = itk::IOComponentEnum;
    gio->SetComponentType(bytes == 1 ? (s.signedPixels ? CT::CHAR : CT::UCHAR)
                          : bytes == 2 ? (s.signedPixels ? CT::SHORT : CT::USHORT)
                                       : (s.signedPixels ? CT::INT : CT::UINT));
    gio->Read(scratch.data());
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot decode the pixel data (") + e.GetDescription() + ")", first.file.string(), kDamaged);
  }
  return scratch.data();
}

}  // namespace

void decodeFile(const SeriesInfo& s, const std::vector<std::pair<std::size_t, const SliceHeader*>>& slices,
                const SliceTarget& target, std::vector<char>& scratch) {
  const SliceHeader& first = *slices.front().second;
  const std::size_t n = std::size_t(s.cols) * std::size_t(s.rows);
  const std::size_t frames = std::size_t(std::max(1, first.frames));
  const int bytes = (s.bitsAllocated + 7) / 8;
  DcmFileFormat ff;  // owns the pixel data while they are converted
  const char* raw = dcmtkPixels(s, first, n * frames * std::size_t(bytes), ff);
  const bool gdcm = raw == nullptr;
  if (gdcm) raw = gdcmPixels(s, first, frames, scratch);
  const bool undo = gdcm && s.photometric == "MONOCHROME1";
  std::vector<std::int64_t> values;
  for (const auto& [k, sl] : slices) {
    const char* src = raw + std::size_t(sl->frame) * n * std::size_t(bytes);
    std::int16_t* dst = target(k);
    if (bytes == 1) s.signedPixels ? convertFrame<std::int8_t>(src, n, s, *sl, dst, values, undo) : convertFrame<std::uint8_t>(src, n, s, *sl, dst, values, undo);
    else if (bytes == 2) s.signedPixels ? convertFrame<std::int16_t>(src, n, s, *sl, dst, values, undo) : convertFrame<std::uint16_t>(src, n, s, *sl, dst, values, undo);
    else s.signedPixels ? convertFrame<std::int32_t>(src, n, s, *sl, dst, values, undo) : convertFrame<std::uint32_t>(src, n, s, *sl, dst, values, undo);
  }
}

}  // namespace tantalus::io::detail
