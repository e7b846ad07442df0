#pragma once
// The four fuzzed entry points, shared by the libFuzzer targets (fuzz_*.cpp) and
// the regression test that replays every crash the fuzzers ever found
// (tests/fuzz/). Each takes arbitrary bytes; a tantalus::Error is the expected
// answer to bad input, anything else (a crash, a sanitizer report, another
// exception) is a finding.
#include <cstddef>
#include <cstdint>

namespace tantalus::fuzz {

int dicomHeader(const std::uint8_t* data, std::size_t size);   // scan + series + pixel decoding of one file
int volumeFile(const std::uint8_t* data, std::size_t size);    // byte 0 picks .nii/.nii.gz/.nrrd/.mha
int caseFile(const std::uint8_t* data, std::size_t size);      // the *.tantalus.json parser
int stlFile(const std::uint8_t* data, std::size_t size);       // binary or ASCII STL + topology

}  // namespace tantalus::fuzz
