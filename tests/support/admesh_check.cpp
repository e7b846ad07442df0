#include "support/admesh_check.h"

#include <gtest/gtest.h>

#include <regex>

#include "support/test_support.h"

namespace tantalus::test {

void expectAdmeshClean(const std::filesystem::path& stl) {
  const auto r = runShell("admesh " + stl.string());
  ASSERT_EQ(r.exitCode, 0) << r.out;
  auto field = [&](const std::string& label) {
    std::smatch m;
    const std::regex re(label + R"(\s*:\s*(\d+))");
    EXPECT_TRUE(std::regex_search(r.out, m, re)) << label << " not in admesh's output";
    return m.size() > 1 ? std::stoi(m[1]) : -1;
  };
  EXPECT_EQ(field("Number of parts"), 1) << stl;
  EXPECT_EQ(field("Degenerate facets"), 0) << stl;
  EXPECT_EQ(field("Edges fixed"), 0) << stl;
  EXPECT_EQ(field("Facets removed"), 0) << stl;
  EXPECT_EQ(field("Facets added"), 0) << stl;
  EXPECT_EQ(field("Facets reversed"), 0) << stl;
  EXPECT_EQ(field("Backwards edges"), 0) << stl;
}

}  // namespace tantalus::test
