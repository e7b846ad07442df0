// The phantom's anatomy (phantom_anatomy.h). Shapes are analytic so every answer a
// test needs is exact, or integrated on a grid finer than any CT.
#include "phantom_anatomy.h"

#include <algorithm>
#include <cmath>

namespace tantalus::io::detail {

using Eigen::Vector3d;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double deg(double d) { return d * kPi / 180.0; }

constexpr double kSocketR = 26, kBoneAroundSocketR = 38, kHeadR = 24, kCortical = 2.5;
constexpr double kCupOuter = 27, kCupInner = 24, kMetalHeadR = 14;
constexpr double kStemNeckR = 6, kStemShaftR = 7, kStemLength = 110;  // a stem's neck from the head's centre, its shaft
constexpr int kCortHu = 1200, kCancHu = 300, kSoftHu = 40, kDefectHu = 30, kLinerHu = -80, kMarrowHu = 60;
constexpr int kTableHu = 300, kRailHu = 1400;
constexpr double kBeadR = 2.0;
// Landmarks: the anterior superior iliac spine and the pubic tubercle are spheres whose
// most anterior points lie on the anterior pelvic plane y = kAppY.
constexpr double kAppY = -35, kAsisR = 18, kTubercleR = 10;
const Vector3d kAsis(89, kAppY + kAsisR, 84), kTubercle(22, kAppY + kTubercleR, -30);

// Opening axis of an acetabular cup from radiographic inclination and anteversion
// (Murray 1993) for side s (+1 left, −1 right): lateral, inferior (−S), anterior (−P).
Vector3d cupAxis(int s, double riDeg, double raDeg) {
  const double ri = deg(riDeg), ra = deg(raDeg);
  return Vector3d(s * std::sin(ri) * std::cos(ra), -std::sin(ra), -std::cos(ri) * std::cos(ra)).normalized();
}

double segDist(const Vector3d& p, const Vector3d& a, const Vector3d& b) {
  const Vector3d ab = b - a;
  const double t = std::clamp((p - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0);
  return (p - (a + t * ab)).norm();
}

bool inEllipsoid(const Vector3d& p, const Vector3d& c, const Vector3d& semi, double shrink = 0) {
  const Vector3d q = (p - c).cwiseQuotient(semi - Vector3d::Constant(shrink));
  return q.squaredNorm() <= 1.0;
}

Vector3d onSide(const Vector3d& v, int s) { return Vector3d(s * v.x(), v.y(), v.z()); }
int sign(int side) { return side == 0 ? -1 : 1; }
Vector3d neckDir(int side) { return Vector3d(sign(side) * std::cos(deg(40)), 0, -std::sin(deg(40))); }

Eigen::Matrix3d rotationXyz(const Vector3d& d) {
  using Eigen::AngleAxisd;
  return (AngleAxisd(deg(d.z()), Vector3d::UnitZ()) * AngleAxisd(deg(d.y()), Vector3d::UnitY()) *
          AngleAxisd(deg(d.x()), Vector3d::UnitX()))
      .toRotationMatrix();
}

}  // namespace

PhantomAnatomy::PhantomAnatomy(const PhantomOptions& o) : o_(o) {
  rotation_ = rotationXyz(o.poseDeg);
  Eigen::Matrix3d mirror = Eigen::Matrix3d::Identity();
  if (o.swapSides) mirror(0, 0) = -1;
  linear_ = rotation_ * mirror;
  shift_ = o.poseShiftMm;
  cor_[0] = Vector3d(-95, 10, 0);
  cor_[1] = Vector3d(95, 10, 0);
  nativeAxis_[0] = cupAxis(-1, 45, 20);
  nativeAxis_[1] = cupAxis(+1, 45, 20);
  cups_.push_back({Vector3d(99, 12, 10), cupAxis(+1, 50, 15)});  // migrated superior-laterally
  if (o.bilateral) {
    replaced_[0] = true;
    cups_.push_back({cor_[0], cupAxis(-1, 42, 18)});
  }
  defectCentre_ = Vector3d(91, 12, 36);
  defectSemi_ = Vector3d(14, 12, 16);
  streakCentreScanner_ = toScanner(cups_[0].centre);
  if (o.beads) {
    const double angles[6] = {30, 75, 110, 150, 250, 290}, z[6] = {-60, 40, 80, 0, 20, -20};
    for (int b = 0; b < 6; ++b)
      beads_.push_back(Vector3d((175 - 1) * std::cos(deg(angles[b])), (125 - 1) * std::sin(deg(angles[b])), z[b]));
  }
}

// One hemipelvis, shrunk by t (for the cortical shell): ilium, ischium, a bony ball
// around the socket, the ASIS and the pubic ramus with its tubercle, minus the socket
// and the ball's open (lateral) half.
bool PhantomAnatomy::pelvis(const Vector3d& q, int side, double t) const {
  const int s = sign(side);
  const Vector3d d = q - cor_[side];
  const double r = d.norm();
  const bool parts = inEllipsoid(q, Vector3d(s * 80, 15, 45), Vector3d(30, 40, 75), t) ||
                     inEllipsoid(q, Vector3d(s * 70, 20, -40), Vector3d(25, 35, 35), t) ||
                     r <= kBoneAroundSocketR - t || (q - onSide(kAsis, s)).norm() <= kAsisR - t ||
                     segDist(q, Vector3d(s * 70, 15, -30), Vector3d(s * 22, -20, -30)) <= 10 - t ||
                     (q - onSide(kTubercle, s)).norm() <= kTubercleR - t;
  if (!parts) return false;
  if (r < kSocketR + t) return false;
  if (r < kBoneAroundSocketR + t && d.dot(nativeAxis_[side]) > -t) return false;
  return true;
}

// The sacrum, joining the iliac wings posteriorly.
bool PhantomAnatomy::sacrum(const Vector3d& q, double t) const {
  return inEllipsoid(q, Vector3d(0, 40, 40), Vector3d(62, 22, 45), t);
}

// Femur: head (on a native hip), neck and shaft; 0 none, 1 bone, 2 marrow.
int PhantomAnatomy::femur(const Vector3d& q, int side, double t) const {
  const Vector3d n = neckDir(side);
  const Vector3d neckEnd = cor_[side] + 55 * n;
  const Cup* cup = nullptr;
  for (const Cup& c : cups_)
    if ((c.centre.x() > 0) == (side == 1)) cup = &c;
  const Vector3d neckStart = replaced_[side] && cup ? Vector3d(cup->centre + 22 * n) : cor_[side];
  const Vector3d shaftEnd = neckEnd - Vector3d(0, 0, 250);
  const double ds = segDist(q, neckEnd, shaftEnd);
  if ((!replaced_[side] && (q - cor_[side]).norm() <= kHeadR - t) || segDist(q, neckStart, neckEnd) <= 15 - t ||
      ds <= 14 - t)
    return ds <= 9 ? 2 : 1;
  return 0;
}

bool PhantomAnatomy::stem(const Vector3d& q) const {
  const Vector3d head = cups_[0].centre, neckEnd = cor_[1] + 55 * neckDir(1);
  return segDist(q, head, neckEnd) <= kStemNeckR || segDist(q, neckEnd, neckEnd - Vector3d(0, 0, kStemLength)) <= kStemShaftR;
}

double PhantomAnatomy::stemVolumeMm3() const {
  if (!o_.stem) return 0;
  const Vector3d head = cups_[0].centre, neckEnd = cor_[1] + 55 * neckDir(1), foot = neckEnd - Vector3d(0, 0, kStemLength);
  const Vector3d lo = head.cwiseMin(neckEnd).cwiseMin(foot) - Vector3d::Constant(kStemShaftR + 1);
  const Vector3d hi = head.cwiseMax(neckEnd).cwiseMax(foot) + Vector3d::Constant(kStemShaftR + 1);
  const double h = 0.25;
  double n = 0;
  for (double z = lo.z() + h / 2; z < hi.z(); z += h)
    for (double y = lo.y() + h / 2; y < hi.y(); y += h)
      for (double x = lo.x() + h / 2; x < hi.x(); x += h) {
        const Vector3d q(x, y, z);
        n += stem(q) && (q - head).norm() > kMetalHeadR;
      }
  return n * h * h * h;
}

bool PhantomAnatomy::defect(const Vector3d& q) const {
  return inEllipsoid(q, defectCentre_, defectSemi_) && pelvis(q, 1, 0) && (q - cups_[0].centre).norm() > kCupOuter;
}

bool PhantomAnatomy::boneLost(const Vector3d& q) const {
  return pelvis(q, 1, 0) && ((q - cups_[0].centre).norm() <= kCupOuter || inEllipsoid(q, defectCentre_, defectSemi_));
}

void PhantomAnatomy::boneLostBox(Vector3d& lo, Vector3d& hi) const {
  lo = (cups_[0].centre - Vector3d::Constant(kCupOuter)).cwiseMin(defectCentre_ - defectSemi_);
  hi = (cups_[0].centre + Vector3d::Constant(kCupOuter)).cwiseMax(defectCentre_ + defectSemi_);
}

// Outside the body: air, or the table (a 300 HU top 10 mm under the body, 1400 HU rails).
double PhantomAnatomy::outsideBodyHu(const Vector3d& p) const {
  if (!o_.table) return -1000;
  if (std::abs(p.x()) <= 190 && p.y() >= 135 && p.y() <= 145) return kTableHu;
  if (std::abs(std::abs(p.x()) - 150) <= 6 && p.y() > 145 && p.y() <= 158) return kRailHu;
  return -1000;
}

bool PhantomAnatomy::bead(const Vector3d& p) const {
  for (const Vector3d& b : beads_)
    if ((p - b).squaredNorm() <= kBeadR * kBeadR) return true;
  return false;
}

// 0..1: how deep a dark streak is at p. Bands radiate in the axial plane from the cup
// centre (12 of them, 5 mm wide at the outer rim, narrower inwards), full depth up to
// the rim, then fading over 40 mm; only through the cup's slab.
double PhantomAnatomy::streakDepth(const Vector3d& p) const {
  const Vector3d d = p - streakCentreScanner_;
  if (std::abs(d.z()) > kCupOuter) return 0.0;
  const double r = std::hypot(d.x(), d.y());
  const double band = 2 * kPi / 12;
  const double theta = std::atan2(d.y(), d.x()) + kPi;
  const double off = std::abs(theta - band * std::round(theta / band));  // radians from the band's centre line
  if (off * kCupOuter > 2.5) return 0.0;
  return r <= kCupOuter ? 1.0 : std::exp(-(r - kCupOuter) / 40.0);
}

double PhantomAnatomy::hu(const Vector3d& p) const {
  if (bead(p)) return o_.metalHu;
  if ((p.x() / 175) * (p.x() / 175) + (p.y() / 125) * (p.y() / 125) > 1.0) return outsideBodyHu(p);
  const Vector3d q = toPhantom(p);
  double hu = kSoftHu;
  if (sacrum(q, 0)) hu = sacrum(q, kCortical) ? kCancHu : kCortHu;
  for (int side = 0; side < 2; ++side) {
    if (std::abs(q.x() - cor_[side].x()) > 90) continue;  // far from this hip
    if (pelvis(q, side, 0)) hu = pelvis(q, side, kCortical) ? kCancHu : kCortHu;
    if (int f = femur(q, side, 0)) hu = f == 2 ? kMarrowHu : (femur(q, side, 2) ? kCancHu : kCortHu);
  }
  for (std::size_t c = 0; c < cups_.size(); ++c) {
    const Vector3d d = q - cups_[c].centre;
    const double r = d.norm();
    if (r > kCupOuter) continue;
    hu = kSoftHu;
    if (r < kCupInner && r > kMetalHeadR && d.dot(cups_[c].axis) <= 0) hu = kLinerHu;
    if (r <= kMetalHeadR || (r >= kCupInner && d.dot(cups_[c].axis) <= 0)) hu = o_.metalHu;
  }
  if (o_.stem && stem(q)) hu = o_.metalHu;
  if (defect(q)) hu = kDefectHu;  // outside every cup's outer sphere
  if (o_.streakHu > 0) hu = std::max(-1024.0, hu - o_.streakHu * streakDepth(p));
  return hu;
}

PhantomTruth PhantomAnatomy::truthWithoutDefectVolume() const {
  PhantomTruth t;
  t.revisedSide = o_.swapSides ? "right" : "left";
  // The anatomy is symmetric about x = 0, so each side's native COR and landmarks are
  // the rotated (not mirrored) phantom-frame points of that side.
  t.corRightMm = rotation_ * cor_[0] + shift_;
  t.corLeftNativeMm = rotation_ * cor_[1] + shift_;
  for (int side = 0; side < 2; ++side) {
    t.asisMm[side] = rotation_ * onSide(kAsis - Vector3d(0, kAsisR, 0), sign(side)) + shift_;
    t.pubicTubercleMm[side] = rotation_ * onSide(kTubercle - Vector3d(0, kTubercleR, 0), sign(side)) + shift_;
  }
  t.pelvicFrame = rotation_;
  t.symmetryPointMm = shift_;
  t.cupCentreMm = toScanner(cups_[0].centre);
  t.cupAxis = linear_ * cups_[0].axis;
  t.cupInclinationDeg = 50;
  t.cupAnteversionDeg = 15;
  for (std::size_t c = 1; c < cups_.size(); ++c) t.otherCupCentresMm.push_back(toScanner(cups_[c].centre));
  t.cupOuterRadiusMm = kCupOuter;
  t.cupInnerRadiusMm = kCupInner;
  t.headRadiusMm = kMetalHeadR;
  t.nativeHeadRadiusMm = kHeadR;
  t.nativeSocketRadiusMm = kSocketR;
  t.metalVolumeMm3 = 2.0 / 3.0 * kPi * (std::pow(kCupOuter, 3) - std::pow(kCupInner, 3)) +
                     4.0 / 3.0 * kPi * std::pow(kMetalHeadR, 3);
  t.stemVolumeMm3 = stemVolumeMm3();
  t.defectCentreMm = toScanner(defectCentre_);
  t.defectSemiAxesMm = defectSemi_;
  t.metalHu = o_.metalHu;
  return t;
}

}  // namespace tantalus::io::detail
