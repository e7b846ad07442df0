#pragma once
// `tantalus check`: is a mesh a printable part? Watertight, manifold, free of
// self-intersections, one shell, no enclosed voids (trapped powder), walls and struts
// thick enough for the machine, inside its build envelope; and what it weighs and costs
// in Ti6Al4V against the same body in tantalum.
#include <Eigen/Geometry>
#include <optional>
#include <string>
#include <vector>

#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"

namespace tantalus::check {

struct Material {
  std::string name, description;
  double densityGPerCm3 = 0;
  double pricePerKg = 0;
  std::string currency, densitySource, priceSource;
};
Material loadMaterial(const std::string& name);  // resources/materials/<name>.json

struct CheckOptions {
  std::string machine = "ebpbf-ti6al4v";  // resources/machines: minimum strut, build envelope
  std::string material = "ti6al4v", reference = "tantalum";
  bool selfIntersections = true;          // CGAL, exact predicates (the slowest test)
  // Above this many faces the self-intersection test is left out (a lattice body of tens
  // of millions takes minutes and gigabytes); 0: no limit. The report says so.
  std::size_t selfIntersectionMaxFaces = 4000000;
  std::size_t thicknessRays = 200000;     // faces sampled for the wall thickness (0: all)
  double porousBelowMm = 1.0;             // features thinner than this are struts (their surface: the porous surface)
};

// The connected shells of a closed, consistently oriented mesh: bodies enclose material
// (positive volume), voids are cavities inside a body (negative): powder trapped there
// can never be removed.
struct Shells {
  std::vector<double> bodyVolumesMm3, voidVolumesMm3;
};
Shells shellsOf(const Mesh& welded);

// Local thickness: from each sampled face, a ray inwards along the normal to the first
// opposite face. Walls and struts both read as their thickness.
// The area of the faces on features thinner than `thinBelowMm` (a lattice's struts: the
// porous surface a coating must cover), estimated from the sampled faces (each standing
// for the faces between it and the next sample).
struct Thickness {
  std::size_t rays = 0, misses = 0;
  double minMm = 0, p1Mm = 0, p5Mm = 0, medianMm = 0;  // minimum, 1st and 5th percentiles, median
  double thinBelowMm = 0, thinAreaMm2 = 0;
};
Thickness wallThickness(const Mesh& welded, std::size_t maxRays, const Progress& progress, double thinBelowMm = 1.0);

// Pairs of faces that intersect other than at a shared edge or vertex (CGAL, exact).
std::size_t selfIntersectionPairs(const Mesh& welded, const Progress& progress);

struct MeshCheck {
  std::string file, machine;
  std::size_t vertices = 0, triangles = 0;
  MeshTopology topology;
  std::optional<std::size_t> selfIntersections;  // absent: not checked
  std::vector<std::string> notChecked;            // tests left out, and why
  Shells shells;
  Thickness thickness;
  double volumeMm3 = 0, areaMm2 = 0;
  Eigen::AlignedBox3d bounds;
  Eigen::Vector3d envelopeMm = Eigen::Vector3d::Zero();
  std::string envelopeSource;
  double minStrutMm = 0;
  Material material, reference;
  std::vector<std::string> problems;  // empty: printable

  bool printable() const { return problems.empty(); }
  bool complete() const { return notChecked.empty(); }  // every test ran
  double massG(const Material& m) const { return volumeMm3 * 1e-3 * m.densityGPerCm3; }
  double cost(const Material& m) const { return massG(m) * 1e-3 * m.pricePerKg; }
};

MeshCheck checkMesh(const Mesh& mesh, const std::string& file, const CheckOptions& o,
                    const Progress& progress = Progress::none());
std::string checkReportJson(const MeshCheck& c);
std::string checkSummaryText(const MeshCheck& c);

// Whether `inner` lies inside `outer` (the machined body inside the print body): every
// vertex of `inner` inside or within `tolMm` of `outer`'s surface; the ones that are not,
// and how far out the farthest lies.
struct Containment {
  std::size_t verticesOutside = 0;
  double maxOutsideMm = 0;
};
Containment containment(const Mesh& inner, const Mesh& outer, double tolMm, const Progress& progress = Progress::none());

// Which points lie inside (or on) a closed mesh (exact side-of-mesh); an Error when it is
// not closed. `weld`: merge vertices within 1e-5 mm first (STL soup); an indexed mesh
// from an exact Boolean is taken as it is (its slivers hold distinct vertices closer
// than that).
std::vector<char> insideClosedMesh(const Mesh& closed, const std::vector<Eigen::Vector3d>& points,
                                   const std::string& name = "mesh", bool weld = true);
// Distance (mm) from each point to the nearest point of the mesh's surface.
std::vector<double> distancesToSurface(const Mesh& mesh, const std::vector<Eigen::Vector3d>& points);

}  // namespace tantalus::check
