#include <gtest/gtest.h>

#include <fstream>

#include <sys/wait.h>
#include <unistd.h>

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

// Scratch folders go at exit unless TANTALUS_KEEP_TEST_OUTPUT is set (test_support.h).
TEST(TestSupport, ScratchFoldersAreRemovedAtExitUnlessKept) {
  for (const bool keep : {false, true}) {
    int pipefd[2];
    ASSERT_EQ(::pipe(pipefd), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(pipefd[0]);
      if (keep) ::setenv("TANTALUS_KEEP_TEST_OUTPUT", "1", 1);
      else ::unsetenv("TANTALUS_KEEP_TEST_OUTPUT");
      const std::string dir = tantalus::test::scratchDir(keep ? "kept" : "dropped").string();
      const ssize_t n = ::write(pipefd[1], dir.data(), dir.size());
      (void)n;
      ::close(pipefd[1]);
      std::exit(0);  // runs the atexit handlers, as a test process does
    }
    ::close(pipefd[1]);
    char buf[4096];
    const ssize_t n = ::read(pipefd[0], buf, sizeof buf);
    ::close(pipefd[0]);
    ::waitpid(pid, nullptr, 0);
    ASSERT_GT(n, 0);
    const std::filesystem::path dir(std::string(buf, std::size_t(n)));
    EXPECT_EQ(std::filesystem::exists(dir), keep) << dir;
    std::filesystem::remove_all(dir);
  }
}
