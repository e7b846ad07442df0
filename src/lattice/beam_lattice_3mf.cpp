// 3MF + Beam Lattice extension through lib3mf 1.8's C-style interface.
#include "tantalus/lattice/beam_lattice_3mf.h"

#include <Model/COM/NMR_DLLInterfaces.h>

#include <cmath>
#include <exception>
#include <unordered_map>

#include "lattice_internal.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"

namespace tantalus::lattice {

namespace {

// Owns a lib3mf handle.
struct Handle {
  NMR::PLib3MFBase* p = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (p) NMR::lib3mf_release(p);
  }
};

void check(HRESULT r, NMR::PLib3MFBase* obj, const std::string& what, const std::string& where) {
  if (r == LIB3MF_OK) return;
  std::string msg;
  if (obj) {
    DWORD code = 0;
    LPCSTR text = nullptr;
    if (NMR::lib3mf_getlasterror(obj, &code, &text) == LIB3MF_OK && text) msg = text;
  }
  throw Error("lib3mf: " + what + " failed" + (msg.empty() ? "" : ": " + msg), where);
}

// lib3mf's stream callbacks (NMR_ExportStream_Callback.h): 0 is success.
struct CallbackSink {
  AtomicFile* file;
  std::exception_ptr error;
  static unsigned write(unsigned char* data, unsigned bytes, void* user) {
    auto* self = static_cast<CallbackSink*>(user);
    if (self->error) return 0;
    try {
      self->file->write(data, bytes);
    } catch (...) {
      self->error = std::current_exception();
    }
    return 0;
  }
  static unsigned seek(unsigned long long position, void* user) {
    auto* self = static_cast<CallbackSink*>(user);
    if (self->error) return 0;
    try {
      self->file->seek(long(position));
    } catch (...) {
      self->error = std::current_exception();
    }
    return 0;
  }
};

// A mesh object (not built: a resource only) holding `m`; returns its resource id.
DWORD addClipMesh(Handle& model, const Mesh& m, Handle& obj, const std::string& where) {
  check(NMR::lib3mf_model_addmeshobject(model.p, reinterpret_cast<NMR::PLib3MFModelMeshObject**>(&obj.p)), model.p,
        "add clipping mesh", where);
  NMR::lib3mf_object_setnameutf8(obj.p, "tantalus clipping mesh: the implant's outer surface");
  std::vector<NMR::MODELMESHVERTEX> verts(m.vertexCount());
  for (std::size_t i = 0; i < verts.size(); ++i)
    for (int d = 0; d < 3; ++d) verts[i].m_fPosition[d] = m.vertices(Eigen::Index(i), d);
  std::vector<NMR::MODELMESHTRIANGLE> tris(m.faceCount());
  for (std::size_t f = 0; f < tris.size(); ++f)
    for (int c = 0; c < 3; ++c) tris[f].m_nIndices[c] = DWORD(m.faces(Eigen::Index(f), c));
  check(NMR::lib3mf_meshobject_setgeometry(obj.p, verts.data(), DWORD(verts.size()), tris.data(), DWORD(tris.size())), obj.p,
        "set clipping geometry", where);
  DWORD id = 0;
  check(NMR::lib3mf_resource_getresourceid(obj.p, &id), obj.p, "clipping mesh id", where);
  return id;
}
}  // namespace

