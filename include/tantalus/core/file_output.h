#pragma once
// Output files appear whole or not at all: content goes to a hidden temporary in
// the target folder (".name.part-PID-RANDOM"), is flushed to disk (fsync) and is
// renamed into place by commit(). A writer destroyed without commit() removes its
// temporary; on SIGINT/SIGTERM/SIGHUP the interrupt watchdog does (interrupt.h).
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "tantalus/core/interrupt.h"

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
  const std::filesystem::path& temporary() const { return temp_.path(); }

private:
  std::filesystem::path target_;
  TemporaryPath temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// A hidden sibling of `target` for work in progress: ".<name>.<tag>-<pid>-<random>"
// (+ the target's extension when keepExtension, for writers that choose the format
// by it). Never longer than the file system's 255-byte name limit.
std::filesystem::path temporarySibling(const std::filesystem::path& target, const std::string& tag,
                                       bool keepExtension = false);
// Removes temporaries of `target` left by processes that no longer run (SIGKILL,
// power loss): the hidden siblings made by temporarySibling with any tag.
void removeStaleTemporaries(const std::filesystem::path& target);
// Flushes a finished file to disk, or throws an Error naming it.
void syncFile(const std::filesystem::path& file);

// Creates `dir` (and parents) or throws an Error naming it and saying what to do.
void ensureWritableDirectory(const std::filesystem::path& dir);
// Throws an Error unless the parent folder of `file` can take a new file (and the
// name fits the file system).
void ensureWritableParent(const std::filesystem::path& file);
// Writes text through AtomicFile.
void writeTextFile(const std::filesystem::path& file, const std::string& text);

// Refuses outputs that collide: two outputs naming the same file, or an output on
// an input or inside an input folder (e.g. `segment ct -o ct` writing into the
// DICOM folder, `convert a.nii -o a.nii`). Each pair is (option, path).
using NamedPath = std::pair<std::string, std::filesystem::path>;
void checkOutputPaths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

}  // namespace tantalus
