#pragma once
// Rhombic-dodecahedral (RD) cell: from the numbers a surgeon quotes (pore size,
// porosity) to the numbers a printer needs (cell edge a, strut diameter d).
// Geometry and the meaning of "pore size": docs/lattice.md.
#include <cstddef>
#include <string>

namespace tantalus::lattice {

enum class PoreDefinition {
  Window,      // largest sphere through a rhombic face opening: a/sqrt(6) - d
  CellSphere,  // largest sphere inside one cell: sqrt(2/3)*a - d
};
PoreDefinition parsePoreDefinition(const std::string& text, const std::string& where = "--definition");
std::string toString(PoreDefinition d);

struct CellGeometry {
  double cellMm = 0;   // a: edge of the cubic (FCC) cell
  double strutMm = 0;  // d: strut diameter
  double strutLengthMm() const;   // sqrt(3)*a/4
  double ratio() const { return strutMm / cellMm; }
};

// Solid volume fraction of the capsule network (cylinders on the 32 struts of a
// cell, spheres at the nodes) as a function of x = d/a. Fit from LATTICE.md,
// checked against integrateSolidFraction (|error| < 0.001 for x <= 0.3).
double solidFractionFit(double dOverA);
// The same quantity by quasi-Monte-Carlo integration over one periodic cell
// (Halton points, exact distance to the strut segments). For tests and calibration.
double integrateSolidFraction(double dOverA, std::size_t samples);
// Inverse of solidFractionFit on its monotone branch; throws Error outside it.
double ratioForSolidFraction(double solidFraction);

struct PoreReadings {
  double windowMm = 0;       // a/sqrt(6) - d
  double cellSphereMm = 0;   // sqrt(2/3)*a - d
  double tbSpEstimateMm = 0; // micro-CT Tb.Sp, ESTIMATE (one-point calibration, see docs)
};
PoreReadings poreReadings(const CellGeometry& c);
double poreReading(const CellGeometry& c, PoreDefinition def);

// Solves (a, d) so that the pore (in the given definition) and the porosity are met.
// Throws Error when no geometry exists (porosity too low for open windows).
CellGeometry solveCell(double poreMm, double porosity, PoreDefinition def);

// Counts per cubic cell (LATTICE.md): 4 octahedral + 8 tetrahedral nodes, 32 struts.
constexpr int kNodesPerCell = 12;
constexpr int kStrutsPerCell = 32;

}  // namespace tantalus::lattice