BeamLattice beamLatticeInZone(const LatticeZone& zone, const LatticeBuildOptions& o) {
  requireLatticeBudget(zone, o);
  const LatticeFrame& frame = o.frame;
  const double h = frame.cell.strutMm / 4;
  const detail::ZoneDistance dist(zone, h, 4 * h);
  const detail::IslandAnalysis islands = detail::findIslands(zone, o, h, Progress::none());
  BeamLattice out;
  out.islandStruts = islands.droppedStruts;
  out.islandComponents = islands.droppedComponents;
  out.sliverStruts = islands.sliverStruts;
  std::unordered_map<std::int64_t, std::uint32_t> ids;
  auto node = [&](std::int64_t key, const Eigen::Vector3d& p) {
    auto [it, inserted] = ids.try_emplace(key, std::uint32_t(out.nodes.size()));
    if (inserted) out.nodes.push_back(p);
    return it->second;
  };
  const double minLength = frame.cell.strutMm / 10;
  forEachStrut(frame, zone.box, 0.0, [&](const Strut& s) {
    if (islands.dropped.count({s.nodeA, s.nodeB})) return;
    // The parts of the axis inside the zone: sampled every h/2 (a concave zone can
    // leave a strut with both ends inside and its middle outside, or the reverse),
    // each boundary refined by bisection on the zone distance.
    const Eigen::Vector3d ab = s.b - s.a;
    const int n = std::max(2, int(std::ceil(ab.norm() / (h / 2))));
    auto inside = [&](double t) { return dist(s.a + t * ab) <= 0; };
    auto boundary = [&](double tIn, double tOut) {
      for (int i = 0; i < 40; ++i) {
        const double mid = 0.5 * (tIn + tOut);
        (inside(mid) ? tIn : tOut) = mid;
      }
      return tIn;
    };
    bool prevIn = inside(0);
    double start = 0;
    for (int k = 1; k <= n; ++k) {
      const double t = double(k) / n;
      const bool in = inside(t);
      if (in && !prevIn) start = boundary(t, double(k - 1) / n);
      if ((!in && prevIn) || (in && k == n)) {
        const double end = in ? 1.0 : boundary(double(k - 1) / n, t);
        if ((end - start) * ab.norm() >= minLength) {
          BeamLattice::Beam b;
          b.radiusA = b.radiusB = s.radiusMm;
          auto at = [&](double u, std::int64_t key) {  // original nodes are shared, cut points are not
            if (u == 0.0) return node(key, s.a);
            if (u == 1.0) return node(key, s.b);
            out.nodes.push_back(s.a + u * ab);
            return std::uint32_t(out.nodes.size() - 1);
          };
          b.a = at(start, s.nodeA);
          b.b = at(end, s.nodeB);
          out.beams.push_back(b);
        }
      }
      prevIn = in;
    }
  });
  return out;
}

