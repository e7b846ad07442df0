#pragma once
// Voxel grids in DICOM patient space (LPS, millimetres).
//   lps = origin + direction * diag(spacing) * ijk
// index i runs fastest in memory, then j, then k (DICOM: column, row, slice).
#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "tantalus/core/voxel_buffer.h"

namespace tantalus {

struct VolumeGeometry {
  std::array<int, 3> size{0, 0, 0};
  Eigen::Vector3d spacing{1, 1, 1};          // mm
  Eigen::Vector3d origin{0, 0, 0};           // LPS mm of voxel (0,0,0)'s centre
  Eigen::Matrix3d direction = Eigen::Matrix3d::Identity();  // columns: i, j, k axes in LPS

  std::size_t voxelCount() const {
    return std::size_t(size[0]) * std::size_t(size[1]) * std::size_t(size[2]);
  }
  double voxelVolumeMm3() const { return spacing.prod(); }
  std::size_t index(int i, int j, int k) const {
    return std::size_t(i) + std::size_t(size[0]) * (std::size_t(j) + std::size_t(size[1]) * std::size_t(k));
  }
  bool contains(int i, int j, int k) const {
    return i >= 0 && j >= 0 && k >= 0 && i < size[0] && j < size[1] && k < size[2];
  }
  Eigen::Vector3d indexToLps(const Eigen::Vector3d& ijk) const {
    return origin + direction * spacing.cwiseProduct(ijk);
  }
  Eigen::Vector3d lpsToIndex(const Eigen::Vector3d& lps) const {
    return (direction.inverse() * (lps - origin)).cwiseQuotient(spacing);
  }
  Eigen::Matrix4d indexToLpsMatrix() const;
  bool sameGrid(const VolumeGeometry& o, double tolMm = 1e-3) const;
};

// What every reader demands of a CT grid before it becomes a volume (one place for
// the limits): spacing 0.01 to 100 mm per axis, direction columns orthonormal
// within 1e-3 (no shear), origin finite and within 10 m, extent within 10 m.
struct GridLimits {
  static constexpr double kMinSpacingMm = 0.01, kMaxSpacingMm = 100.0;
  static constexpr double kMaxCoordinateMm = 1e4, kMaxExtentMm = 1e4;
  static constexpr double kOrthoTolerance = 1e-3;
};
// Throws an Error naming `where` (and `field`, e.g. "PixelSpacing (0028,0030)")
// when the grid breaks GridLimits; `hint` says how to get a good file.
void checkGrid(const VolumeGeometry& g, const std::string& where, const std::string& hint);

// CT intensities in Hounsfield units, already rescaled (slope/intercept applied).
struct CtVolume {
  VolumeGeometry geometry;
  VoxelBuffer<std::int16_t> hu;
  std::string source;        // file or folder it came from (no patient data)
  std::string seriesUid;     // empty for non-DICOM input
  std::string studyHash;     // short hash standing in for the study in reports

  std::int16_t at(int i, int j, int k) const { return hu[geometry.index(i, j, k)]; }
  std::pair<int, int> range() const;
};

// A binary label on a grid (0 or 1 per voxel).
struct Mask {
  VolumeGeometry geometry;
  VoxelBuffer<std::uint8_t> data;

  Mask() = default;
  explicit Mask(const VolumeGeometry& g) : geometry(g), data(g.voxelCount(), 0) {}
  std::size_t count() const;
  double volumeMm3() const { return double(count()) * geometry.voxelVolumeMm3(); }
  double volumeMl() const { return volumeMm3() / 1000.0; }
  bool operator()(int i, int j, int k) const { return data[geometry.index(i, j, k)] != 0; }
  // The voxel nearest an LPS point is set; false outside the grid.
  bool atLps(const Eigen::Vector3d& lps) const {
    const Eigen::Vector3d x = geometry.lpsToIndex(lps);
    const int i = int(std::lround(x.x())), j = int(std::lround(x.y())), k = int(std::lround(x.z()));
    return geometry.contains(i, j, k) && data[geometry.index(i, j, k)] != 0;
  }
};

}  // namespace tantalus
