#include "tantalus/lattice/strut_network.h"

#include <algorithm>
#include <cmath>

#include "tantalus/core/error.h"

namespace tantalus::lattice {

// Lattice points are kept on an integer grid of step a/4 ("units"):
//  tetrahedral nodes: all three coordinates odd;
//  octahedral nodes:  all even with (x+y+z)/2 odd;
//  FCC sites:         all even with (x+y+z)/2 even;
//  rhombic face centres: exactly two coordinates odd.
namespace {
bool isOctahedral(long x, long y, long z) {
  if ((x & 1) || (y & 1) || (z & 1)) return false;
  return (((x + y + z) / 2) & 1) != 0;
}
std::int64_t nodeKey(long x, long y, long z) {
  const auto enc = [](long v) { return std::int64_t(v + (1 << 20)) & ((1 << 21) - 1); };
  return (enc(x) << 42) | (enc(y) << 21) | enc(z);
}
// Lattice-unit bounds of a world box.
void latticeBounds(const LatticeFrame& f, const Eigen::AlignedBox3d& box, long lo[3], long hi[3]) {
  const double unit = f.cell.cellMm / 4.0;
  Eigen::AlignedBox3d q;
  for (int c = 0; c < 8; ++c) {
    const Eigen::Vector3d corner = box.corner(Eigen::AlignedBox3d::CornerType(c));
    q.extend(f.rotation.transpose() * (corner - f.origin) / unit);
  }
  for (int i = 0; i < 3; ++i) {
    lo[i] = long(std::floor(q.min()[i])) - 1;
    hi[i] = long(std::ceil(q.max()[i])) + 1;
  }
}
}  // namespace

double Grading::distanceMm(const Eigen::Vector3d& p) const {
  if (surface == Surface::Plane) return std::abs(normal.normalized().dot(p - point));
  return std::abs((p - point).norm() - radiusMm);
}

double Grading::porosityAt(const Eigen::Vector3d& p) const {
  const double t = rampMm > 0 ? std::clamp(distanceMm(p) / rampMm, 0.0, 1.0) : 1.0;
  return porosityAtSurface + (porosityFar - porosityAtSurface) * t;
}

double LatticeFrame::strutDiameterAt(const Eigen::Vector3d& mid) const {
  if (!grading) return cell.strutMm;
  return ratioForSolidFraction(1.0 - grading->porosityAt(mid)) * cell.cellMm;
}

double LatticeFrame::maxStrutDiameter() const {
  if (!grading) return cell.strutMm;
  const double phi = std::min(grading->porosityAtSurface, grading->porosityFar);
  return ratioForSolidFraction(1.0 - phi) * cell.cellMm;
}

Eigen::Matrix3d orientationForBuildDirection(const Eigen::Vector3d& dir) {
  if (!(dir.norm() > 0)) throw Error("build direction must be a non-zero vector", "orientation");
  return Eigen::Quaterniond::FromTwoVectors(Eigen::Vector3d::UnitZ(), dir.normalized()).toRotationMatrix();
}

Eigen::Matrix3d orientationFromEulerDeg(const Eigen::Vector3d& deg) {
  const Eigen::Vector3d r = deg * M_PI / 180.0;
  return (Eigen::AngleAxisd(r.z(), Eigen::Vector3d::UnitZ()) * Eigen::AngleAxisd(r.y(), Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(r.x(), Eigen::Vector3d::UnitX()))
      .toRotationMatrix();
}

double segmentDistance(const Eigen::Vector3d& p, const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
  const Eigen::Vector3d ab = b - a, ap = p - a;
  const double t = std::clamp(ab.dot(ap) / ab.squaredNorm(), 0.0, 1.0);
  return (ap - t * ab).norm();
}

void forEachStrut(const LatticeFrame& f, const Eigen::AlignedBox3d& box, double marginMm,
                  const std::function<void(const Strut&)>& visit) {
  if (!(f.cell.cellMm > 0) || !(f.cell.strutMm > 0)) throw Error("lattice cell not solved", "lattice");
  long lo[3], hi[3];
  latticeBounds(f, box, lo, hi);
  const double unit = f.cell.cellMm / 4.0;
  const double reach = f.maxStrutDiameter() / 2 + marginMm;
  const Eigen::AlignedBox3d grown(box.min().array() - reach, box.max().array() + reach);
  auto world = [&](long x, long y, long z) {
    return Eigen::Vector3d(f.origin + f.rotation * (unit * Eigen::Vector3d(double(x), double(y), double(z))));
  };
  for (long x = lo[0] | 1; x <= hi[0]; x += 2)
    for (long y = lo[1] | 1; y <= hi[1]; y += 2)
      for (long z = lo[2] | 1; z <= hi[2]; z += 2) {
        const Eigen::Vector3d t = world(x, y, z);
        for (int s = 0; s < 8; ++s) {
          const long ox = x + ((s & 1) ? 1 : -1), oy = y + ((s & 2) ? 1 : -1), oz = z + ((s & 4) ? 1 : -1);
          if (!isOctahedral(ox, oy, oz)) continue;
          Strut st;
          st.a = t;
          st.b = world(ox, oy, oz);
          Eigen::AlignedBox3d sb(st.a);
          sb.extend(st.b);
          if (!sb.intersects(grown)) continue;
          st.radiusMm = f.strutDiameterAt(0.5 * (st.a + st.b)) / 2;
          st.nodeA = nodeKey(x, y, z);
          st.nodeB = nodeKey(ox, oy, oz);
          visit(st);
        }
      }
}

std::vector<Strut> strutsInBox(const LatticeFrame& f, const Eigen::AlignedBox3d& box, double marginMm) {
  std::vector<Strut> out;
  forEachStrut(f, box, marginMm, [&](const Strut& s) { out.push_back(s); });
  return out;
}

std::vector<Window> windowsInBox(const LatticeFrame& f, const Eigen::AlignedBox3d& box) {
  long lo[3], hi[3];
  latticeBounds(f, box, lo, hi);
  const double unit = f.cell.cellMm / 4.0;
  std::vector<Window> out;
  for (long x = lo[0]; x <= hi[0]; ++x)
    for (long y = lo[1]; y <= hi[1]; ++y)
      for (long z = lo[2]; z <= hi[2]; ++z) {
        const long c[3] = {x, y, z};
        int odd = 0, even = -1;
        for (int i = 0; i < 3; ++i) {
          if (c[i] & 1) ++odd;
          else even = i;
        }
        if (odd != 2) continue;
        const int i1 = (even + 1) % 3, i2 = (even + 2) % 3;
        // The FCC pair through this centre lies along e_i1 + e_i2 or e_i1 - e_i2.
        long p[3] = {x, y, z};
        p[i1] += 1;
        p[i2] += 1;
        Eigen::Vector3d n = Eigen::Vector3d::Zero();
        n[i1] = 1;
        n[i2] = ((((p[0] + p[1] + p[2]) / 2) & 1) == 0) ? 1 : -1;
        Window w;
        w.centre = f.origin + f.rotation * (unit * Eigen::Vector3d(double(x), double(y), double(z)));
        w.normal = (f.rotation * n).normalized();
        if (box.contains(w.centre)) out.push_back(w);
      }
  return out;
}

}  // namespace tantalus::lattice
