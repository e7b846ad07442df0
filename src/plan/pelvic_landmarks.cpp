#include "tantalus/plan/pelvic_landmarks.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "figure_text.h"
#include "tantalus/core/error.h"

namespace tantalus::plan {

namespace {

struct P2 {
  double a, s;  // anterior, superior (mm)
};
double cross(const P2& o, const P2& a, const P2& b) { return (a.a - o.a) * (b.s - o.s) - (a.s - o.s) * (b.a - o.a); }

// The convex hull (Andrew's monotone chain), counter-clockwise.
std::vector<P2> hull(std::vector<P2> p) {
  std::sort(p.begin(), p.end(), [](const P2& x, const P2& y) { return x.a < y.a || (x.a == y.a && x.s < y.s); });
  std::vector<P2> h(2 * p.size());
  std::size_t k = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  for (std::size_t i = p.size() - 1, t = k + 1; i-- > 0;) {
    while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) --k;
    h[k++] = p[i];
  }
  h.resize(k > 1 ? k - 1 : k);
  return h;
}

// The end of the scan (first or last 3 slices) a point is at, if any.
bool atScanEnd(const Eigen::Vector3d& p, const VolumeGeometry& g) {
  const double k = g.lpsToIndex(p).z();
  return k < 3 || k > g.size[2] - 4;
}

}  // namespace

ProvisionalAxes provisionalAxes(const SymmetryPlane& sym) {
  ProvisionalAxes a;
  a.left = sym.normal;
  a.posterior = (Eigen::Vector3d::UnitY() - Eigen::Vector3d::UnitY().dot(a.left) * a.left).normalized();
  a.superior = a.left.cross(a.posterior);
  return a;
}

PelvicLandmarks findLandmarks(const std::vector<Eigen::Vector3d>& pelvis, const SymmetryPlane& sym, double level,
                              const VolumeGeometry& grid, std::vector<std::string>& warnings) {
  const ProvisionalAxes ax = provisionalAxes(sym);
  std::vector<P2> pts;
  pts.reserve(pelvis.size());
  for (const auto& p : pelvis) pts.push_back({-p.dot(ax.posterior), p.dot(ax.superior)});
  if (pts.size() < 100) throw Error("too little pelvis to find its landmarks", "plan", "check the bone segmentation");
  // The anterior hull edge crossing the hip centres' level: its ends are the
  // contacts above (the spines) and below (the tubercles).
  const std::vector<P2> h = hull(pts);
  std::optional<std::pair<P2, P2>> edge;
  for (std::size_t i = 0; i < h.size(); ++i) {
    const P2& u = h[i];
    const P2& w = h[(i + 1) % h.size()];
    // Counter-clockwise in (a, s): the anterior side (largest a) runs upwards.
    if (u.s <= level && w.s > level && (!edge || (u.a + w.a) > (edge->first.a + edge->second.a))) edge = std::make_pair(u, w);
  }
  if (!edge) throw Error("no anterior outline of the pelvis crosses the hip centres' level", "plan", "check the bone segmentation");
  const P2 lower = edge->first, upper = edge->second;
  // The APP's anterior unit normal: perpendicular to the edge, pointing to larger a.
  const Eigen::Vector2d dir = Eigen::Vector2d(upper.a - lower.a, upper.s - lower.s).normalized();
  Eigen::Vector2d n2(dir.y(), -dir.x());
  if (n2.x() < 0) n2 = -n2;
  const Eigen::Vector3d anterior = (-n2.x() * ax.posterior + n2.y() * ax.superior).normalized();
  const double mid = (upper.s + lower.s) / 2;
  PelvicLandmarks l;
  for (int side = 0; side < 2; ++side)
    for (int region = 0; region < 2; ++region) {  // 0 the spines (above), 1 the tubercles (below)
      const char* name = region == 0 ? "anterior superior iliac spine" : "pubic tubercle";
      auto inRegion = [&](const Eigen::Vector3d& p) {
        const bool onSide = (sym.signedDistance(p) > 0) == (side == 1);
        const double s = p.dot(ax.superior);
        return onSide && (region == 0 ? s > mid : s < mid);
      };
      double best = -1e300;
      Eigen::Vector3d touching = Eigen::Vector3d::Zero();  // the bone touching the plane
      for (const auto& p : pelvis)
        if (inRegion(p) && p.dot(anterior) > best) best = p.dot(anterior), touching = p;
      if (best == -1e300)
        throw Error(std::string("no bone where the ") + name + " should be on the " + (side == 0 ? "right" : "left"),
                    "plan: landmarks", "enter plan.landmarks in the case file");
      Eigen::Vector3d sum = Eigen::Vector3d::Zero();
      std::size_t count = 0;
      for (const auto& p : pelvis)
        if (inRegion(p) && p.dot(anterior) >= best - 1.5) sum += p, ++count;
      Eigen::Vector3d c = sum / double(count);
      c += (best - c.dot(anterior)) * anterior;  // onto the cap's tangent plane
      if (atScanEnd(touching, grid))
        throw Error(std::string("the scan ends at the ") + (side == 0 ? "right " : "left ") + name + ", " +
                        figureText(std::abs(c.dot(ax.superior) - level)) + " mm " + (region == 0 ? "above" : "below") +
                        " the hip centres: it is cut off, and the anterior pelvic plane cannot be found",
                    "plan: landmarks",
                    std::string(region == 0 ? "rescan to include the iliac crests" : "rescan to include the pubic symphysis") +
                        ", or enter plan.landmarks in the case file");
      (region == 0 ? l.asis : l.pubicTubercle)[side] = c;
    }
  checkLandmarks(l, sym, level);
  const bool topIsHighK = grid.direction.col(2).dot(ax.superior) > 0;
  for (const auto& p : pelvis) {
    const double k = grid.lpsToIndex(p).z();
    if (topIsHighK ? k > grid.size[2] - 3 : k < 2) {
      warnings.push_back("the pelvis reaches the scan's top slice: the iliac crests are cut off (the spines, " +
                         figureText(std::min(l.asis[0].dot(ax.superior), l.asis[1].dot(ax.superior)) - level) +
                         " mm above the hip centres, are in the scan)");
      break;
    }
  }
  return l;
}

