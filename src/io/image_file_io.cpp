// Volume files. Reading: the project's validation layer (volume_file_check) first,
// then ITK (NIfTI, NRRD, MetaImage; ITK keeps physical space in LPS, so a NIfTI's
// RAS qform/sform arrives converted), then the grid and value checks every reader
// shares. Writing: NIfTI by the project's own writer; NRRD and MetaImage by ITK
// into a hidden temporary that is checked complete before it is renamed.
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <sstream>

#include "itk_bridge.h"
#include "nifti_writer.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/resource_budget.h"
#include "tantalus/io/ct_import.h"
#include "volume_file_check.h"

namespace fs = std::filesystem;

namespace tantalus::io {

namespace detail {
void registerItkFactories() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::Object::GlobalWarningDisplayOff();  // ITK chatter; our errors say what matters
    itk::NiftiImageIOFactory::RegisterOneFactory();
    itk::NrrdImageIOFactory::RegisterOneFactory();
    itk::MetaImageIOFactory::RegisterOneFactory();
  });
}
}  // namespace detail

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

// MetaIO prints its complaints to std::cerr ("MetaImage: M_WriteElementsData: file
// stream is fail after write"); the CLI's promise is one error line. While ITK reads
// or writes, std::cerr goes into a buffer; what it said joins our Error if one follows.
class CerrCapture {
public:
  CerrCapture() : old_(std::cerr.rdbuf(buffer_.rdbuf())) {}
  ~CerrCapture() { std::cerr.rdbuf(old_); }
  std::string text() const { return buffer_.str(); }

private:
  std::ostringstream buffer_;
  std::streambuf* old_;
};

const char* kFixGeometry = "fix the file's header (spacing, orientation, origin) or export the volume again";

// NRRD and MetaImage through ITK into a hidden temporary (same extension, so ITK
// picks the writer), checked complete by the reader's own validation layer (ITK
// does not report a full disk), flushed, then renamed into place.
template <class ImageT>
void writeWithItk(const fs::path& file, ImageT* img, const std::string& format) {
  ensureWritableParent(file);
  removeStaleTemporaries(file);
  TemporaryPath tmp(temporarySibling(file, "part", true));
  struct RemoveUnlessDone {  // whatever is thrown, no temporary file stays behind
    TemporaryPath& t;
    bool done = false;
    ~RemoveUnlessDone() {
      std::error_code ec;
      if (!done) fs::remove(t.path(), ec);
    }
  } guard{tmp};
  CerrCapture quiet;
  try {
    auto w = itk::ImageFileWriter<ImageT>::New();
    w->SetFileName(tmp.path().string());
    w->SetInput(img);
    w->SetUseCompression(true);
    w->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot write image: ") + e.GetDescription(), file.string(),
                "choose a writable folder with free space");
  }
  try {
    const auto facts = detail::checkVolumeFile(tmp.path(), format);
    if (facts.dataBytes != img->GetPixelContainer()->Size() * sizeof(typename ImageT::PixelType))
      throw Error("size mismatch", tmp.path().string());
  } catch (const Error& e) {
    throw Error("the written file is incomplete (" + e.problem() + "): the disk is probably full", file.string(),
                "free space on the disk or choose another folder");
  }
  syncFile(tmp.path());
  std::error_code ec;
  tmp.commitTo(file, ec);
  if (ec) throw Error("cannot move the finished file into place: " + ec.message(), file.string(), "choose a writable folder");
  guard.done = true;
}

// The output format by extension; detached headers (.nhdr, .mhd) would name a data
// file by its temporary name, so only single-file formats are written.
std::string outputFormat(const fs::path& file) {
  const std::string f = volumeFormat(file);
  const std::string name = lower(file.filename().string());
  const bool detached = name.size() > 5 && (name.compare(name.size() - 5, 5, ".nhdr") == 0 || name.compare(name.size() - 4, 4, ".mhd") == 0);
  if (f.empty() || detached)
    throw Error("cannot write this volume format", file.string(), "name the output .nii, .nii.gz, .nrrd or .mha");
  return f;
}

template <class Pixel>
void writeVolume(const fs::path& file, const VolumeGeometry& g, const Pixel* voxels, int niftiType) {
  const std::string format = outputFormat(file);
  if (format == "NIfTI") return detail::writeNifti(file, g, voxels, niftiType);
  detail::registerItkFactories();
  using ImageT = itk::Image<Pixel, 3>;
  auto img = ImageT::New();
  detail::copyGeometry(g, img.GetPointer());
  // Borrow the buffer (the writer only reads it).
  img->GetPixelContainer()->SetImportPointer(const_cast<Pixel*>(voxels), g.voxelCount(), false);
  writeWithItk(file, img.GetPointer(), format);
}

