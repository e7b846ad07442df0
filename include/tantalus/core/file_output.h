#pragma once
// Output files appear whole or not at all: content goes to a temporary name in
// the target folder and is renamed into place by commit(). A writer destroyed
// without commit() removes its temporary file.
#include <cstdio>
#include <filesystem>
#include <string>

namespace tantalus {

class AtomicFile {
public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* handle() { return file_; }
  void write(const void* data, std::size_t bytes);
  void seek(long offset);
  void commit();
  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temp_; }

private:
  std::filesystem::path target_, temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Creates `dir` (and parents) or throws an Error naming it and saying what to do.
void ensureWritableDirectory(const std::filesystem::path& dir);
// Throws an Error unless the parent folder of `file` can take a new file.
void ensureWritableParent(const std::filesystem::path& file);
// Writes text through AtomicFile.
void writeTextFile(const std::filesystem::path& file, const std::string& text);

}  // namespace tantalus
