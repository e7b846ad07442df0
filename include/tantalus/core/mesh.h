#pragma once
// Triangle mesh in LPS millimetres. Faces are counter-clockwise seen from
// outside (outward normals by the right-hand rule).
#include <Eigen/Dense>
#include <cstdint>
#include <string>

namespace tantalus {

struct Mesh {
  Eigen::Matrix<float, Eigen::Dynamic, 3, Eigen::RowMajor> vertices;
  Eigen::Matrix<std::int32_t, Eigen::Dynamic, 3, Eigen::RowMajor> faces;

  std::size_t vertexCount() const { return std::size_t(vertices.rows()); }
  std::size_t faceCount() const { return std::size_t(faces.rows()); }
  bool empty() const { return faces.rows() == 0; }
};

// Corner c (0..2) of face f, in double precision.
inline Eigen::Vector3d corner(const Mesh& m, Eigen::Index f, int c) {
  return m.vertices.row(m.faces(f, c)).cast<double>().transpose();
}

// Enclosed volume by the divergence theorem (mm³); positive for outward faces.
double signedVolume(const Mesh& m);
double surfaceArea(const Mesh& m);
Eigen::AlignedBox3d bounds(const Mesh& m);
void flipOrientation(Mesh& m);
// Merges vertices closer than tolMm (STL files repeat each vertex per face).
Mesh weldVertices(const Mesh& m, double tolMm = 1e-5);

// Vertices sorted by (x, y, z), each face rotated to start at its smallest index, faces
// sorted: the same geometry gives the same arrays whatever order a tool emitted it in.
void canonicalOrder(Mesh& m);

struct MeshTopology {
  std::size_t boundaryEdges = 0;      // used by one face: a hole
  std::size_t nonManifoldEdges = 0;   // used by three or more faces
  std::size_t misorientedEdges = 0;   // two faces walk the edge the same way
  std::size_t degenerateFaces = 0;    // repeated vertex index or zero area
  std::size_t components = 0;
  bool watertight() const { return boundaryEdges == 0 && nonManifoldEdges == 0; }
  bool consistentlyOriented() const { return misorientedEdges == 0; }
};
// Topology of a welded mesh (call weldVertices first on STL soup).
MeshTopology analyseTopology(const Mesh& m);

}  // namespace tantalus
