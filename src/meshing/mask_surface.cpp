// VTK is used here, and only here, for surfaces of masks.
#include "tantalus/meshing/mask_surface.h"

#include "meshing/vtk_mesh.h"

#include <vtkCellArray.h>
#include <vtkCellArrayIterator.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkQuadricDecimation.h>
#include <vtkShortArray.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <climits>

#include "tantalus/core/error.h"

namespace tantalus::meshing {

namespace {

Mesh fromPolyData(vtkPolyData* pd) {
  Mesh m;
  const vtkIdType np = pd->GetNumberOfPoints();
  m.vertices.resize(np, 3);
  for (vtkIdType i = 0; i < np; ++i) {
    double p[3];
    pd->GetPoint(i, p);
    m.vertices.row(i) << float(p[0]), float(p[1]), float(p[2]);
  }
  vtkCellArray* polys = pd->GetPolys();
  m.faces.resize(polys->GetNumberOfCells(), 3);
  vtkIdType f = 0;
  auto it = vtk::TakeSmartPointer(polys->NewIterator());
  for (it->GoToFirstCell(); !it->IsDoneWithTraversal(); it->GoToNextCell()) {
    vtkIdType n;
    const vtkIdType* ids;
    it->GetCurrentCell(n, ids);
    if (n != 3) continue;
    m.faces.row(f++) << std::int32_t(ids[0]), std::int32_t(ids[1]), std::int32_t(ids[2]);
  }
  m.faces.conservativeResize(f, 3);
  return m;
}

}  // namespace

void restoreVolume(Mesh& m, double targetMm3) {
  for (int pass = 0; pass < 3; ++pass) {
    const double v = signedVolume(m), a = surfaceArea(m);
    if (a <= 0 || std::abs(v - targetMm3) < 1e-6 * std::abs(targetMm3)) return;
    const double offset = (targetMm3 - v) / a;
    Eigen::Matrix<double, Eigen::Dynamic, 3> normals = Eigen::Matrix<double, Eigen::Dynamic, 3>::Zero(m.vertices.rows(), 3);
    for (Eigen::Index f = 0; f < m.faces.rows(); ++f) {
      const Eigen::Vector3d p0 = corner(m, f, 0);
      const Eigen::Vector3d n = (corner(m, f, 1) - p0).cross(corner(m, f, 2) - p0);  // area-weighted
      for (int c = 0; c < 3; ++c) normals.row(m.faces(f, c)) += n.transpose();
    }
    for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
      const double len = normals.row(i).norm();
      if (len > 0) m.vertices.row(i) += (offset * normals.row(i) / len).cast<float>();
    }
  }
}