Beam3mfStats writeBeamLattice3mf(const LatticeZone& zone, const LatticeBuildOptions& o, const std::filesystem::path& file,
                                 const Progress& progress) {
  const std::string where = file.string();
  if (zone.box.sizes().minCoeff() < o.frame.cell.cellMm)
    throw Error("zone is smaller than one lattice cell", "zone", "enlarge the zone or choose a smaller pore size");
  ensureWritableParent(file);
  progress.report(0.0, "beam lattice: clipping struts to the zone");
  const BeamLattice lattice = beamLatticeInZone(zone, o);
  if (lattice.beams.empty()) throw Error("no strut of the lattice lies in the zone", "zone", "check the zone and the pore size");
  // The triangles of the object: a bonded solid as it is (exact), else the meshed skin.
  Mesh skin;
  if (!o.bondedSolid.empty()) {
    skin = o.bondedSolid;
  } else if (o.skinMm > 0) {
    const double hs = std::max(o.resolvedVoxelMm(), o.skinMm / 3);
    skin = detail::meshSkin(zone, o, hs, progress.sub(0.1, 0.8));
  }
  progress.report(0.8, "writing 3MF");
  AtomicFile target(file);  // temporary name in the target folder, filled through the callbacks below
  Handle model;
  check(NMR::lib3mf_createmodel(reinterpret_cast<NMR::PLib3MFModel**>(&model.p)), nullptr, "create model", where);
  check(NMR::lib3mf_model_setunit(model.p, NMR::MODELUNIT_MILLIMETER), model.p, "set unit", where);
  // The clipping mesh first: a resource is defined before the object that refers to it.
  Handle clip;
  DWORD clipId = 0;
  if (!o.beamClipMesh.empty()) clipId = addClipMesh(model, o.beamClipMesh, clip, where);
  Handle mesh;
  check(NMR::lib3mf_model_addmeshobject(model.p, reinterpret_cast<NMR::PLib3MFModelMeshObject**>(&mesh.p)), model.p,
        "add mesh object", where);
  NMR::lib3mf_object_setnameutf8(mesh.p, o.bondedSolid.empty() ? "tantalus porous lattice (RD, LPS mm)"
                                                                : "tantalus implant: solid and porous lattice (RD, LPS mm)");
  std::vector<NMR::MODELMESHVERTEX> verts;
  verts.reserve(lattice.nodes.size() + skin.vertexCount());
  for (const auto& p : lattice.nodes) verts.push_back({{float(p.x()), float(p.y()), float(p.z())}});
  const DWORD skinBase = DWORD(verts.size());
  for (std::size_t i = 0; i < skin.vertexCount(); ++i) {
    const auto r = skin.vertices.row(Eigen::Index(i));
    verts.push_back({{r(0), r(1), r(2)}});
  }
  std::vector<NMR::MODELMESHTRIANGLE> tris(skin.faceCount());
  for (std::size_t f = 0; f < tris.size(); ++f)
    for (int c = 0; c < 3; ++c) tris[f].m_nIndices[c] = skinBase + DWORD(skin.faces(Eigen::Index(f), c));
  NMR::MODELMESHTRIANGLE none{};  // lib3mf wants a valid pointer even for zero triangles
  check(NMR::lib3mf_meshobject_setgeometry(mesh.p, verts.data(), DWORD(verts.size()), tris.empty() ? &none : tris.data(),
                                           DWORD(tris.size())),
        mesh.p, "set geometry", where);
  const double r0 = o.frame.cell.strutMm / 2;
  check(NMR::lib3mf_meshobject_setbeamlattice_radius(mesh.p, r0), mesh.p, "set beam radius", where);
  check(NMR::lib3mf_meshobject_setbeamlattice_minlength(mesh.p, o.frame.cell.strutMm / 20), mesh.p, "set min length", where);
  check(NMR::lib3mf_meshobject_setbeamlattice_capmode(mesh.p, NMR::MODELBEAMLATTICECAPMODE_SPHERE), mesh.p, "set cap mode", where);
  if (clipId)
    check(NMR::lib3mf_meshobject_setbeamlattice_clipping(mesh.p, NMR::MODELBEAMLATTICECLIPMODE_INSIDE, clipId), mesh.p,
          "set clipping mesh", where);
  std::vector<NMR::MODELMESHBEAM> beams(lattice.beams.size());
  for (std::size_t i = 0; i < beams.size(); ++i) {
    const auto& b = lattice.beams[i];
    beams[i].m_nIndices[0] = b.a;
    beams[i].m_nIndices[1] = b.b;
    beams[i].m_dRadius[0] = b.radiusA;
    beams[i].m_dRadius[1] = b.radiusB;
  }
  check(NMR::lib3mf_meshobject_setbeamindices(mesh.p, beams.data(), DWORD(beams.size())), mesh.p, "set beams", where);
  Handle item;
  check(NMR::lib3mf_model_addbuilditem(model.p, mesh.p, nullptr, reinterpret_cast<NMR::PLib3MFModelBuildItem**>(&item.p)),
        model.p, "add build item", where);
  Handle writer;
  check(NMR::lib3mf_model_querywriter(model.p, "3mf", reinterpret_cast<NMR::PLib3MFModelWriter**>(&writer.p)), model.p,
        "query writer", where);
  progress.check();
  // lib3mf 1.8 throws from a destructor when its own file output fails (a full
  // disk ends in std::terminate), so it never touches the file: it writes through
  // callbacks into the AtomicFile, and the callbacks never fail towards lib3mf. The
  // first write error is kept and thrown once lib3mf is done.
  CallbackSink sink{&target, nullptr};
  const HRESULT written = NMR::lib3mf_writer_writetocallback(writer.p, reinterpret_cast<void*>(&CallbackSink::write),
                                                             reinterpret_cast<void*>(&CallbackSink::seek), &sink);
  if (sink.error) std::rethrow_exception(sink.error);
  check(written, writer.p, "write", where);
  target.commit();
  Beam3mfStats st;
  st.nodes = lattice.nodes.size();
  st.beams = lattice.beams.size();
  st.skinTriangles = skin.faceCount();
  st.islandStruts = lattice.islandStruts;
  st.islandComponents = lattice.islandComponents;
  st.sliverStruts = lattice.sliverStruts;
  st.bytes = std::filesystem::file_size(file);
  progress.report(1.0, "3MF written");
  return st;
}

