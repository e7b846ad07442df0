// The entry of libtantalus-lattice-engine.so: the engine's functions, as a table.
#include "lattice_engine.h"

namespace {
namespace L = tantalus::lattice;
const L::engine::Table kTable = {
    L::engine::kAbiVersion,
    &L::buildLatticeStl,
    &L::buildLatticeStats,
    &L::buildLatticeMesh,
    &L::measureLattice,
    &L::measureStrutsOnMesh,
    &L::timeStrutFill,
    &L::timeReferenceSphereFill,
    &L::timeReferenceTileToStl,
    static_cast<L::BeamLattice (*)(const L::LatticeZone&, const L::LatticeBuildOptions&)>(&L::beamLatticeInZone),
    &L::writeBeamLattice3mf,
    &L::readBeamLattice3mf,
};
}  // namespace

extern "C" __attribute__((visibility("default"))) const tantalus::lattice::engine::Table* tantalus_lattice_engine() {
  return &kTable;
}