Mesh maskToSurface(const Mask& mask, const SurfaceOptions& options, const Progress& progress) {
  const auto& g = mask.geometry;
  // Bounding box of the set voxels, slices in parallel.
  struct Box {
    std::array<int, 3> lo{INT_MAX, INT_MAX, INT_MAX}, hi{-1, -1, -1};
    void join(const Box& o) {
      for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], o.lo[a]), hi[a] = std::max(hi[a], o.hi[a]);
    }
  };
  const Box box = tbb::parallel_reduce(
      tbb::blocked_range<int>(0, g.size[2]), Box{},
      [&](const tbb::blocked_range<int>& r, Box b) {
        for (int k = r.begin(); k < r.end(); ++k)
          for (int j = 0; j < g.size[1]; ++j) {
            const std::uint8_t* row = mask.data.data() + g.index(0, j, k);
            const std::uint8_t* first = std::find(row, row + g.size[0], 1);
            if (first == row + g.size[0]) continue;
            int i1 = g.size[0] - 1;
            while (!row[i1]) --i1;
            b.join(Box{{int(first - row), j, k}, {i1, j, k}});
          }
        return b;
      },
      [](Box a, const Box& b) { a.join(b); return a; });
  const std::array<int, 3> lo = box.lo, hi = box.hi;
  if (hi[0] < 0) return {};
  progress.report(0.1, "surface");
  // Crop with one voxel of zero padding on every side so every surface closes.
  const int nx = hi[0] - lo[0] + 3, ny = hi[1] - lo[1] + 3, nz = hi[2] - lo[2] + 3;
  // Our own (huge-page) buffer, lent to VTK for the duration of the filter.
  VoxelBuffer<std::uint8_t> padded(std::size_t(nx) * ny * nz);
  std::uint8_t* dst = padded.data();
  vtkNew<vtkUnsignedCharArray> scalars;
  scalars->SetArray(dst, vtkIdType(padded.size()), 1);
  tbb::parallel_for(0, nz, [&](int kk) {
    std::uint8_t* slice = dst + std::size_t(kk) * ny * nx;
    std::fill_n(slice, std::size_t(nx) * ny, 0);
    const int k = lo[2] + kk - 1;
    if (k < lo[2] || k > hi[2]) return;
    for (int j = lo[1]; j <= hi[1]; ++j)
      std::copy_n(mask.data.data() + g.index(lo[0], j, k), hi[0] - lo[0] + 1,
                  slice + std::size_t(j - lo[1] + 1) * nx + 1);
  });
  vtkNew<vtkImageData> img;
  img->SetDimensions(nx, ny, nz);
  img->SetSpacing(g.spacing.x(), g.spacing.y(), g.spacing.z());
  img->SetOrigin(0, 0, 0);
  img->GetPointData()->SetScalars(scalars);
  vtkNew<vtkFlyingEdges3D> fe;
  fe->SetInputData(img);
  fe->SetValue(0, 0.5);
  fe->ComputeNormalsOff();
  fe->ComputeGradientsOff();
  fe->ComputeScalarsOff();
  fe->Update();
  progress.report(0.6, "surface");
  Mesh m = fromPolyData(fe->GetOutput());
  // Cropped, scaled index space -> LPS.
  const Eigen::Vector3d shift(double(lo[0] - 1), double(lo[1] - 1), double(lo[2] - 1));
  const Eigen::Matrix3d dir = g.direction;
  const Eigen::Vector3d base = g.origin + dir * g.spacing.cwiseProduct(shift);
  for (Eigen::Index i = 0; i < m.vertices.rows(); ++i) {
    const Eigen::Vector3d p = m.vertices.row(i).cast<double>().transpose();
    m.vertices.row(i) = (base + dir * p).cast<float>().transpose();
  }
  if (signedVolume(m) < 0) flipOrientation(m);
  const double volume = signedVolume(m);

  if (options.smoothingIterations > 0) {
    progress.report(0.7, "smoothing");
    vtkNew<vtkWindowedSincPolyDataFilter> smooth;
    smooth->SetInputData(toPolyData(m));
    smooth->SetNumberOfIterations(options.smoothingIterations);
    smooth->SetPassBand(0.1);
    smooth->NormalizeCoordinatesOn();
    smooth->FeatureEdgeSmoothingOff();
    smooth->BoundarySmoothingOff();
    smooth->NonManifoldSmoothingOn();
    smooth->Update();
    m = fromPolyData(smooth->GetOutput());
    // Smoothing shrinks convex bone; move the surface back out to the mask's volume.
    restoreVolume(m, volume);
  }
  if (options.decimate > 0) {
    progress.report(0.85, "decimating");
    vtkNew<vtkQuadricDecimation> dec;
    dec->SetInputData(toPolyData(m));
    dec->SetTargetReduction(options.decimate);
    dec->VolumePreservationOn();
    dec->Update();
    m = fromPolyData(dec->GetOutput());
    if (signedVolume(m) < 0) flipOrientation(m);
  }
  progress.report(1.0, "surface done");
  return m;
}

std::size_t bareFlyingEdgesTriangles(const CtVolume& ct, double iso) {
  const auto& g = ct.geometry;
  vtkNew<vtkShortArray> scalars;
  // Borrow the CT's buffer (save=1: VTK does not free it).
  scalars->SetArray(const_cast<short*>(reinterpret_cast<const short*>(ct.hu.data())), vtkIdType(ct.hu.size()), 1);
  vtkNew<vtkImageData> img;
  img->SetDimensions(g.size[0], g.size[1], g.size[2]);
  img->SetSpacing(g.spacing.x(), g.spacing.y(), g.spacing.z());
  img->GetPointData()->SetScalars(scalars);
  vtkNew<vtkFlyingEdges3D> fe;
  fe->SetInputData(img);
  fe->SetValue(0, iso);
  fe->ComputeNormalsOff();
  fe->ComputeGradientsOff();
  fe->ComputeScalarsOff();
  fe->Update();
  return std::size_t(fe->GetOutput()->GetNumberOfPolys());
}

}  // namespace tantalus::meshing
