#include "tantalus/render/svg_figure.h"

#include <cmath>
#include <numbers>
#include <string>
#include <sstream>

namespace tantalus::render {

namespace {

std::string px(double v) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(1);
  s << v;
  return s.str();
}

std::string text(double x, double y, const std::string& anchor, const std::string& colour, const std::string& what) {
  return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + xmlEscape(colour) +
         "\" stroke=\"#000\" stroke-width=\"3\" paint-order=\"stroke\" font-family=\"sans-serif\" font-size=\"14\">" +
         xmlEscape(what) + "</text>\n";
}

}  // namespace

std::string xmlEscape(const std::string& t) {
  std::string out;
  for (const char c : t) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::string& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t b0 = std::uint8_t(bytes[i]), b1 = i + 1 < bytes.size() ? std::uint8_t(bytes[i + 1]) : 0,
                        b2 = i + 2 < bytes.size() ? std::uint8_t(bytes[i + 2]) : 0;
    const std::uint32_t v = b0 << 16 | b1 << 8 | b2;
    out += k[v >> 18 & 63];
    out += k[v >> 12 & 63];
    out += i + 1 < bytes.size() ? k[v >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? k[v & 63] : '=';
  }
  return out;
}

std::string directionLetter(const Eigen::Vector3d& v) {
  int a = 0;
  v.cwiseAbs().maxCoeff(&a);
  static const char* positive[] = {"L", "P", "S"};
  static const char* negative[] = {"R", "A", "I"};
  return v[a] >= 0 ? positive[a] : negative[a];
}

double scaleBarMm(const OrthoView& view) {
  const double widthMm = view.width * view.mmPerPixel;
  double best = 1;
  for (const double mm : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0})
    if (mm <= 0.25 * widthMm) best = mm;
  return best;
}

std::vector<std::vector<Eigen::Vector3d>> sphereSectionArcs(const OrthoView& view, const Eigen::Vector3d& centre,
                                                            double radiusMm, const Eigen::Vector3d& axis) {
  const double d = view.depth(centre);
  if (std::abs(d) >= radiusMm) return {};
  const Eigen::Vector3d c = centre - d * view.forward;
  const double rho = std::sqrt(radiusMm * radiusMm - d * d);
  const int n = 720;  // 0.5°: an arc ends within 0.25 mm of a 56 mm cup's rim
  std::vector<std::vector<Eigen::Vector3d>> arcs(1);
  int firstKept = -1;
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * std::numbers::pi * i / n;
    const Eigen::Vector3d p = c + rho * (std::cos(a) * view.right + std::sin(a) * view.up);
    // An axis along the view through the centre: the test is rounding noise; keep all.
    const double side = (p - centre).dot(axis);
    if (axis.squaredNorm() == 0 || side <= 1e-9 * radiusMm) {
      if (firstKept < 0) firstKept = i;
      arcs.back().push_back(p);
    } else if (!arcs.back().empty()) {
      arcs.emplace_back();
    }
  }
  if (arcs.back().empty()) arcs.pop_back();
  // An arc through angle 0 was cut in two at the seam: join its pieces.
  if (arcs.size() > 1 && firstKept == 0 && (arcs.back().back() - arcs.front().front()).norm() < 1e-9) {
    arcs.back().insert(arcs.back().end(), arcs.front().begin() + 1, arcs.front().end());
    arcs.erase(arcs.begin());
  }
  return arcs;
}

void Figure::polyline(const std::vector<Eigen::Vector3d>& points, const std::string& colour, bool dashed) {
  if (points.size() < 2) return;
  std::string pts;
  for (const auto& p : points) {
    const Eigen::Vector2d q = view.project(p);
    pts += px(q.x()) + "," + px(q.y()) + " ";
  }
  overlay += "<polyline fill=\"none\" stroke=\"" + xmlEscape(colour) + "\" stroke-width=\"2\"" +
             (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + pts + "\"/>\n";
}

void Figure::marker(const Eigen::Vector3d& p, const std::string& colour, const std::string& label) {
  const Eigen::Vector2d q = view.project(p);
  overlay += "<path stroke=\"" + xmlEscape(colour) + "\" stroke-width=\"2\" d=\"M" + px(q.x() - 6) + " " + px(q.y()) + "h12M" +
             px(q.x()) + " " + px(q.y() - 6) + "v12\"/>\n";
  if (!label.empty()) overlay += text(q.x() + 8, q.y() - 6, "start", colour, label);
}

void Figure::label(const Eigen::Vector3d& p, const std::string& colour, const std::string& what) {
  const Eigen::Vector2d q = view.project(p);
  overlay += text(q.x() + 5, q.y() + 5, "start", colour, what);
}

void Figure::sphereSection(const Eigen::Vector3d& centre, double radiusMm, const Eigen::Vector3d& axis,
                           const std::string& colour, bool dashed) {
  for (const auto& arc : sphereSectionArcs(view, centre, radiusMm, axis)) polyline(arc, colour, dashed);
}

std::string figureSvg(const Figure& f) {
  const int w = f.image.width, h = f.image.height;
  std::ostringstream s;
  s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << w << "\" height=\"" << h << "\" viewBox=\"0 0 " << w << " "
    << h << "\" role=\"img\" aria-label=\"" << xmlEscape(f.title) << "\">\n"
    << "<image width=\"" << w << "\" height=\"" << h << "\" href=\"data:image/png;base64," << base64(encodePng(f.image))
    << "\"/>\n"
    << f.overlay;
  const double bar = scaleBarMm(f.view), barPx = bar / f.view.mmPerPixel;
  s << "<path stroke=\"#fff\" stroke-width=\"3\" d=\"M12 " << px(h - 14.0) << "h" << px(barPx) << "\"/>\n"
    << text(12 + 0.5 * barPx, h - 22.0, "middle", "#fff", std::to_string(int(std::lround(bar))) + " mm");
  s << text(w - 6.0, 0.5 * h, "end", "#ffd27f", directionLetter(f.view.right))
    << text(6.0, 0.5 * h, "start", "#ffd27f", directionLetter(-f.view.right))
    << text(0.5 * w, 18.0, "middle", "#ffd27f", directionLetter(f.view.up))
    << text(0.5 * w, h - 4.0, "middle", "#ffd27f", directionLetter(-f.view.up)) << "</svg>\n";
  return s.str();
}

}  // namespace tantalus::render