void checkLandmarks(const PelvicLandmarks& l, const SymmetryPlane& sym, double level) {
  const Eigen::Vector3d superior = provisionalAxes(sym).superior;
  std::string wrong;
  for (int side = 0; side < 2 && wrong.empty(); ++side) {
    const std::string name = side ? "left" : "right";
    const double asisUp = l.asis[side].dot(superior) - level, tubercleDown = level - l.pubicTubercle[side].dot(superior);
    if ((sym.signedDistance(l.asis[side]) > 0) != (side == 1) || (sym.signedDistance(l.pubicTubercle[side]) > 0) != (side == 1))
      wrong = "the " + name + " landmarks lie on the " + (side ? "right" : "left") + " of the symmetry plane (left and right swapped?)";
    else if (asisUp < 30)
      wrong = "the " + name + " spine is " + figureText(asisUp) + " mm above the hip centres (a pelvis has it 40–100 mm above)";
    else if (tubercleDown < 10)
      wrong = "the " + name + " pubic tubercle is " + figureText(tubercleDown) + " mm below the hip centres (a pelvis has it 15–50 mm below)";
  }
  const double width = (l.asis[1] - l.asis[0]).norm();
  if (wrong.empty() && (width < 120 || width > 320))
    wrong = "the spines are " + figureText(width) + " mm apart (a pelvis has them 170–280 mm apart)";
  const Eigen::Vector3d pubis = 0.5 * (l.pubicTubercle[0] + l.pubicTubercle[1]);
  if (wrong.empty() && (l.asis[1] - l.asis[0]).normalized().cross(pubis - l.asis[0]).norm() < 30)
    wrong = "the pubic tubercles lie within 30 mm of the line through the spines";
  if (!wrong.empty())
    throw Error("the landmarks are not a pelvis's: " + wrong, "plan: landmarks",
                "check that the scan covers the whole pelvis, from the iliac crests to below the pubic symphysis, and "
                "that plan.landmarks (if entered) are right");
}

PelvicFrame pelvicFrame(const PelvicLandmarks& l) {
  PelvicFrame f;
  const Eigen::Vector3d left = (l.asis[1] - l.asis[0]).normalized();
  const Eigen::Vector3d pubis = 0.5 * (l.pubicTubercle[0] + l.pubicTubercle[1]);
  Eigen::Vector3d posterior = (l.asis[0] - pubis).cross(left);  // in-plane × left = ±normal
  posterior -= posterior.dot(left) * left;
  posterior.normalize();  // checkLandmarks has made sure left is left: this points to the back (+y in LPS)
  f.axes.col(0) = left;
  f.axes.col(1) = posterior;
  f.axes.col(2) = left.cross(posterior);
  f.origin = 0.5 * (l.asis[0] + l.asis[1]);
  return f;
}

}  // namespace tantalus::plan
