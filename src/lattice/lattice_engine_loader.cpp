// The public engine functions of the executables: loaded from
// libtantalus-lattice-engine.so on first use (lattice_engine.h), then called through
// its table. A missing or mismatched module is an Error saying where it was looked for.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>

#include "lattice_engine.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::lattice {

namespace {

// Beside the running executable; TANTALUS_LATTICE_ENGINE overrides (tests, packaging).
fs::path modulePath() {
  if (const char* env = std::getenv("TANTALUS_LATTICE_ENGINE"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return (ec ? fs::path(".") : exe.parent_path()) / "libtantalus-lattice-engine.so";
}

const engine::Table& table() {
  static const engine::Table* t = nullptr;
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    const fs::path path = modulePath();
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      failure = std::string("cannot load the lattice engine: ") + ::dlerror();
      return;
    }
    using Entry = const engine::Table* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "tantalus_lattice_engine"));
    if (!entry || !entry() || entry()->abiVersion != engine::kAbiVersion) {
      failure = "the lattice engine at " + path.string() + " is from another build";
      return;
    }
    t = entry();
  });
  if (!t) throw Error(failure, modulePath().string(), "rebuild (make build); the module must sit beside the tantalus executable");
  return *t;
}

}  // namespace

LatticeBuildStats buildLatticeStl(const LatticeZone& z, const LatticeBuildOptions& o, const fs::path& stl, const Progress& p) {
  return table().buildLatticeStl(z, o, stl, p);
}
LatticeBuildStats buildLatticeStats(const LatticeZone& z, const LatticeBuildOptions& o, const Progress& p) {
  return table().buildLatticeStats(z, o, p);
}
LatticeBuildStats buildLatticeMesh(const LatticeZone& z, const LatticeBuildOptions& o, Mesh& out, const Progress& p) {
  return table().buildLatticeMesh(z, o, out, p);
}
LatticeMeasurement measureLattice(const LatticeZone& z, const LatticeBuildOptions& o, const Progress& p) {
  return table().measureLattice(z, o, p);
}
LatticeMeasurement measureStrutsOnMesh(const Mesh& m, const LatticeZone& z, const LatticeFrame& f) {
  return table().measureStrutsOnMesh(m, z, f);
}
FillRate timeStrutFill(const LatticeZone& z, const LatticeBuildOptions& o) { return table().timeStrutFill(z, o); }
FillRate timeReferenceSphereFill(double h, std::uint64_t n) { return table().timeReferenceSphereFill(h, n); }
MeshRate timeReferenceTileToStl(double h, std::uint64_t n, const fs::path& stl) {
  return table().timeReferenceTileToStl(h, n, stl);
}
BeamLattice beamLatticeInZone(const LatticeZone& z, const LatticeBuildOptions& o) { return table().beamLatticeInZone(z, o); }
Beam3mfStats writeBeamLattice3mf(const LatticeZone& z, const LatticeBuildOptions& o, const fs::path& f, const Progress& p) {
  return table().writeBeamLattice3mf(z, o, f, p);
}
Beam3mfContents readBeamLattice3mf(const fs::path& f) { return table().readBeamLattice3mf(f); }

}  // namespace tantalus::lattice
