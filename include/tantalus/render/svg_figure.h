#pragma once
// A report figure: a rendered picture with vector marks over it (outlines, markers,
// labels) placed through its view, a scale bar in millimetres and the patient's
// directions (R/L, A/P, S/I) on its edges, written as an inline SVG holding the
// picture as a base64 PNG. Self-contained: a report is one file.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "tantalus/render/image.h"
#include "tantalus/render/ortho_view.h"

namespace tantalus::render {

struct Figure {
  std::string id, title, caption;  // the caption gives every figure's unit
  RgbImage image;
  OrthoView view;
  std::string overlay;  // SVG elements in the picture's pixel coordinates

  void polyline(const std::vector<Eigen::Vector3d>& points, const std::string& colour, bool dashed = false);
  void marker(const Eigen::Vector3d& p, const std::string& colour, const std::string& label);
  void label(const Eigen::Vector3d& p, const std::string& colour, const std::string& text);  // beside the point
  // The section of a sphere by the picture plane; with a unit `axis`, only the half
  // away from its opening ((p − centre)·axis ≤ 0), as a cup's shell; with a zero axis,
  // the whole circle. Nothing when the plane misses it.
  void sphereSection(const Eigen::Vector3d& centre, double radiusMm, const Eigen::Vector3d& axis, const std::string& colour,
                     bool dashed = false);
};

// Arcs of the sphere's section (each a list of LPS points on the plane), the pieces
// of the circle kept by the half-space test above; exposed for tests.
std::vector<std::vector<Eigen::Vector3d>> sphereSectionArcs(const OrthoView& view, const Eigen::Vector3d& centre,
                                                            double radiusMm, const Eigen::Vector3d& axis);

// "L", "R", "P", "A", "S" or "I": the patient direction closest to an LPS vector.
std::string directionLetter(const Eigen::Vector3d& lps);
double scaleBarMm(const OrthoView& view);  // a round length, at most a quarter of the width
std::string figureSvg(const Figure& figure);
std::string base64(const std::string& bytes);
std::string xmlEscape(const std::string& text);

}  // namespace tantalus::render
