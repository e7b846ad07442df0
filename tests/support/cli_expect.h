#pragma once
// Assertions on the CLI's promise for bad input: exit code 2, exactly one line
// "error: <where>: <what> — <fix>" on stderr naming the file and the fix, and
// nothing under a final output name nor any hidden temporary beside it.
#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace tantalus::test {

// The single "error: " line of stderr (the test fails unless there is exactly one).
std::string errorLine(const CliResult& r);
// Hidden temporaries (".name.part-…", ".name.staging-…") in `dir`.
std::vector<std::filesystem::path> temporariesIn(const std::filesystem::path& dir);

void expectRefused(const CliResult& r, const std::vector<std::filesystem::path>& outputs, const std::string& mustName,
                   const std::string& mustSay);

}  // namespace tantalus::test
