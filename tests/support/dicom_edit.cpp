#include "support/dicom_edit.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace fs = std::filesystem;

namespace tantalus::test {

namespace {
void edit(const fs::path& file, const std::function<void(DcmDataset*)>& fn) {
  DcmFileFormat ff;
  ASSERT_TRUE(ff.loadFile(file.c_str()).good()) << file;
  const E_TransferSyntax ts = ff.getDataset()->getOriginalXfer();
  ff.loadAllDataIntoMemory();
  fn(ff.getDataset());
  ASSERT_TRUE(ff.saveFile(file.c_str(), ts).good()) << file;
}
}  // namespace

void setTag(const fs::path& file, const DcmTagKey& tag, const std::string& value) {
  edit(file, [&](DcmDataset* ds) { ASSERT_TRUE(ds->putAndInsertString(tag, value.c_str()).good()); });
}

void removeTag(const fs::path& file, const DcmTagKey& tag) {
  edit(file, [&](DcmDataset* ds) { ds->findAndDeleteElement(tag, true, true); });
}

void setPixelDataLength(const fs::path& file, std::size_t bytes) {
  edit(file, [&](DcmDataset* ds) {
    std::vector<Uint8> px(bytes, 0x11);
    ASSERT_TRUE(ds->putAndInsertUint8Array(DCM_PixelData, px.data(), static_cast<unsigned long>(px.size())).good());
  });
}

void reencode(const fs::path& file, E_TransferSyntax syntax) {
  DcmFileFormat ff;
  ASSERT_TRUE(ff.loadFile(file.c_str()).good()) << file;
  ff.loadAllDataIntoMemory();
  ASSERT_TRUE(ff.saveFile(file.c_str(), syntax).good()) << file;
}

E_TransferSyntax storedSyntax(const fs::path& file) {
  DcmFileFormat ff;
  if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 256).bad()) return EXS_Unknown;
  return ff.getDataset()->getOriginalXfer();
}

std::vector<fs::path> dicomFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".dcm") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tantalus::test
