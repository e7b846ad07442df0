#include "gui/model/lattice_readout.h"

#include "tantalus/core/error.h"
#include "tantalus/lattice/cell_solver.h"
#include "tantalus/lattice/lattice_builder.h"
#include "tantalus/lattice/machine_profile.h"

namespace tantalus::gui {

LatticeReadout latticeReadout(const LatticeParams& p) {
  LatticeReadout r;
  try {
    const auto def = lattice::parsePoreDefinition(p.definition, "lattice.definition");
    const lattice::CellGeometry c = lattice::solveCell(p.poreUm / 1000, p.porosity, def);
    r.solved = true;
    r.cellEdgeMm = c.cellMm;
    r.strutMm = c.strutMm;
    r.windowMm = lattice::poreReadings(c).windowMm;
    const lattice::MachineProfile m = lattice::loadMachineProfile(p.machine);
    r.machine = m.description;
    const lattice::PrintabilityCheck check = lattice::checkPrintable(p.poreUm / 1000, p.porosity, def, m);
    r.printable = check.printable;
    r.problems = check.problems;
    for (const auto& s : check.suggestions) r.problems.push_back("try " + s);
  } catch (const Error& e) {
    r.solved = r.printable = false;
    r.problems.push_back(e.problem() + (e.hint().empty() ? "" : " — " + e.hint()));
  }
  return r;
}

Mesh latticePreview(const LatticeParams& p, double edgeMm, const Progress& progress) {
  const auto def = lattice::parsePoreDefinition(p.definition, "lattice.definition");
  lattice::LatticeBuildOptions o;
  o.frame.cell = lattice::solveCell(p.poreUm / 1000, p.porosity, def);
  o.tileVoxels = 0;
  const lattice::LatticeZone zone = lattice::LatticeZone::fromBox(Eigen::Vector3d::Constant(edgeMm));
  Mesh m;
  lattice::buildLatticeMesh(zone, o, m, progress);
  return m;
}

}  // namespace tantalus::gui
