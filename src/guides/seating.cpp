// Does the guide seat in one position only? Its contact on the bone, the gap, an
// undercut test along the insertion direction, and the spread of the bone's normals
// under it (flat or cylindrical bone lets it slide).
#include <Eigen/Eigenvalues>
#include <cmath>

#include "guide_internal.h"
#include "oriented_box.h"
#include "tantalus/check/mesh_check.h"

namespace tantalus::guides {

namespace {
constexpr double kTolMm = 0.2;
constexpr double kTouchMm = 0.1;  // deeper than this inside the bone, or under it, counts
constexpr double kLiftMm = 30;  // how far the guide is lifted off along its insertion (then it clears the wound)
constexpr double kPi = 3.14159265358979323846;

// The smaller spread (degrees) of unit normals about their mean.
double normalSpreadDeg(const std::vector<Eigen::Vector3d>& normals) {
  if (normals.size() < 3) return 0;
  Eigen::Vector3d mean = Eigen::Vector3d::Zero();
  for (const auto& n : normals) mean += n;
  mean.normalize();
  const Eigen::Vector3d a = detail::perpendicularTo(mean), b = mean.cross(a);
  Eigen::Matrix2d c = Eigen::Matrix2d::Zero();
  for (const auto& n : normals) {
    const Eigen::Vector2d t(n.dot(a), n.dot(b));
    c += t * t.transpose();
  }
  c /= double(normals.size());
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(c);
  return std::asin(std::min(1.0, std::sqrt(std::max(0.0, es.eigenvalues()(0))))) * 180 / kPi;
}
}  // namespace

Seating seatingOf(const Mesh& bone, const MeshRaycaster& boneRays, const std::vector<Eigen::Vector3d>& bottom, const std::vector<double>& bottomArea,
                  const Mesh& guide, const Eigen::Vector3d& insertion, double clearanceMm) {
  Seating s;
  const std::vector<double> gap = check::distancesToSurface(bone, bottom);
  double within = 0;
  for (std::size_t i = 0; i < bottom.size(); ++i) {
    s.patchAreaMm2 += bottomArea[i];
    if (gap[i] <= clearanceMm + kTolMm) s.contactAreaMm2 += bottomArea[i];
    if (std::abs(gap[i] - clearanceMm) <= kTolMm) within += bottomArea[i];
    s.maxGapMm = std::max(s.maxGapMm, gap[i]);
  }
  s.withinToleranceFraction = s.patchAreaMm2 > 0 ? within / s.patchAreaMm2 : 0;
  std::vector<Eigen::Vector3d> pts;
  for (Eigen::Index v = 0; v < guide.vertices.rows(); ++v) pts.push_back(guide.vertices.row(v).cast<double>().transpose());
  // Lifted along the insertion direction, no point of the guide may meet bone.
  // Both within kTouchMm: a touch that deep is below what a CT's surface or a print can tell.
  for (const auto& p : pts)
    if (boneRays.firstHit(p + kTouchMm * insertion, insertion, kLiftMm) && s.undercutPoints++ == 0) s.problemMm = p;
  const auto inside = check::insideClosedMesh(bone, pts, "the bone", false);
  std::vector<Eigen::Vector3d> in;
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (inside[i]) in.push_back(pts[i]);
  const std::vector<double> depth = check::distancesToSurface(bone, in);
  for (std::size_t i = 0; i < in.size(); ++i)
    if (depth[i] > kTouchMm && s.penetratingPoints++ == 0 && s.undercutPoints == 0) s.problemMm = in[i];
  return s;
}

namespace detail {
double spreadOf(const std::vector<Eigen::Vector3d>& normals) { return normalSpreadDeg(normals); }
}  // namespace detail

}  // namespace tantalus::guides
