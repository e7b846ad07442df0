#include "jpeg2000_decoder.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <openjpeg-2.5/openjpeg.h>  // not ITK's bundled, renamed copy

#include <algorithm>
#include <cstring>
#include <memory>

#include "tantalus/core/error.h"

namespace tantalus::io::detail {

namespace {

const char* kDamaged = "the file is damaged or truncated: copy or export the series again";

// OpenJPEG reads the codestream from memory through these callbacks.
struct MemoryStream {
  const std::uint8_t* data;
  std::size_t size, pos = 0;
};
OPJ_SIZE_T readCallback(void* buffer, OPJ_SIZE_T bytes, void* user) {
  auto* m = static_cast<MemoryStream*>(user);
  if (m->pos >= m->size) return OPJ_SIZE_T(-1);
  const std::size_t n = std::min<std::size_t>(bytes, m->size - m->pos);
  std::memcpy(buffer, m->data + m->pos, n);
  m->pos += n;
  return n;
}
OPJ_OFF_T skipCallback(OPJ_OFF_T bytes, void* user) {
  auto* m = static_cast<MemoryStream*>(user);
  const auto n = std::clamp<OPJ_OFF_T>(bytes, -OPJ_OFF_T(m->pos), OPJ_OFF_T(m->size - m->pos));
  m->pos = std::size_t(OPJ_OFF_T(m->pos) + n);
  return n;
}
OPJ_BOOL seekCallback(OPJ_OFF_T to, void* user) {
  auto* m = static_cast<MemoryStream*>(user);
  if (to < 0 || std::size_t(to) > m->size) return OPJ_FALSE;
  m->pos = std::size_t(to);
  return OPJ_TRUE;
}

struct CodecDeleter {
  void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
  void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

template <class T>
void store(const opj_image_comp_t& c, char* out) {
  T* dst = reinterpret_cast<T*>(out);
  const std::size_t n = std::size_t(c.w) * std::size_t(c.h);
  for (std::size_t i = 0; i < n; ++i) dst[i] = T(c.data[i]);
}

void decodeFrame(const std::uint8_t* data, std::size_t size, int cols, int rows, int bytes, bool signedPixels, char* out,
                 const std::string& where) {
  // A raw codestream starts FF 4F (SOC); a JP2 file with its signature box.
  const bool jp2 = size >= 12 && data[4] == 'j' && data[5] == 'P';
  std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
  opj_dparameters_t params;
  opj_set_default_decoder_parameters(&params);
  if (!codec || !opj_setup_decoder(codec.get(), &params))
    throw Error("cannot start the JPEG 2000 decoder", where);
  opj_codec_set_threads(codec.get(), 1);  // files are decoded in parallel already
  MemoryStream m{data, size};
  std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(1 << 16, OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &m, nullptr);
  opj_stream_set_user_data_length(stream.get(), size);
  opj_stream_set_read_function(stream.get(), readCallback);
  opj_stream_set_skip_function(stream.get(), skipCallback);
  opj_stream_set_seek_function(stream.get(), seekCallback);
  opj_image_t* raw = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &raw))
    throw Error("the JPEG 2000 codestream has no readable header", where, kDamaged);
  std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
  if (!opj_decode(codec.get(), stream.get(), image.get()) || !opj_end_decompress(codec.get(), stream.get()))
    throw Error("the JPEG 2000 codestream cannot be decoded", where, kDamaged);
  if (image->numcomps != 1)
    throw Error("the JPEG 2000 image has " + std::to_string(image->numcomps) + " components, not one (greyscale)", where, kDamaged);
  const opj_image_comp_t& c = image->comps[0];
  if (int(c.w) != cols || int(c.h) != rows || !c.data)
    throw Error("the JPEG 2000 image is " + std::to_string(c.w) + " × " + std::to_string(c.h) + ", the header says " +
                    std::to_string(cols) + " × " + std::to_string(rows),
                where, "the header disagrees with the pixel data: export the series again");
  if (int(c.prec) > 8 * bytes)
    throw Error("the JPEG 2000 samples have " + std::to_string(c.prec) + " bits, more than BitsAllocated", where, kDamaged);
  if (bytes == 1) signedPixels ? store<std::int8_t>(c, out) : store<std::uint8_t>(c, out);
  else if (bytes == 2) signedPixels ? store<std::int16_t>(c, out) : store<std::uint16_t>(c, out);
  else signedPixels ? store<std::int32_t>(c, out) : store<std::uint32_t>(c, out);
}

// The compressed bytes of each frame: fragments after the Basic Offset Table, one per
// frame, grouped by the offset table, or all of them for a single frame (PS3.5 A.4).
std::vector<std::vector<std::uint8_t>> frameStreams(DcmPixelSequence& seq, int frames, const std::string& where) {
  const unsigned long items = seq.card();
  if (items < 2) throw Error("the encapsulated pixel data hold no fragment", where, kDamaged);
  std::vector<std::vector<std::uint8_t>> out;
  auto bytesOf = [&](unsigned long i) {
    DcmPixelItem* item = nullptr;
    Uint8* p = nullptr;
    if (seq.getItem(item, i).bad() || item->getUint8Array(p).bad() || (!p && item->getLength() > 0))
      throw Error("an encapsulated pixel fragment cannot be read", where, kDamaged);
    return std::vector<std::uint8_t>(p, p + item->getLength());
  };
  const unsigned long fragments = items - 1;
  if (frames == 1) {
    std::vector<std::uint8_t> all;
    for (unsigned long i = 1; i < items; ++i) {
      const auto f = bytesOf(i);
      all.insert(all.end(), f.begin(), f.end());
    }
    out.push_back(std::move(all));
  } else if (fragments == unsigned(frames)) {
    for (unsigned long i = 1; i < items; ++i) out.push_back(bytesOf(i));
  } else {
    throw Error(std::to_string(fragments) + " JPEG 2000 fragments for " + std::to_string(frames) +
                    " frames: cannot tell the frames apart",
                where, "export the series with one fragment per frame");
  }
  return out;
}

}  // namespace

void decodeJpeg2000Frames(DcmDataset& dataset, int cols, int rows, int frames, int bytes, bool signedPixels,
                          std::vector<char>& out, const std::string& where) {
  DcmElement* element = nullptr;
  if (dataset.findAndGetElement(DCM_PixelData, element).bad() || !element)
    throw Error("the pixel data (7FE0,0010) are missing", where, kDamaged);
  auto* pixels = dynamic_cast<DcmPixelData*>(element);
  DcmPixelSequence* seq = nullptr;
  if (!pixels || pixels->getEncapsulatedRepresentation(dataset.getOriginalXfer(), nullptr, seq).bad() || !seq)
    throw Error("the pixel data are not encapsulated JPEG 2000", where, kDamaged);
  const auto streams = frameStreams(*seq, frames, where);
  const std::size_t frameBytes = std::size_t(cols) * std::size_t(rows) * std::size_t(bytes);
  out.resize(frameBytes * std::size_t(frames));
  for (std::size_t f = 0; f < streams.size(); ++f)
    decodeFrame(streams[f].data(), streams[f].size(), cols, rows, bytes, signedPixels, out.data() + f * frameBytes, where);
}

}  // namespace tantalus::io::detail