// HU must fit int16 exactly: a value outside is a wrong scale factor, not metal.
void toHounsfield(const float* src, std::size_t n, const detail::VolumeFileFacts& facts, const fs::path& file,
                  CtVolume& ct, std::vector<std::string>* warnings) {
  ct.hu.resize(n);
  std::size_t nonFinite = 0, outside = 0;
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const float v = src[i];
    if (!std::isfinite(v)) {  // common outside the field of view of resampled volumes
      ct.hu[i] = -1024;
      ++nonFinite;
      continue;
    }
    if (v < -32768.5f || v > 32767.5f) {
      if (!outside++) lo = hi = v;
      lo = std::min(lo, double(v));
      hi = std::max(hi, double(v));
      continue;
    }
    ct.hu[i] = std::int16_t(std::lround(v));
  }
  if (outside) {
    const std::string scale = facts.scaleSlope != 1 || facts.scaleIntercept != 0
                                  ? " with the header's scale slope " + std::to_string(facts.scaleSlope) +
                                        " and intercept " + std::to_string(facts.scaleIntercept)
                                  : "";
    throw Error(std::to_string(outside) + " voxel(s) lie outside the HU range a CT holds (-32768..32767), from " +
                    std::to_string(lo) + " to " + std::to_string(hi) + scale,
                file.string(), "the intensity scaling is wrong: export the CT again in HU");
  }
  if (warnings && nonFinite)
    warnings->push_back(std::to_string(nonFinite) + " voxel(s) are not a number: set to air (-1024 HU)");
}

}  // namespace

std::string studyHash(const std::string& studyUid) {
  // FNV-1a 64: stable across runs and platforms; not reversible to the UID.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : "tantalus-study:" + studyUid) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 12);
}

std::string volumeFormat(const fs::path& file) {
  const std::string name = lower(file.filename().string());
  auto ends = [&](const std::string& e) { return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0; };
  if (ends(".nii") || ends(".nii.gz")) return "NIfTI";
  if (ends(".nrrd") || ends(".nhdr")) return "NRRD";
  if (ends(".mha") || ends(".mhd")) return "MetaImage";
  return {};
}

CtVolume readImageFile(const fs::path& file, std::string& format, std::vector<std::string>* warnings) {
  detail::registerItkFactories();
  format = volumeFormat(file);
  if (format.empty()) throw Error("unknown volume format", file.string(), "use a DICOM folder or a .nii, .nii.gz, .nrrd, .nhdr, .mha or .mhd file");
  const detail::VolumeFileFacts facts = detail::checkVolumeFile(file, format);
  if (facts.dimensions < 3 || facts.size[3] > 1)
    throw Error("is not a 3-D volume (" + std::to_string(facts.dimensions) + " dimensions" +
                    (facts.size[3] > 1 ? ", " + std::to_string(facts.size[3]) + " volumes" : std::string()) + ")",
                file.string(), "give a single 3-D CT volume");
  if (facts.components != 1)
    throw Error("has " + std::to_string(facts.components) + " components per voxel (colour or vector image)",
                file.string(), "give a greyscale CT volume in HU");
  const double voxels = double(facts.size[0]) * double(facts.size[1]) * double(facts.size[2]);
  requireMemory(voxels * (sizeof(float) + sizeof(std::int16_t)), "reading this volume", file.string(),
                "close other programs, or crop the volume to the hips first");

  using ImageT = itk::Image<float, 3>;
  auto reader = itk::ImageFileReader<ImageT>::New();
  reader->SetFileName(file.string());
  CerrCapture quiet;
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot read ") + format + ": " + e.GetDescription() + " " + quiet.text(), file.string(),
                "check that the file is complete and really a " + format + " volume");
  }
  ImageT* img = reader->GetOutput();
  CtVolume ct;
  ct.geometry = detail::geometryOf(img);
  ct.source = file.string();
  const auto& g = ct.geometry;
  for (int d = 0; d < 3; ++d)
    if (std::uint64_t(g.size[std::size_t(d)]) != facts.size[std::size_t(d)])
      throw Error("the reader found a different grid than the header promises", file.string(), kFixGeometry);
  checkGrid(g, file.string(), kFixGeometry);
  toHounsfield(img->GetBufferPointer(), g.voxelCount(), facts, file, ct, warnings);
  return ct;
}

Mask readMaskVolume(const fs::path& file) {
  std::string format;
  const CtVolume v = readImageFile(file, format);
  Mask m(v.geometry);
  for (std::size_t i = 0; i < v.hu.size(); ++i) m.data[i] = v.hu[i] != 0;
  return m;
}

void writeMaskVolume(const fs::path& file, const Mask& mask) { writeVolume(file, mask.geometry, mask.data.data(), 2); }

void writeCtVolume(const fs::path& file, const CtVolume& ct) { writeVolume(file, ct.geometry, ct.hu.data(), 4); }

}  // namespace tantalus::io
