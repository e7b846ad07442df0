#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/stl_io.h"

using namespace tantalus;
namespace fs = std::filesystem;

TEST(AtomicFile, NothingAppearsUntilCommit) {
  const auto dir = test::scratchDir("atomic");
  {
    AtomicFile f(dir / "a.txt");
    f.write("hello", 5);
    EXPECT_FALSE(fs::exists(dir / "a.txt"));
  }  // destroyed without commit
  EXPECT_TRUE(fs::is_empty(dir));
  AtomicFile g(dir / "b.txt");
  g.write("hi", 2);
  g.commit();
  EXPECT_EQ(fs::file_size(dir / "b.txt"), 2u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicFile, UnwritablePlaceIsAClearError) {
  const auto dir = test::scratchDir("atomic-bad");
  std::ofstream(dir / "plainfile") << "x";
  try {
    AtomicFile f(dir / "plainfile" / "out.stl");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("plainfile/out.stl"), std::string::npos);
    EXPECT_FALSE(e.hint().empty());
  }
  EXPECT_THROW(ensureWritableDirectory(dir / "plainfile" / "sub"), Error);
}

TEST(ErrorText, IsAlwaysOneLineWhateverTheLibrarySaid) {
  const Error e("ITK ERROR: NrrdImageIO(0x1):\n  [nrrd] nrrdLoad:\n\ttrouble\r\n", "a\nb.nrrd", "fix\nit");
  const std::string s = e.what();
  EXPECT_EQ(s.find('\n'), std::string::npos) << s;
  EXPECT_EQ(s.find('\t'), std::string::npos) << s;
  EXPECT_EQ(s, "a b.nrrd: ITK ERROR: NrrdImageIO(0x1): [nrrd] nrrdLoad: trouble — fix it");
  const Error longOne(std::string(5000, 'x'));
  EXPECT_LT(std::string(longOne.what()).size(), 700u);
}
