#pragma once
// A deliberately independent NIfTI-1 reader (.nii or .nii.gz, through zlib) for cross-checks
// against dcm2niix: the sform as written (RAS), raw data with scl_slope/inter.
#include <Eigen/Dense>
#include <array>
#include <filesystem>
#include <vector>

namespace tantalus::test {

struct Nifti1 {
  std::array<int, 3> dim{};
  Eigen::Matrix4d sformRas = Eigen::Matrix4d::Identity();  // voxel -> RAS mm
  std::vector<double> values;                               // scaled (HU)
  double at(int i, int j, int k) const { return values[std::size_t(i) + std::size_t(dim[0]) * (std::size_t(j) + std::size_t(dim[1]) * std::size_t(k))]; }
};

Nifti1 readNifti1(const std::filesystem::path& file);

}  // namespace tantalus::test
