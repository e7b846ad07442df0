#include "tantalus/lattice/cell_solver.h"

#include <algorithm>
#include <cmath>

#include "tantalus/core/error.h"
#include "tantalus/lattice/strut_network.h"

namespace tantalus::lattice {

namespace {
const double kSqrt6 = std::sqrt(6.0);
const double kSqrt2over3 = std::sqrt(2.0 / 3.0);
// Maximum of the fit's monotone branch: d(rho)/dx = 0 at x = 2*10.883/(3*14.71).
constexpr double kFitA = 10.883, kFitB = 14.71;
const double kFitMaxRatio = 2.0 * kFitA / (3.0 * kFitB);
// Micro-CT Tb.Sp (mean maximal-sphere diameter in the pore space) has no closed form;
// LATTICE.md gives a = 1.02 mm, d = 0.155 mm for Tb.Sp = 0.6 mm, i.e. Tb.Sp ~ 0.74*a - d.
// Reported as an estimate only.
constexpr double kTbSpPerCell = (0.6 + 0.155) / 1.02;
}  // namespace

PoreDefinition parsePoreDefinition(const std::string& text, const std::string& where) {
  if (text == "window") return PoreDefinition::Window;
  if (text == "cell-sphere") return PoreDefinition::CellSphere;
  throw Error("unknown pore definition '" + text + "'", where, "use window (default) or cell-sphere");
}

std::string toString(PoreDefinition d) { return d == PoreDefinition::Window ? "window" : "cell-sphere"; }

double CellGeometry::strutLengthMm() const { return std::sqrt(3.0) * cellMm / 4.0; }

double solidFractionFit(double x) { return kFitA * x * x - kFitB * x * x * x; }

double integrateSolidFraction(double x, std::size_t samples) {
  // One periodic cell with a = 1; Halton points in bases 2, 3, 5.
  auto halton = [](std::size_t i, unsigned base) {
    double f = 1, r = 0;
    while (i) {
      f /= base;
      r += f * double(i % base);
      i /= base;
    }
    return r;
  };
  LatticeFrame frame;
  frame.cell = {1.0, x};
  const Eigen::AlignedBox3d box(Eigen::Vector3d(-0.01, -0.01, -0.01), Eigen::Vector3d(1.01, 1.01, 1.01));
  const auto struts = strutsInBox(frame, box, x);
  std::size_t inside = 0;
  const double r = x / 2;
  for (std::size_t i = 1; i <= samples; ++i) {
    const Eigen::Vector3d p(halton(i, 2), halton(i, 3), halton(i, 5));
    for (const auto& s : struts)
      if (segmentDistance(p, s.a, s.b) <= r) {
        ++inside;
        break;
      }
  }
  return double(inside) / double(samples);
}

double ratioForSolidFraction(double rho) {
  const double rhoMax = solidFractionFit(1.0 / kSqrt6);  // windows close at x = 1/sqrt(6)
  if (!(rho > 0) || rho >= rhoMax)
    throw Error("no open-cell RD lattice has solid fraction " + std::to_string(rho),
                "porosity", "porosity must be above " + std::to_string(1 - rhoMax) + " so the windows stay open");
  double lo = 0, hi = std::min(kFitMaxRatio, 1.0 / kSqrt6);
  for (int i = 0; i < 100; ++i) {
    const double mid = 0.5 * (lo + hi);
    (solidFractionFit(mid) < rho ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

PoreReadings poreReadings(const CellGeometry& c) {
  PoreReadings p;
  p.windowMm = c.cellMm / kSqrt6 - c.strutMm;
  p.cellSphereMm = kSqrt2over3 * c.cellMm - c.strutMm;
  p.tbSpEstimateMm = kTbSpPerCell * c.cellMm - c.strutMm;
  return p;
}

double poreReading(const CellGeometry& c, PoreDefinition def) {
  const auto p = poreReadings(c);
  return def == PoreDefinition::Window ? p.windowMm : p.cellSphereMm;
}

CellGeometry solveCell(double poreMm, double porosity, PoreDefinition def) {
  if (!(poreMm > 0)) throw Error("pore size must be > 0", "pore", "use e.g. 600 µm");
  if (!(porosity > 0 && porosity < 1)) throw Error("porosity must be between 0 and 1 (exclusive)", "porosity", "use e.g. 0.80");
  const double x = ratioForSolidFraction(1.0 - porosity);
  // pore = k*a - d = (k - x) * a
  const double k = def == PoreDefinition::Window ? 1.0 / kSqrt6 : kSqrt2over3;
  const double a = poreMm / (k - x);
  return {a, x * a};
}

}  // namespace tantalus::lattice
