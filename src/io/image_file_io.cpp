// NIfTI / NRRD / MetaImage through ITK. ITK keeps physical space in LPS, so
// a NIfTI's RAS qform/sform arrives here already converted.
#include <gdcmImageHelper.h>
#include <itkGDCMImageIOFactory.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkMetaImageIOFactory.h>
#include <itkNiftiImageIOFactory.h>
#include <itkNrrdImageIOFactory.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <random>

#include "itk_bridge.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/io/ct_import.h"

namespace fs = std::filesystem;

namespace tantalus::io {

namespace detail {
void registerItkFactories() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::Object::GlobalWarningDisplayOff();  // GDCM/ITK chatter; our errors say what matters
    // What GDCMImageIO::ReadImageInformation sets; we call Read() directly (ct_import.cpp).
    gdcm::ImageHelper::SetForceRescaleInterceptSlope(true);
    itk::GDCMImageIOFactory::RegisterOneFactory();
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

// Keeps the full extension (".nii.gz") so ITK picks the right writer for the
// temporary file that is renamed into place.
fs::path temporarySibling(const fs::path& file) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::string name = file.filename().string();
  return file.parent_path() / (".part-" + std::to_string(rng() % 1000000000ull) + "-" + name);
}

template <class ImageT>
void writeAtomically(const fs::path& file, ImageT* img) {
  ensureWritableParent(file);
  const fs::path tmp = temporarySibling(file);
  struct RemoveUnlessDone {  // whatever is thrown, no temporary file stays behind
    const fs::path& p;
    bool done = false;
    ~RemoveUnlessDone() {
      std::error_code ec;
      if (!done) fs::remove(p, ec);
    }
  } guard{tmp};
  try {
    auto w = itk::ImageFileWriter<ImageT>::New();
    w->SetFileName(tmp.string());
    w->SetInput(img);
    w->SetUseCompression(true);
    w->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot write image: ") + e.GetDescription(), file.string(),
                "choose a writable folder and a .nii.gz/.nrrd/.mha name");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw Error("cannot move the finished file into place", file.string(), "choose a writable folder");
  guard.done = true;
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

  using ImageT = itk::Image<float, 3>;
  auto reader = itk::ImageFileReader<ImageT>::New();
  reader->SetFileName(file.string());
  try {
    reader->UpdateOutputInformation();
    auto io = reader->GetImageIO();
    if (io->GetNumberOfDimensions() < 3 || (io->GetNumberOfDimensions() > 3 && io->GetDimensions(3) > 1))
      throw Error("is not a 3-D volume (" + std::to_string(io->GetNumberOfDimensions()) + " dimensions)", file.string(),
                  "give a single 3-D CT volume");
    if (io->GetNumberOfComponents() != 1)
      throw Error("has " + std::to_string(io->GetNumberOfComponents()) + " components per voxel (colour or vector image)",
                  file.string(), "give a greyscale CT volume in HU");
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot read ") + format + ": " + e.GetDescription(), file.string(),
                "check that the file is complete and really a " + format + " volume");
  }
  ImageT* img = reader->GetOutput();
  CtVolume ct;
  ct.geometry = detail::geometryOf(img);
  ct.source = file.string();
  const auto& g = ct.geometry;
  if (g.voxelCount() == 0) throw Error("the volume is empty", file.string(), "give a CT volume with voxels");
  if (!(g.spacing.allFinite() && g.spacing.minCoeff() > 0))
    throw Error("voxel spacing is zero, negative or not a number", file.string(), "fix the file's header (pixdim / spacings)");
  if (!(g.direction.allFinite() && std::abs(g.direction.determinant()) > 1e-6) || !g.origin.allFinite())
    throw Error("the orientation matrix or origin is degenerate", file.string(), "fix the file's header (sform/qform, space directions)");
  const auto n = g.voxelCount();
  ct.hu.resize(n);
  const float* src = img->GetBufferPointer();
  std::size_t nonFinite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(src[i])) {  // common outside the field of view of resampled volumes
      ct.hu[i] = -1024;
      ++nonFinite;
      continue;
    }
    ct.hu[i] = std::int16_t(std::lround(std::clamp(double(src[i]), -32768.0, 32767.0)));
  }
  if (warnings && nonFinite)
    warnings->push_back(std::to_string(nonFinite) + " voxel(s) are not a number: set to air (-1024 HU)");
  return ct;
}

void writeMaskNifti(const fs::path& file, const Mask& mask) {
  detail::registerItkFactories();
  using ImageT = itk::Image<unsigned char, 3>;
  auto img = ImageT::New();
  detail::copyGeometry(mask.geometry, img.GetPointer());
  img->Allocate();
  std::copy(mask.data.begin(), mask.data.end(), img->GetBufferPointer());
  writeAtomically(file, img.GetPointer());
}

void writeCtNifti(const fs::path& file, const CtVolume& ct) {
  detail::registerItkFactories();
  using ImageT = itk::Image<short, 3>;
  auto img = ImageT::New();
  detail::copyGeometry(ct.geometry, img.GetPointer());
  // Borrow the volume's buffer (the writer only reads it).
  img->GetPixelContainer()->SetImportPointer(const_cast<short*>(ct.hu.data()), ct.hu.size(), false);
  writeAtomically(file, img.GetPointer());
}

Mask readMaskFile(const fs::path& file) {
  detail::registerItkFactories();
  using ImageT = itk::Image<unsigned char, 3>;
  auto reader = itk::ImageFileReader<ImageT>::New();
  reader->SetFileName(file.string());
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    throw Error(std::string("cannot read mask: ") + e.GetDescription(), file.string(), "check the path");
  }
  Mask m(detail::geometryOf(reader->GetOutput()));
  const auto* src = reader->GetOutput()->GetBufferPointer();
  for (std::size_t i = 0; i < m.data.size(); ++i) m.data[i] = src[i] ? 1 : 0;
  return m;
}

}  // namespace tantalus::io
