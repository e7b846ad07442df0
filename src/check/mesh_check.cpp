#include "tantalus/check/mesh_check.h"

#include <cstdio>

#include "tantalus/lattice/machine_profile.h"

namespace tantalus::check {

namespace {
std::string mm(double v, const char* f = "%.2f") {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

void judgeTopology(MeshCheck& c) {
  const MeshTopology& t = c.topology;
  if (t.boundaryEdges)
    c.problems.push_back("not watertight: " + std::to_string(t.boundaryEdges) + " edges border a hole");
  if (t.nonManifoldEdges)
    c.problems.push_back("not manifold: " + std::to_string(t.nonManifoldEdges) + " edges are shared by three or more faces");
  if (t.misorientedEdges)
    c.problems.push_back("inconsistent orientation: " + std::to_string(t.misorientedEdges) + " edges are walked the same way by both faces");
  if (t.degenerateFaces) c.problems.push_back(std::to_string(t.degenerateFaces) + " degenerate (zero-area) faces");
  if (c.selfIntersections && *c.selfIntersections)
    c.problems.push_back(std::to_string(*c.selfIntersections) + " pairs of faces intersect each other");
  if (c.shells.bodyVolumesMm3.size() != 1)
    c.problems.push_back(std::to_string(c.shells.bodyVolumesMm3.size()) + " separate bodies (a part is one shell)");
  if (!c.shells.voidVolumesMm3.empty())
    c.problems.push_back(std::to_string(c.shells.voidVolumesMm3.size()) +
                         " enclosed voids: powder trapped inside that can never be removed");
  if (!(c.volumeMm3 > 0)) c.problems.push_back("encloses no positive volume (faces turned inwards?)");
}

void judgeMachine(MeshCheck& c) {
  // Judged on the 5th percentile: on a sound strut lattice 1-5 % of the rays (from the
  // crotches of strut junctions and from struts cut by the zone) read short (docs/check.md).
  if (c.thickness.rays > c.thickness.misses && c.thickness.p5Mm < c.minStrutMm)
    c.problems.push_back("walls or struts thinner than the machine's " + mm(c.minStrutMm) + " mm minimum: 5 % of the sampled faces read under " +
                         mm(c.thickness.p5Mm, "%.3f") + " mm");
  const Eigen::Vector3d size = c.bounds.sizes();
  if (c.envelopeMm.minCoeff() > 0 && (size.array() > c.envelopeMm.array()).any())
    c.problems.push_back("the part (" + mm(size.x(), "%.1f") + " × " + mm(size.y(), "%.1f") + " × " + mm(size.z(), "%.1f") +
                         " mm as placed) does not fit the " + c.machine + " build envelope (" + mm(c.envelopeMm.x(), "%.0f") +
                         " × " + mm(c.envelopeMm.y(), "%.0f") + " × " + mm(c.envelopeMm.z(), "%.0f") + " mm)");
}
}  // namespace

MeshCheck checkMesh(const Mesh& mesh, const std::string& file, const CheckOptions& o, const Progress& progress) {
  MeshCheck c;
  c.file = file;
  c.machine = o.machine;
  const lattice::MachineProfile machine = lattice::loadMachineProfile(o.machine);
  c.minStrutMm = machine.minStrutMm;
  c.envelopeMm = Eigen::Vector3d(machine.buildEnvelopeMm[0], machine.buildEnvelopeMm[1], machine.buildEnvelopeMm[2]);
  c.envelopeSource = machine.buildEnvelopeSource;
  c.material = loadMaterial(o.material);
  c.reference = loadMaterial(o.reference);
  const Mesh welded = weldVertices(mesh);
  c.vertices = welded.vertexCount();
  c.triangles = welded.faceCount();
  c.topology = analyseTopology(welded);
  progress.report(0.05, "shells");
  c.shells = shellsOf(welded);
  c.volumeMm3 = signedVolume(welded);
  c.areaMm2 = surfaceArea(welded);
  c.bounds = bounds(welded);
  c.thickness = wallThickness(welded, o.thicknessRays, progress.sub(0.1, 0.5), o.porousBelowMm);
  const bool withinLimit = o.selfIntersectionMaxFaces == 0 || welded.faceCount() <= o.selfIntersectionMaxFaces;
  if (o.selfIntersections && withinLimit) c.selfIntersections = selfIntersectionPairs(welded, progress.sub(0.5, 1.0));
  if (o.selfIntersections && !withinLimit)
    c.notChecked.push_back("self-intersections not tested: " + std::to_string(welded.faceCount()) + " faces, over the " +
                           std::to_string(o.selfIntersectionMaxFaces) + " limit (tantalus check --all-faces tests them)");
  judgeTopology(c);
  judgeMachine(c);
  progress.report(1.0, "checked");
  return c;
}

}  // namespace tantalus::check
