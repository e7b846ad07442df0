#pragma once
// The lattice engine (OpenVDB, TBB, lib3mf) as a table of entry points. The
// executables load it on first use from libtantalus-lattice-engine.so (beside them),
// so a command that builds no lattice never pays for loading OpenVDB (~65 ms of
// symbol binding at every start, more than half of `tantalus convert`).
// lattice_engine_loader.cpp forwards the public functions of lattice_builder.h and
// beam_lattice_3mf.h through this table; tests and benchmarks link the engine
// directly (tantalus_lattice) and never see it. Internal to src/lattice.
#include "tantalus/lattice/beam_lattice_3mf.h"
#include "tantalus/lattice/lattice_builder.h"

namespace tantalus::lattice::engine {

constexpr int kAbiVersion = 4;  // bump when a signature below changes

struct Table {
  int abiVersion;
  LatticeBuildStats (*buildLatticeStl)(const LatticeZone&, const LatticeBuildOptions&, const std::filesystem::path&, const Progress&);
  LatticeBuildStats (*buildLatticeStats)(const LatticeZone&, const LatticeBuildOptions&, const Progress&);
  LatticeBuildStats (*buildLatticeMesh)(const LatticeZone&, const LatticeBuildOptions&, Mesh&, const Progress&);
  LatticeMeasurement (*measureLattice)(const LatticeZone&, const LatticeBuildOptions&, const Progress&);
  LatticeMeasurement (*measureStrutsOnMesh)(const Mesh&, const LatticeZone&, const LatticeFrame&);
  FillRate (*timeStrutFill)(const LatticeZone&, const LatticeBuildOptions&);
  FillRate (*timeReferenceSphereFill)(double, std::uint64_t);
  MeshRate (*timeReferenceTileToStl)(double, std::uint64_t, const std::filesystem::path&);
  BeamLattice (*beamLatticeInZone)(const LatticeZone&, const LatticeBuildOptions&);
  Beam3mfStats (*writeBeamLattice3mf)(const LatticeZone&, const LatticeBuildOptions&, const std::filesystem::path&, const Progress&);
  Beam3mfContents (*readBeamLattice3mf)(const std::filesystem::path&);
};

}  // namespace tantalus::lattice::engine

// The module's one exported symbol.
extern "C" const tantalus::lattice::engine::Table* tantalus_lattice_engine();
