// Cross-check against dcm2niix (Debian package): every voxel of ours is mapped
// through both geometries (ours LPS, dcm2niix's RAS sform turned into LPS) and must
// land on an integer index of theirs holding the same value.
#include <gtest/gtest.h>

#include <cmath>

#include "nifti1_reader.h"
#include "support/test_support.h"
#include "tantalus/io/ct_import.h"

using namespace tantalus;
namespace fs = std::filesystem;

namespace tantalus::test {

// Runs dcm2niix and compares. Returns the number of voxels compared.
std::size_t crossCheckWithDcm2niix(const fs::path& dicomDir, const std::string& name) {
  if (runShell("command -v dcm2niix").exitCode != 0) {
    ADD_FAILURE() << "dcm2niix is missing: scripts/install-deps.sh installs it";
    return 0;
  }
  const io::ImportResult ours = io::importCt(dicomDir);
  const fs::path out = scratchDir("dcm2niix-" + name);
  const auto r = runShell("dcm2niix -z n -b n -f ref -o " + out.string() + " " + dicomDir.string());
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  const Nifti1 ref = readNifti1(out / "ref.nii");
  const CtVolume& ct = ours.volume;
  EXPECT_EQ(std::size_t(ref.dim[0]) * ref.dim[1] * ref.dim[2], ct.geometry.voxelCount());
  // RAS -> LPS: negate the first two rows.
  Eigen::Matrix4d refLps = ref.sformRas;
  refLps.row(0) *= -1;
  refLps.row(1) *= -1;
  const Eigen::Matrix4d refInv = refLps.inverse();
  const Eigen::Matrix4d oursM = ct.geometry.indexToLpsMatrix();
  std::size_t compared = 0, mismatches = 0;
  double maxIndexError = 0;
  const auto& g = ct.geometry;
  for (int k = 0; k < g.size[2]; ++k)
    for (int j = 0; j < g.size[1]; ++j)
      for (int i = 0; i < g.size[0]; ++i) {
        const Eigen::Vector4d lps = oursM * Eigen::Vector4d(i, j, k, 1);
        const Eigen::Vector4d rijk = refInv * lps;
        const int ri = int(std::lround(rijk.x())), rj = int(std::lround(rijk.y())), rk = int(std::lround(rijk.z()));
        maxIndexError = std::max({maxIndexError, std::abs(rijk.x() - ri), std::abs(rijk.y() - rj), std::abs(rijk.z() - rk)});
        if (ri < 0 || rj < 0 || rk < 0 || ri >= ref.dim[0] || rj >= ref.dim[1] || rk >= ref.dim[2]) {
          ++mismatches;
          continue;
        }
        if (std::abs(ref.at(ri, rj, rk) - ct.at(i, j, k)) > 0.5) ++mismatches;
        ++compared;
      }
  EXPECT_LT(maxIndexError, 1e-3) << "geometry differs from dcm2niix's";
  EXPECT_EQ(mismatches, 0u) << "of " << compared << " voxels";
  EXPECT_EQ(compared, g.voxelCount()) << "every voxel is compared";
  return compared;
}

}  // namespace tantalus::test