Beam3mfContents readBeamLattice3mf(const std::filesystem::path& file) {
  const std::string where = file.string();
  Handle model;
  check(NMR::lib3mf_createmodel(reinterpret_cast<NMR::PLib3MFModel**>(&model.p)), nullptr, "create model", where);
  Handle reader;
  check(NMR::lib3mf_model_queryreader(model.p, "3mf", reinterpret_cast<NMR::PLib3MFModelReader**>(&reader.p)), model.p,
        "query reader", where);
  check(NMR::lib3mf_reader_readfromfileutf8(reader.p, file.c_str()), reader.p, "read", where);
  Beam3mfContents c;
  DWORD warnings = 0;
  NMR::lib3mf_reader_getwarningcount(reader.p, &warnings);
  c.readerWarnings = warnings;
  Handle it;
  check(NMR::lib3mf_model_getmeshobjects(model.p, reinterpret_cast<NMR::PLib3MFModelResourceIterator**>(&it.p)), model.p,
        "list mesh objects", where);
  // The object with the beams (a clipping mesh, if any, is a separate object before it);
  // with no beams anywhere, the first object.
  Handle res;
  DWORD nv = 0, nt = 0, nb = 0;
  for (BOOL has = false;;) {
    check(NMR::lib3mf_resourceiterator_movenext(it.p, &has), it.p, "iterate", where);
    if (!has) break;
    Handle cur;
    check(NMR::lib3mf_resourceiterator_getcurrent(it.p, reinterpret_cast<NMR::PLib3MFModelResource**>(&cur.p)), it.p,
          "get object", where);
    DWORD beams = 0;
    check(NMR::lib3mf_meshobject_getbeamcount(cur.p, &beams), cur.p, "beam count", where);
    if (res.p && (nb > 0 || beams == 0)) continue;
    std::swap(res.p, cur.p);
    nb = beams;
  }
  if (!res.p) throw Error("3MF file holds no mesh object", where);
  check(NMR::lib3mf_meshobject_getvertexcount(res.p, &nv), res.p, "vertex count", where);
  check(NMR::lib3mf_meshobject_gettrianglecount(res.p, &nt), res.p, "triangle count", where);
  NMR::eModelBeamLatticeClipMode clipMode = NMR::MODELBEAMLATTICECLIPMODE_NONE;
  DWORD clipId = 0;
  if (nb && NMR::lib3mf_meshobject_getbeamlattice_clipping(res.p, &clipMode, &clipId) == LIB3MF_OK)
    c.clippedInside = clipMode == NMR::MODELBEAMLATTICECLIPMODE_INSIDE;
  std::vector<NMR::MODELMESHVERTEX> verts(nv);
  if (nv) check(NMR::lib3mf_meshobject_getvertices(res.p, verts.data(), nv, nullptr), res.p, "vertices", where);
  std::vector<NMR::MODELMESHBEAM> beams(nb);
  if (nb) check(NMR::lib3mf_meshobject_getbeamindices(res.p, beams.data(), nb, nullptr), res.p, "beams", where);
  c.triangles = nt;
  for (const auto& v : verts) c.lattice.nodes.emplace_back(v.m_fPosition[0], v.m_fPosition[1], v.m_fPosition[2]);
  for (const auto& b : beams) c.lattice.beams.push_back({b.m_nIndices[0], b.m_nIndices[1], b.m_dRadius[0], b.m_dRadius[1]});
  return c;
}

}  // namespace tantalus::lattice
