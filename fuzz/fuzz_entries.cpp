#include "fuzz_entries.h"

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../src/io/dicom_header.h"
#include "../src/io/dicom_pixels.h"
#include "../src/io/dicom_series.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/stl_io.h"
#include "tantalus/io/ct_import.h"

namespace fs = std::filesystem;

namespace tantalus::fuzz {

namespace {

// A per-process scratch folder on tmpfs when there is one.
fs::path scratch(const std::string& name) {
  static const fs::path dir = [] {
    const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    const fs::path d = base / ("tantalus-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir / name;
}

void writeBytes(const fs::path& f, const void* data, std::size_t size) {
  std::ofstream out(f, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), std::streamsize(size));
}

template <class Fn>
int expectErrorsOnly(Fn fn) {
  try {
    fn();
  } catch (const Error&) {
    // the expected answer to bad input
  }
  return 0;
}

}  // namespace

int dicomHeader(const std::uint8_t* data, std::size_t size) {
  const fs::path f = scratch("slice.dcm");
  writeBytes(f, data, size);
  return expectErrorsOnly([&] {
    io::detail::FileHeader h;
    std::string problem;
    if (io::detail::readFileHeader(f, h, problem) == io::detail::HeaderRead::NotDicom) return;
    const io::SeriesInfo s = io::detail::describeSeries({h});
    // One file is no volume, but its pixels still go through the decoder when the
    // header passed every rule (the import's memory check bounds the plane).
    if (s.slices.empty() || std::size_t(s.rows) * std::size_t(s.cols) > (1u << 22)) return;
    std::vector<std::pair<std::size_t, const io::SliceHeader*>> slices{{0, &s.slices.front()}};
    std::vector<std::int16_t> out(std::size_t(s.rows) * std::size_t(s.cols));
    std::vector<char> buffer;
    io::detail::decodeFile(s, slices, [&](std::size_t) { return out.data(); }, buffer);
  });
}

int volumeFile(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const char* names[] = {"v.nii", "v.nii.gz", "v.nrrd", "v.mha", "w.nii.gz"};
  const int mode = data[0] % 5;
  const fs::path f = scratch(names[mode]);
  if (mode == 4) {  // the rest is a NIfTI, gzipped here: the fuzzer explores the header, not the CRC
    gzFile g = gzopen(f.c_str(), "wb1");
    if (size > 1) gzwrite(g, data + 1, unsigned(size - 1));
    gzclose(g);
  } else {
    writeBytes(f, data + 1, size - 1);
  }
  return expectErrorsOnly([&] { io::importCt(f); });
}

int caseFile(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  return expectErrorsOnly([&] {
    const CaseFile c = parseCaseJson(text, "fuzz.tantalus.json");
    parseCaseJson(toCaseJson(c), "round-trip");  // what we write, we read
  });
}

int stlFile(const std::uint8_t* data, std::size_t size) {
  const fs::path f = scratch("mesh.stl");
  writeBytes(f, data, size);
  return expectErrorsOnly([&] {
    const Mesh m = readStl(f);
    const MeshTopology t = analyseTopology(m);
    (void)t;
    (void)signedVolume(m);
  });
}

}  // namespace tantalus::fuzz
