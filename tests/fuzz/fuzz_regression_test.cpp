// Replays every fuzzer finding kept in regressions/<target>/ through the entry
// point that found it: each must now end as a tantalus::Error or pass, never crash
// (a crash kills this test process, which fails the test).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "../../fuzz/fuzz_entries.h"

namespace fs = std::filesystem;
using Entry = int (*)(const std::uint8_t*, std::size_t);

namespace {

const std::map<std::string, Entry>& entries() {
  static const std::map<std::string, Entry> e = {{"dicom_header", tantalus::fuzz::dicomHeader},
                                                 {"volume_file", tantalus::fuzz::volumeFile},
                                                 {"case_file", tantalus::fuzz::caseFile},
                                                 {"stl_file", tantalus::fuzz::stlFile}};
  return e;
}

std::string readAll(const fs::path& f) {
  std::ifstream in(f, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int run(Entry e, const std::string& s) { return e(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

}  // namespace

TEST(FuzzRegressions, EveryKeptFindingEndsAsAnErrorNotACrash) {
  std::size_t replayed = 0;
  for (const auto& [name, entry] : entries()) {
    const fs::path dir = fs::path(TANTALUS_FUZZ_REGRESSIONS) / name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& f : fs::directory_iterator(dir)) {
      SCOPED_TRACE(f.path().string());
      EXPECT_EQ(run(entry, readAll(f.path())), 0);
      ++replayed;
    }
  }
  std::cout << "replayed " << replayed << " fuzzer finding(s)\n";
}

TEST(FuzzRegressions, EntryPointsTakeEmptyTinyAndHostileInputs) {
  // The shapes that broke readers before fuzzing: empty, one byte, a bare magic,
  // a header that promises far more than it holds.
  std::string nifti(352, '\0');
  const std::int32_t size = 348;
  std::memcpy(nifti.data(), &size, 4);
  std::memcpy(nifti.data() + 344, "n+1\0", 4);
  const std::int16_t dim[4] = {3, 32767, 32767, 32767};
  std::memcpy(nifti.data() + 40, dim, sizeof dim);
  for (const auto& [name, entry] : entries())
    for (const std::string& input : {std::string(), std::string(1, '\0'), std::string("DICM"), std::string("solid x"),
                                    std::string("NRRD0004\n"), std::string("{\"schema\":"), std::string(1, 0) + nifti})
      EXPECT_EQ(run(entry, input), 0) << name;
}
