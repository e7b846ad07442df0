#pragma once
// What the design step measures on its own output, independently of how it was built:
// both bodies checked as parts, the machined body inside the print body, the seat's
// diameter and centre fitted on the machined body, the augment's contact with the host
// bone measured from the bone's own surface, the screws in bone.
#include "tantalus/check/mesh_check.h"
#include "tantalus/design/implant_design.h"

namespace tantalus::design {

struct SeatMeasurement {
  double diameterMm = 0, rmsMm = 0;
  double centreOffsetMm = 0;       // fitted seat centre from the planned centre of rotation
  std::size_t points = 0;
};
// Sphere fit to the machined body's seat (inward faces below the lock).
SeatMeasurement measureSeat(const ImplantDesign& d);

struct ContactMeasurement {
  std::size_t samples = 0;         // host-bone surface points facing the augment's defect
  double within05Fraction = 0;     // of them, within 0.5 mm of the print body's surface
  double medianMm = 0, p90Mm = 0;
};
// Intended contact: the host bone's surface faces that look into the filled defect
// (outside the cup's sphere, within the reach and the envelope when there is one, on the
// dome side of the rim).
ContactMeasurement measureContact(const ImplantDesign& d, const Mask& defect, const Mesh& boneMesh, double reachMm,
                                  const Mesh* envelope = nullptr);

struct DesignVerification {
  check::MeshCheck print, machined;
  check::Containment machinedInPrint;
  SeatMeasurement seat;
  ContactMeasurement contact;
};
DesignVerification verifyDesign(const ImplantDesign& d, const Mask& defect, const Mesh& boneMesh, double reachMm,
                                const Mesh* envelope, const std::string& machine, const Progress& progress = Progress::none());

// design.json: the design, its measurements and its warnings.
// With a porous layer, the figures of the two united bodies written (united_body.h).
struct UnitedBodyFigures;
std::string designReportJson(const ImplantDesign& d, const DesignVerification& v, const DesignParams& p,
                             const UnitedBodyFigures* print = nullptr, const UnitedBodyFigures* machined = nullptr);
// screws.json: every designed screw hole (LPS mm).
std::string screwsJson(const ImplantDesign& d);

}  // namespace tantalus::design
