#include "support/cli_expect.h"

#include <gtest/gtest.h>

#include <sstream>

namespace fs = std::filesystem;

namespace tantalus::test {

std::string errorLine(const CliResult& r) {
  std::string line, found;
  int count = 0;
  std::istringstream s(r.err);
  while (std::getline(s, line))
    if (line.rfind("error: ", 0) == 0) {
      found = line;
      ++count;
    }
  EXPECT_EQ(count, 1) << "expected exactly one error line:\n" << r.err;
  return found;
}

std::vector<fs::path> temporariesIn(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (n.size() > 1 && n[0] == '.' && (n.find(".part-") != std::string::npos || n.find(".staging-") != std::string::npos))
      out.push_back(it->path());
  }
  return out;
}

void expectRefused(const CliResult& r, const std::vector<fs::path>& outputs, const std::string& mustName,
                   const std::string& mustSay) {
  EXPECT_EQ(r.exitCode, 2) << "bad input must exit 2:\n" << r.err;
  const std::string e = errorLine(r);
  EXPECT_NE(e.find(mustName), std::string::npos) << "the error does not name '" << mustName << "': " << e;
  EXPECT_NE(e.find(mustSay), std::string::npos) << "the error does not say '" << mustSay << "': " << e;
  EXPECT_NE(e.find(" — "), std::string::npos) << "no fix given: " << e;
  // Nothing else on stderr but notes, warnings and progress: no raw library text.
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t cr = line.rfind('\r');
    if (cr != std::string::npos) line = line.substr(cr + 1);
    if (line.empty() || line.rfind("error: ", 0) == 0 || line.rfind("warning: ", 0) == 0 || line.rfind("info: ", 0) == 0)
      continue;
    ADD_FAILURE() << "stray line on stderr (an error must be one line): " << line;
  }
  for (const auto& out : outputs) {
    std::error_code ec;
    EXPECT_FALSE(fs::exists(out, ec) && !(fs::is_directory(out, ec) && fs::is_empty(out, ec)))
        << "output left under its final name: " << out;
    const fs::path parent = out.parent_path();
    EXPECT_TRUE(temporariesIn(parent).empty()) << "temporary left beside " << out << ": " << temporariesIn(parent).front();
  }
}

}  // namespace tantalus::test
