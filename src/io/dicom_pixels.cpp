#include "dicom_pixels.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>

#include "jpeg2000_decoder.h"
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
void rescale(const V* __restrict v, std::size_t n, const SliceHeader& sl, std::int16_t* __restrict dst) {
  const double m = sl.rescaleSlope, b = sl.rescaleIntercept;
  if (m == 1.0 && b == std::round(b)) {  // the usual CT case: an integer shift (checkRange: fits int16)
    if constexpr (sizeof(V) <= 2) {
      const int shift = int(b);
      for (std::size_t i = 0; i < n; ++i) dst[i] = std::int16_t(int(v[i]) + shift);
    } else {
      const std::int64_t shift = std::int64_t(b);
      for (std::size_t i = 0; i < n; ++i) dst[i] = std::int16_t(std::int64_t(v[i]) + shift);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) dst[i] = std::int16_t(std::clamp(std::lround(double(v[i]) * m + b), -32768L, 32767L));
}

// One frame of stored values to HU. When BitsStored < BitsAllocated the bits
// outside the stored range (e.g. old overlays) are masked off and a signed value
// is sign-extended from its top bit.
template <class T>
void convertFrame(const char* raw, std::size_t n, const SeriesInfo& s, const SliceHeader& sl, std::int16_t* dst,
                  std::vector<std::int64_t>& scratch) {
  const T* __restrict src = reinterpret_cast<const T*>(raw);
  if (s.bitsStored == int(sizeof(T)) * 8) {
    T lo = std::numeric_limits<T>::max(), hi = std::numeric_limits<T>::lowest();
    for (std::size_t i = 0; i < n; ++i) {  // branch-free: vectorises
      lo = std::min(lo, src[i]);
      hi = std::max(hi, src[i]);
    }
    checkRange(double(lo), double(hi), sl);
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

void registerDcmtkCodecs() {
  static std::once_flag codecs;
  std::call_once(codecs, [] {
    DcmRLEDecoderRegistration::registerCodecs();
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    std::atexit([] {  // DCMTK keeps the registrations until told otherwise
      DcmRLEDecoderRegistration::cleanup();
      DJDecoderRegistration::cleanup();
      DJLSDecoderRegistration::cleanup();
    });
  });
}

// Native pixel data read by DCMTK straight from the file into `scratch` (reused per
// worker: no fresh, zero-filled buffer per slice), in host byte order. The header is
// parsed up to 4 KiB per element, as in the scan; the pixel element's value is then
// copied from the file without loading it. Deflated files are read whole (their
// value is not at a file offset).
const char* nativePixels(const SliceHeader& first, std::size_t bytesNeeded, std::vector<char>& scratch, DcmFileFormat& ff) {
  const bool deflated = first.deflated;
  const OFCondition c = ff.loadFile(first.file.c_str(), EXS_Unknown, EGL_noChange, deflated ? DCM_MaxReadLength : 4096);
  if (c.bad()) throw Error(std::string("cannot read the pixel data (") + c.text() + ")", first.file.string(), kDamaged);
  DcmElement* px = nullptr;
  if (ff.getDataset()->findAndGetElement(DCM_PixelData, px).bad() || !px)
    throw Error("the pixel data (7FE0,0010) are missing", first.file.string(), kDamaged);
  if (px->getLength() < bytesNeeded)
    throw Error("the pixel data hold " + std::to_string(px->getLength()) + " of " + std::to_string(bytesNeeded) + " bytes",
                first.file.string(), kDamaged);
  scratch.resize(bytesNeeded);
  DcmFileCache cache;
  if (px->getPartialValue(scratch.data(), 0, Uint32(bytesNeeded), &cache, gLocalByteOrder).bad())
    throw Error("cannot read the pixel data to their end", first.file.string(), kDamaged);
  return scratch.data();
}

// RLE, JPEG and JPEG-LS decompressed by DCMTK's codecs, in host byte order; nullptr
// when DCMTK has no codec for the file (JPEG 2000).
const char* dcmtkDecoded(const SeriesInfo& s, const SliceHeader& first, std::size_t bytesNeeded, DcmFileFormat& ff) {
  registerDcmtkCodecs();
  const OFCondition c = ff.loadFile(first.file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
  if (c.bad()) throw Error(std::string("cannot read the pixel data (") + c.text() + ")", first.file.string(), kDamaged);
  DcmDataset* ds = ff.getDataset();
  if (ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr).bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit))
    return nullptr;
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
    throw Error("the decompressed pixel data hold " + std::to_string(px->getLength()) + " of " +
                    std::to_string(bytesNeeded) + " bytes",
                first.file.string(), kDamaged);
  return data;
}

}  // namespace

void decodeFile(const SeriesInfo& s, const std::vector<std::pair<std::size_t, const SliceHeader*>>& slices,
                const SliceTarget& target, std::vector<char>& scratch) {
  const SliceHeader& first = *slices.front().second;
  const std::size_t n = std::size_t(s.cols) * std::size_t(s.rows);
  const std::size_t frames = std::size_t(std::max(1, first.frames));
  const int bytes = (s.bitsAllocated + 7) / 8;
  DcmFileFormat ff;  // owns the decompressed pixel data while they are converted
  const std::size_t bytesNeeded = n * frames * std::size_t(bytes);
  const char* raw = first.encapsulated ? dcmtkDecoded(s, first, bytesNeeded, ff) : nativePixels(first, bytesNeeded, scratch, ff);
  if (!raw) {  // no DCMTK codec: JPEG 2000 through OpenJPEG, or nothing
    const E_TransferSyntax ts = ff.getDataset()->getOriginalXfer();
    if (ts != EXS_JPEG2000LosslessOnly && ts != EXS_JPEG2000)
      throw Error(std::string("the transfer syntax ") + DcmXfer(ts).getXferName() + " cannot be decoded", first.file.string(),
                  "export the series uncompressed, or as JPEG lossless, RLE or JPEG 2000");
    decodeJpeg2000Frames(*ff.getDataset(), s.cols, s.rows, int(frames), bytes, s.signedPixels, scratch, first.file.string());
    raw = scratch.data();
  }
  std::vector<std::int64_t> values;
  for (const auto& [k, sl] : slices) {
    const char* src = raw + std::size_t(sl->frame) * n * std::size_t(bytes);
    std::int16_t* dst = target(k);
    if (bytes == 1) s.signedPixels ? convertFrame<std::int8_t>(src, n, s, *sl, dst, values) : convertFrame<std::uint8_t>(src, n, s, *sl, dst, values);
    else if (bytes == 2) s.signedPixels ? convertFrame<std::int16_t>(src, n, s, *sl, dst, values) : convertFrame<std::uint16_t>(src, n, s, *sl, dst, values);
    else s.signedPixels ? convertFrame<std::int32_t>(src, n, s, *sl, dst, values) : convertFrame<std::uint32_t>(src, n, s, *sl, dst, values);
  }
}

}  // namespace tantalus::io::detail
