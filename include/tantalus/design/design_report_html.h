#pragma once
// design.html: the designed implant's pictures (on the bone from the front and the side,
// a section through the seat, the seat with its screws) and tables, self-contained.
#include <string>
#include <vector>

#include "tantalus/core/volume.h"
#include "tantalus/design/design_verification.h"
#include "tantalus/render/svg_figure.h"

namespace tantalus::design {

std::vector<render::Figure> designFigures(const CtVolume& ct, const plan::HipPlan& plan, const ImplantDesign& d,
                                          const Progress& progress = Progress::none());
std::string designReportHtml(const ImplantDesign& d, const DesignVerification& v, const DesignParams& p,
                             const std::vector<render::Figure>& figures);

// The segments where a plane cuts a mesh's faces (for section outlines).
std::vector<std::pair<Eigen::Vector3d, Eigen::Vector3d>> planeSection(const Mesh& m, const Eigen::Vector3d& point,
                                                                      const Eigen::Vector3d& normal);

}  // namespace tantalus::design
