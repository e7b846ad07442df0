// One plane's cutting guide: the patch, the shell with its slot block and label as one
// closed height field, then the sleeves, the slot and the K-wire holes by exact Booleans;
// then its seating on the bone.
#include "tantalus/guides/cutting_guide.h"

#include <algorithm>
#include <cmath>

#include "guide_internal.h"
#include "oriented_box.h"
#include "tantalus/core/error.h"
#include "tantalus/core/mesh_pieces.h"
#include "tantalus/core/number_text.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::guides {

namespace {
constexpr double kMinContactMm2 = 200;  // less (a 16 mm disc) cannot hold a guide in one place
constexpr double kEmbossMm = 0.6, kLabelDotMm = 0.6;

using detail::PatchGrid;
using detail::SlotGeometry;

// The bone-facing points of the finished guide (not in the slot or a hole), with the
// area each stands for and the bone's normal under it.
struct Bottom {
  std::vector<Eigen::Vector3d> points, normals;
  std::vector<double> area;
};
Bottom bottomOf(const PatchGrid& g, const std::vector<char>& used, const SlotGeometry& slot, const std::vector<KWire>& wires,
                double clearanceMm, double holeR) {
  Bottom b;
  for (int j = 0; j < g.side(); ++j)
    for (int i = 0; i < g.side(); ++i) {
      const std::size_t q = g.id(i, j);
      if (!used[q]) continue;
      const Eigen::Vector3d x = g.at(i, j, g.bottom(q, clearanceMm));
      if (std::abs((x - slot.origin).dot(slot.normal())) <= slot.halfWidthMm + g.step) continue;
      bool inHole = false;
      for (const auto& w : wires) inHole = inHole || ((x - w.entryMm) - (x - w.entryMm).dot(w.direction) * w.direction).norm() <= holeR + g.step;
      if (inHole) continue;
      b.points.push_back(x);
      b.normals.push_back(g.boneNormal[q]);
      b.area.push_back(g.step * g.step / std::max(0.5, g.boneNormal[q].dot(g.w())));
    }
  return b;
}

// Thickness per node: the shell, the slot's block, the raised label.
std::vector<double> thicknessOf(const PatchGrid& g, const GuideParams& p, const std::vector<char>& block, const std::vector<char>& label,
                                double depthMm) {
  std::vector<double> t(g.height.size(), p.thicknessMm);
  for (std::size_t q = 0; q < t.size(); ++q) {
    if (block[q]) t[q] = depthMm;
    else if (label[q]) t[q] += kEmbossMm;
  }
  return t;
}

// Slivers the slot cuts off where it leaves the block's top (on oblique planes, a CT's
// faceted bone) go: closed pieces smaller than kSliverMm every way beside the guide.
constexpr double kSliverMm = 8;
Mesh withoutSlivers(const Mesh& m, std::vector<std::string>& warnings) {
  DebrisRemoval d = removeDebris(weldVertices(m), kSliverMm);
  if (d.droppedPieces)
    warnings.push_back(std::to_string(d.droppedPieces) + " sliver(s) the slot cut off (at most " + fixedText(d.largestDroppedMm, 1) +
                       " mm across) were removed");
  return std::move(d.kept);
}

void checkOnePiece(const Mesh& m, const std::string& where) {
  const MeshTopology t = analyseTopology(m);
  if (!t.watertight() || t.components != 1)
    throw Error("the guide came out " + std::string(t.watertight() ? "" : "open, ") + "in " + std::to_string(t.components) + " piece(s)",
                where, "lower guides.slot_length_mm or raise guides.patch_radius_mm so the shell runs round the slot's ends");
}
}  // namespace

