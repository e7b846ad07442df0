#pragma once
// The lattice panel's read-outs: what the case's pore size and porosity mean as a
// cell (edge, strut diameter), whether the machine prints it, and a small cube of the
// lattice for the preview (built by the lattice engine, as the design builds it).
#include <string>
#include <vector>

#include "tantalus/core/case_file.h"
#include "tantalus/core/mesh.h"
#include "tantalus/core/progress.h"

namespace tantalus::gui {

struct LatticeReadout {
  bool solved = false;                 // false: no cell meets the pore and porosity (`problems` says why)
  double cellEdgeMm = 0, strutMm = 0, windowMm = 0;
  std::string machine;                 // its description
  bool printable = true;
  std::vector<std::string> problems;   // one sentence each; suggestions follow
};
LatticeReadout latticeReadout(const LatticeParams& p);

// A cube `edgeMm` on a side of the case's lattice, welded, LPS mm with its corner at
// the origin. Throws Error when no cell meets the parameters.
Mesh latticePreview(const LatticeParams& p, double edgeMm, const Progress& progress = Progress::none());

}  // namespace tantalus::gui
