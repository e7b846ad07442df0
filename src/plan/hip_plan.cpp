#include "tantalus/plan/hip_plan.h"

#include "figure_text.h"
#include "tantalus/core/error.h"
#include "tantalus/segment/mask_ops.h"

namespace tantalus::plan {

namespace {
// With cups on both hips, the one revised is the affected side's, and the head the one in it.
void keepAffectedSide(OldImplant& implant, Side side) {
  for (const auto& c : implant.cups)
    if (c.side == side) {
      implant.cup = c;
      break;
    }
  if (!implant.cup || implant.cup->side != side) return;
  implant.head.reset();
  for (const auto& h : implant.heads)
    if ((h.centreLps - implant.cup->centreLps).norm() < 0.5 * implant.cup->outerDiameterMm) {
      implant.head = h;
      break;
    }
}
}  // namespace

std::string describeMetal(const OldImplant& implant, double midlineX) {
  if (implant.parts.empty()) return "none";
  std::string s;
  for (const auto& part : implant.parts) {
    if (!s.empty()) s += ", ";
    s += std::string(part.kind == MetalPart::Kind::other ? "other metal (fixation hardware, screws or a bead)" : kindName(part.kind)) +
         " " + figureText(part.volumeMl) + " mL on the " +
         (part.centroidLps.x() > midlineX ? "left" : "right");
    if (part.kind == MetalPart::Kind::head || part.kind == MetalPart::Kind::cupShell)
      s += " (" + figureText(2 * part.sphere.radiusMm) + " mm across)";
    if (part.kind == MetalPart::Kind::stem && part.sphere.valid())
      s += " (with a " + figureText(2 * part.sphere.radiusMm) + " mm head)";
    if (part.cutByScan) s += " (cut off by the scan)";
  }
  if (!implant.cup) s += "; no cup";
  return s;
}

ScrewRequest screwRequest(const HipPlan& p, const Mask& bone) {
  ScrewRequest sr;
  sr.bone = &bone, sr.frame = &p.anatomy.frame, sr.side = p.side.side, sr.cupCentreLps = p.cup.centreLps;
  sr.cupAxisLps = p.cup.axisLps, sr.cupRadiusMm = p.cup.outerDiameterMm / 2;
  sr.asisLps = p.anatomy.landmarks.asis[p.side.side == Side::left ? 1 : 0];
  return sr;
}

HipPlan planHip(const Mask& bone, const Mask& metal, const PlanParams& params, const MetalContext& metalContext,
                const Progress& progress) {
  validate(params, "plan");
  HipPlan p;
  p.implant = analyseOldImplant(metal, progress.sub(0, 0.3));
  try {
    p.anatomy = findHipAnatomy(bone, params.landmarks, params.hips, progress.sub(0.3, 0.85));
  } catch (const Error& e) {  // say what the metal is, which is known
    throw Error(e.problem() + "; the metal found: " + describeMetal(p.implant, segment::centroidLps(bone).x()), e.where(), e.hint());
  }
  p.warnings = p.anatomy.warnings;
  // Left and right judged against the symmetry plane: an off-centre or rotated patient is read right.
  p.side = chooseSide(p.implant, p.anatomy.symmetry.point, params.side);
  keepAffectedSide(p.implant, p.side.side);
  if (params.side != "auto" && p.implant.cup && p.implant.cup->side != p.side.side)
    p.warnings.push_back(std::string("the old cup is on the ") + sideName(p.implant.cup->side) + ", the plan is for the " +
                         sideName(p.side.side));
  const bool cupOnAffected = p.implant.cup && p.implant.cup->side == p.side.side;
  p.native = nativeCentre(p.anatomy, p.side.side, cupOnAffected);
  for (const auto& c : p.implant.cups)
    if (c.side != p.side.side)
      p.warnings.push_back(std::string("the ") + sideName(c.side) +
                           " hip is replaced too: the native centre is its cup's bed mirrored, not a native acetabulum's");
  p.cup = proposeCup(p.side.side, p.native, cupOnAffected ? p.implant.cup : std::nullopt, p.anatomy.frame, params,
                     p.warnings);
  DefectInputs d;
  d.bone = &bone, d.pelvis = &p.anatomy.pelvis, d.metal = &metal, d.symmetry = &p.anatomy.symmetry;
  d.frame = &p.anatomy.frame, d.side = p.side.side, d.cupCentreLps = p.cup.centreLps;
  d.cupRadiusMm = p.cup.outerDiameterMm / 2, d.metalBandMm = metalContext.bandMm;
  if (cupOnAffected) d.oldCupCentreLps = p.implant.cup->centreLps;
  p.defect = estimateDefect(d, progress.sub(0.85, 1.0));
  if (metalContext.streaks || p.defect.doubtful) {
    p.defect.doubtful = true;
    p.warnings.push_back(
        "the defect (" + figureText(p.defect.volumeMl) + " mL) may be overstated: " +
        (metalContext.streaks ? std::string("the CT has metal streaks (the segmentation's warning)")
                              : "bone reads as missing out to 35 mm beyond the cup (" + figureText(p.defect.farMl) +
                                    " mL there): metal streaks, or a defect larger than the search") +
        "; bone in streaks reads as missing. A metal-artefact-reduced reconstruction gives a truer figure");
  }
  ScrewRequest sr = screwRequest(p, bone);
  sr.count = params.screws;
  if (params.screwTargets) {
    std::vector<Eigen::Vector3d> targets;
    for (const auto& t : *params.screwTargets) targets.emplace_back(t[0], t[1], t[2]);
    p.screws = screwsToward(sr, targets);
    p.screwsAsked = int(targets.size());
  } else {
    p.screws = planScrews(sr);
    p.screwsAsked = params.screws;
  }
  for (std::size_t n = 0; n < p.screws.size(); ++n)
    for (const auto& w : p.screws[n].warnings) p.warnings.push_back("screw " + std::to_string(n + 1) + ": " + w);
  if (!params.screwTargets && params.screws > 0 && p.screws.size() < std::size_t(params.screws))
    p.warnings.push_back(std::to_string(p.screws.size()) + " of the " + std::to_string(params.screws) +
                         " screws asked for have 15 mm of bone in the safe zones");
  if (p.implant.cup) {
    p.oldCupApp = radiographicAngles(p.anatomy.frame.toFrame(p.implant.cup->axisLps));
    if (cupOnAffected)
      p.oldCupFromNative = corOffset(p.native.mirroredLps, p.implant.cup->centreLps, p.side.side, p.anatomy.frame);
  }
  if (p.native.ownSocketLps) {
    const double d = (*p.native.ownSocketLps - p.native.mirroredLps).norm();
    if (d > 5)
      p.warnings.push_back("the " + std::string(sideName(p.side.side)) + " acetabulum's own centre is " + figureText(d) +
                           " mm from the mirrored native centre: check the symmetry plane, or the hip is dysplastic");
  }
  progress.report(1.0, "plan");
  return p;
}

}  // namespace tantalus::plan