CuttingGuide makeGuide(const Mesh& bone, const Plane& plane, const std::vector<Plane>& allPlanes, const GuideParams& p,
                       const std::string& label, const std::string& where, const Progress& progress) {
  CuttingGuide out;
  out.plane = plane;
  out.label = label;
  progress.report(0, "the guide's patch on the bone");
  out.entryMm = detail::entryPoint(bone, plane, where);
  out.insertion = detail::insertionDirection(bone, out.entryMm, p.patchRadiusMm, where);
  const SlotGeometry slot = detail::slotGeometry(plane, out.entryMm, out.insertion, p, where);
  out.slotAlong = slot.along();
  out.slotWidthMm = 2 * slot.halfWidthMm;
  const MeshRaycaster rays(bone);
  const PatchGrid g = detail::samplePatch(rays, out.entryMm, detail::frameWithZ(out.insertion, slot.along()), p.patchRadiusMm,
                                          p.gridMm, detail::facetSizeMm(bone, out.entryMm, p.patchRadiusMm), where);
  progress.check();
  const std::vector<char> block = detail::slotBlockNodes(g, slot, p.clearanceMm);
  // The label on the removed side of the slot, clear of the block.
  const Eigen::Vector3d nt = (plane.normal - out.insertion * plane.normal.dot(out.insertion)).normalized();
  // Its distance from the plane: past the block, which leans that way by depth · (−w·n)
  // on an oblique plane; along the bone that is the distance / (nt·n).
  const double lean = std::max(0.0, -slot.depthMm * out.insertion.dot(plane.normal));
  const double fromPlane = slot.blockHalfWidthMm() + lean + 1.5 + 3.5 * kLabelDotMm;
  const Eigen::Vector3d labelCentre = out.entryMm + fromPlane / std::max(0.3, nt.dot(plane.normal)) * nt;
  const std::vector<char> labelDots = detail::labelNodes(g, label, labelCentre, slot.along(), kLabelDotMm);
  const std::vector<double> thickness = thicknessOf(g, p, block, labelDots, slot.depthMm);
  std::vector<char> used;
  const Mesh slab = detail::slabMesh(g, p.clearanceMm, thickness, used);
  const double patchMm2 = double(std::count(used.begin(), used.end(), char(1))) * g.step * g.step;
  if (patchMm2 < kMinContactMm2)
    throw Error("the guide's patch on the bone is only " + fixedText(patchMm2, 0) + " mm² (at least " + fixedText(kMinContactMm2, 0) +
                    " mm² seat it in one position)",
                where, "raise guides.patch_radius_mm, or move the plane's point to broader bone");
  for (std::size_t q = 0; q < used.size(); ++q)
    if (labelDots[q] && (!used[q] || block[q])) {
      out.warnings.push_back("the label runs off the patch's edge or under the slot's block: part of it is not embossed");
      break;
    }
  progress.report(0.2, "sleeves, slot and K-wire holes");
  detail::KWireSet wires = detail::placeKWires(g, used, block, thickness, slot, allPlanes, p);
  out.kwires = wires.wires;
  out.warnings.insert(out.warnings.end(), wires.warnings.begin(), wires.warnings.end());
  machining::ExactSolid solid(slab, "the guide's shell", progress.sub(0.2, 0.3));
  const std::size_t steps = wires.sleeves.size() * 3 + 1 + wires.holes.size();
  std::size_t done = 0;
  auto sub = [&] { ++done; return progress.sub(0.3 + 0.5 * double(done - 1) / double(steps), 0.3 + 0.5 * double(done) / double(steps)); };
  for (std::size_t k = 0; k < wires.sleeves.size(); ++k) {
    machining::ExactSolid sleeve(wires.sleeves[k], "a K-wire sleeve", sub());
    sleeve.apply(machining::BooleanOp::Intersection, wires.columns[k], "the shell's column under it", sub());
    solid.apply(machining::BooleanOp::Union, sleeve, sub());
  }
  solid.apply(machining::BooleanOp::Difference, detail::slotCavity(slot, p.patchRadiusMm + slot.depthMm + 40), "the saw slot", sub());
  for (const Mesh& h : wires.holes) solid.apply(machining::BooleanOp::Difference, h, "a K-wire hole", sub());
  out.mesh = withoutSlivers(solid.mesh(), out.warnings);
  checkOnePiece(out.mesh, where);
  out.volumeMm3 = signedVolume(out.mesh);
  progress.report(0.8, "seating on the bone");
  const Bottom bottom = bottomOf(g, used, slot, out.kwires, p.clearanceMm, p.kwireMm / 2 + p.kwireClearanceMm);
  out.seating = seatingOf(bone, rays, bottom.points, bottom.area, out.mesh, out.insertion, p.clearanceMm);
  std::vector<Eigen::Vector3d> contactNormals;
  for (const auto& n : bottom.normals) contactNormals.push_back(n);
  out.seating.curvatureSpreadDeg = detail::spreadOf(contactNormals);
  if (out.seating.contactAreaMm2 < kMinContactMm2)
    throw Error("the guide touches the bone over only " + fixedText(out.seating.contactAreaMm2, 0) + " mm² (at least " +
                    fixedText(kMinContactMm2, 0) + " mm² seat it in one position)",
                where, "raise guides.patch_radius_mm, or move the plane's point to broader bone");
  if (out.seating.undercutPoints || out.seating.penetratingPoints)
    out.warnings.push_back(std::to_string(out.seating.undercutPoints) + " point(s) of the guide meet bone when it is lifted off, " +
                           std::to_string(out.seating.penetratingPoints) + " lie inside the bone (the first at " + pointMmText(out.seating.problemMm) +
                           "): it cannot be seated as designed; move the plane's point or lower guides.patch_radius_mm");
  if (out.seating.curvatureSpreadDeg < 5)
    out.warnings.push_back("the bone under the guide is nearly flat or cylindrical (its normals spread " +
                           fixedText(out.seating.curvatureSpreadDeg, 1) +
                           "°): the guide could slide before it is pinned; seat it across a ridge or raise guides.patch_radius_mm");
  progress.report(1, "guide");
  return out;
}

}  // namespace tantalus::guides
