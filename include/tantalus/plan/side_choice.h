#pragma once
// Which hip is being revised. `auto` takes the side of the metal at the hip joint: a
// cup shell, else a femoral head prosthesis, else other metal (fixation hardware: a
// conversion to a hip replacement) when it is all on one side. Metal on both sides
// (bilateral replacements) or none (tumour, dysplasia) is an Error asking for --side.
#include <Eigen/Core>
#include <string>

#include "tantalus/plan/old_implant.h"

namespace tantalus::plan {

struct SideChoice {
  Side side = Side::left;
  std::string reason;  // "left — a cup shell (54.1 mm) at the left hip joint"
};

// `requested`: "auto", "left" or "right". Left and right are judged against the
// body's centre (the bone's centroid), not the scanner's, so an off-centre patient
// is not misread.
SideChoice chooseSide(const OldImplant& implant, const Eigen::Vector3d& bodyCentreLps, const std::string& requested);

}  // namespace tantalus::plan
