// A case's guides: the bone repaired once, the resection, a guide per plane, the margins.
#include "tantalus/guides/guide_set.h"

#include <cctype>
#include <cmath>
#include <chrono>

#include "guide_internal.h"
#include "tantalus/core/number_text.h"
#include "tantalus/machining/mesh_boolean.h"

namespace tantalus::guides {

std::string guideLabel(const Eigen::Vector3d& entry, double midlineX, std::size_t index, const std::string& caseTag) {
  std::string tag;
  for (char c : caseTag) {
    const char u = char(std::toupper(static_cast<unsigned char>(c)));
    if (detail::fontHas(u) && u != ' ' && tag.size() < 4) tag += u;
  }
  // LPS: +x is the patient's left.
  return std::string(entry.x() > midlineX ? "L" : "R") + std::to_string(index + 1) + (tag.empty() ? "" : " " + tag);
}

GuideSet designGuides(const Mesh& bone, const GuideParams& params, const Mesh* lesion, const std::string& caseTag,
                      double midlineX, const Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  GuideSet s;
  s.marginMm = params.marginMm;
  for (const auto& p : params.planes) s.planes.push_back(Plane::of(p));
  if (lesion) s.lesion = *lesion;
  progress.report(0, "repairing the bone");
  // Repaired once: exact for the cuts, rounded for the guides' patches and seating.
  const machining::ExactSolid solid(bone, "the bone (bone.stl)", progress.sub(0, 0.1));
  s.boneRepair = solid.repair();
  const Mesh repaired = solid.mesh();
  if (s.boneRepair.changed()) s.warnings.push_back("the bone's surface was repaired before the cuts: " + s.boneRepair.summary());
  s.resection = resect(solid, repaired, s.planes, lesion, params.marginMm, progress.sub(0.1, 0.4));
  if (s.resection.wholeBonesLeft)
    s.warnings.push_back(std::to_string(s.resection.wholeBonesLeft) +
                         " whole piece(s) of bone lie beyond the planes but no cut meets them (another bone): they are not part "
                         "of the resection");
  for (std::size_t i = 0; i < s.resection.margins.size(); ++i) {
    const PlaneMargin& m = s.resection.margins[i];
    if (m.violated)
      s.warnings.push_back("plane " + std::to_string(i + 1) + " runs " + fixedText(m.minDistanceMm, 1) + " mm from the lesion at " +
                           pointMmText(m.nearestLesionPointMm) + ", inside the " + fixedText(params.marginMm, 1) +
                           " mm margin: move it away from the lesion (along its normal's reverse)");
  }
  if (s.resection.lesionOutsideFraction > 0)
    s.warnings.push_back(fixedText(100 * s.resection.lesionOutsideFraction, 1) + " % of the lesion's surface lies outside the piece removed");
  for (std::size_t i = 0; i < s.planes.size(); ++i) {
    const double a = 0.4 + 0.6 * double(i) / double(s.planes.size()), b = 0.4 + 0.6 * double(i + 1) / double(s.planes.size());
    const std::string where = "guides.planes[" + std::to_string(i) + "]";
    const Eigen::Vector3d entry = detail::entryPoint(repaired, s.planes[i], where);
    s.guides.push_back(makeGuide(repaired, s.planes[i], s.planes, params, guideLabel(entry, midlineX, i, caseTag), where,
                                 progress.sub(a, b)));
    if (std::abs(entry.x() - midlineX) < 30)
      s.warnings.push_back("guide " + std::to_string(i + 1) + ": its entry lies within 30 mm of the body's midline (the bone's centre, x = " +
                           fixedText(midlineX, 1) + " mm): check the side on its label (" + s.guides.back().label + ")");
    for (const auto& w : s.guides.back().warnings) s.warnings.push_back("guide " + std::to_string(i + 1) + ": " + w);
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return s;
}

}  // namespace tantalus::guides
