// The case file's guides section: osteotomy planes (a point and a normal, or three
// points on the bone), the lesion and its margin, and how the guides are made.
#include "case_guides.h"

#include <Eigen/Dense>
#include <cmath>

#include "tantalus/core/error.h"
#include "tantalus/core/number_text.h"

using nlohmann::json;

namespace tantalus {

namespace {

Eigen::Vector3d vec(const std::array<double, 3>& a) { return {a[0], a[1], a[2]}; }

// One plane: {"point": [x, y, z], "normal": [nx, ny, nz]} or {"points": [a, b, c]}, the
// three points counter-clockwise seen from the side that is removed.
// `r` reads the plane's own object (its file names the plane: "x.tantalus.json: guides.planes[1]").
GuidePlane readPlane(const JsonReader& r) {
  r.checkKeys("", {"point", "normal", "points"});
  GuidePlane p;
  if (const json* pts = r.at("points"); pts && !pts->is_null()) {
    if (r.at("point") || r.at("normal"))
      r.fail("points", "given with a point and a normal", "keep one of the two forms");
    if (!pts->is_array() || pts->size() != 3) r.fail("points", "expected three [x, y, z] points", "e.g. [[0,0,0],[10,0,0],[0,10,0]]");
    std::array<std::array<double, 3>, 3> q{};
    for (int i = 0; i < 3; ++i) {
      const json& e = (*pts)[std::size_t(i)];
      if (!e.is_array() || e.size() != 3 || !e[0].is_number() || !e[1].is_number() || !e[2].is_number())
        r.fail("points[" + std::to_string(i) + "]", "expected [x, y, z] in LPS mm, found " + e.dump(), "give three numbers");
      for (int k = 0; k < 3; ++k) q[i][k] = e[std::size_t(k)].get<double>();
    }
    const Eigen::Vector3d a = vec(q[0]), n = (vec(q[1]) - a).cross(vec(q[2]) - a);
    if (!(n.norm() > 1e-3 * (vec(q[1]) - a).norm() * (vec(q[2]) - a).norm()) || !(n.norm() > 1e-9))
      r.fail("points", "the three points lie on one line: they make no plane", "pick three points spread over the cut");
    const Eigen::Vector3d u = n.normalized();
    p.point = q[0];
    p.normal = {u.x(), u.y(), u.z()};
    return p;
  }
  for (const char* k : {"point", "normal"})
    if (const json* v = r.at(k); !v || v->is_null())
      r.fail(k, "missing", "give \"point\" and \"normal\" (LPS mm), or \"points\": three points on the cut");
  r.get("point", p.point);
  r.get("normal", p.normal);
  const double len = vec(p.normal).norm();
  if (!(len > 1e-9)) r.fail("normal", "is zero", "give the direction into the piece that is removed");
  for (double& x : p.normal) x /= len;
  return p;
}

}  // namespace

void validate(const GuideParams& p, const std::string& where) {
  auto within = [&](double v, double lo, double hi, const char* field, const char* example) {
    detail::checkWithin(v, lo, hi, where, field, example);
  };
  if (p.planes.size() > 8)
    throw Error("at most 8 osteotomy planes, not " + std::to_string(p.planes.size()), where + ".planes", "remove some");
  for (std::size_t i = 0; i < p.planes.size(); ++i)
    for (double x : p.planes[i].point)
      if (!(std::abs(x) <= 1e4))
        throw Error("a plane's point lies beyond 10 m", where + ".planes[" + std::to_string(i) + "]", "give LPS millimetres");
  within(p.marginMm, 0, 50, "margin_mm", "10 for a tumour, 0 without a lesion");
  within(p.thicknessMm, 1.5, 8, "thickness_mm", "3");
  within(p.clearanceMm, 0, 1, "clearance_mm", "0.2");
  within(p.patchRadiusMm, 5, 60, "patch_radius_mm", "25");
  within(p.bladeMm, 0.3, 3, "blade_mm", "1.27");
  within(p.slotClearanceMm, 0, 0.5, "slot_clearance_mm", "0.1");
  within(p.slotDepthMm, 4, 40, "slot_depth_mm", "12");
  within(p.slotLengthMm, 10, 80, "slot_length_mm", "30");
  within(p.slotOpenSides, 1, 3, "slot_open_sides", "1 (a closed window), 2 or 3");
  within(p.kwireMm, 1, 4, "kwire_mm", "2.0");
  within(p.kwireClearanceMm, 0, 0.5, "kwire_clearance_mm", "0.1");
  within(p.kwires, 0, 4, "kwires", "2");
  within(p.gridMm, 0.1, 1, "grid_mm", "0.25");
  if (p.lesionHu) {
    if (!p.lesion.empty())
      throw Error("gives both a lesion map and a lesion threshold", where + ".lesion_hu", "keep one: lesion (a label map) or lesion_hu with lesion_seed");
    if (!p.lesionSeed) throw Error("a lesion threshold needs its seed", where + ".lesion_seed", "give [x, y, z] (LPS mm) inside the lesion");
    if (!((*p.lesionHu)[0] <= (*p.lesionHu)[1]) || (*p.lesionHu)[0] < -1024 || (*p.lesionHu)[1] > 32767)
      throw Error("the lesion's HU range must run low to high within −1024 to 32767", where + ".lesion_hu", "e.g. [20, 80]");
  } else if (p.lesionSeed) {
    throw Error("a lesion seed without a threshold", where + ".lesion_seed", "add lesion_hu: [lo, hi], or remove the seed");
  }
  if (p.slotLengthMm > 2 * p.patchRadiusMm - 4)
    throw Error("the slot (" + fixedText(p.slotLengthMm, 1) + " mm) is longer than the patch it sits on allows (" +
                    fixedText(2 * p.patchRadiusMm - 4, 1) + " mm)",
                where + ".slot_length_mm", "shorten the slot or raise patch_radius_mm");
}

namespace detail {

void checkWithin(double v, double lo, double hi, const std::string& where, const char* field, const char* example) {
  if (!(v >= lo && v <= hi))
    throw Error(std::string(field) + " must be " + fixedText(lo, 2) + " to " + fixedText(hi, 2), where + "." + field,
                std::string("e.g. ") + example);
}

void readGuides(const JsonReader& r, GuideParams& g, const std::string& fileName) {
  r.checkKeys("guides", {"planes", "lesion", "margin_mm", "thickness_mm", "clearance_mm", "patch_radius_mm", "blade_mm",
                         "slot_clearance_mm", "slot_depth_mm", "slot_length_mm", "slot_open_sides", "kwire_mm",
                         "kwire_clearance_mm", "kwires", "grid_mm", "lesion_hu", "lesion_seed"});
  if (const json* planes = r.at("guides.planes"); planes && !planes->is_null()) {
    if (!planes->is_array()) r.fail("guides.planes", "expected a list of planes", "e.g. [{\"point\": [x, y, z], \"normal\": [nx, ny, nz]}]");
    // JsonReader walks objects by key: each element is read through a reader of its own.
    for (std::size_t i = 0; i < planes->size(); ++i) {
      const std::string at = "guides.planes[" + std::to_string(i) + "]";
      if (!(*planes)[i].is_object()) r.fail(at, std::string("expected an object, found ") + (*planes)[i].type_name(), "see docs/case-file.md");
      g.planes.push_back(readPlane(JsonReader((*planes)[i], fileName + ": " + at)));
    }
  }
  r.get("guides.lesion", g.lesion);
  if (const json* hu = r.at("guides.lesion_hu"); hu && !hu->is_null()) {
    const auto whole = [](const json& v) { return v.is_number_integer() && std::abs(v.get<long long>()) <= 100000; };
    if (!hu->is_array() || hu->size() != 2 || !whole((*hu)[0]) || !whole((*hu)[1]))
      r.fail("guides.lesion_hu", "expected [lo, hi] in whole HU, found " + hu->dump(), "e.g. [20, 80]");
    g.lesionHu = std::array<int, 2>{(*hu)[0].get<int>(), (*hu)[1].get<int>()};
  }
  r.get("guides.lesion_seed", g.lesionSeed);
  r.get("guides.margin_mm", g.marginMm);
  r.get("guides.thickness_mm", g.thicknessMm);
  r.get("guides.clearance_mm", g.clearanceMm);
  r.get("guides.patch_radius_mm", g.patchRadiusMm);
  r.get("guides.blade_mm", g.bladeMm);
  r.get("guides.slot_clearance_mm", g.slotClearanceMm);
  r.get("guides.slot_depth_mm", g.slotDepthMm);
  r.get("guides.slot_length_mm", g.slotLengthMm);
  r.get("guides.slot_open_sides", g.slotOpenSides);
  r.get("guides.kwire_mm", g.kwireMm);
  r.get("guides.kwire_clearance_mm", g.kwireClearanceMm);
  r.get("guides.kwires", g.kwires);
  r.get("guides.grid_mm", g.gridMm);
  validate(g, fileName + ": guides");
}

json guidesJson(const GuideParams& g) {
  json planes = json::array();
  for (const auto& p : g.planes) planes.push_back({{"point", p.point}, {"normal", p.normal}});
  return {{"planes", planes},
          {"lesion", g.lesion},
          {"lesion_hu", g.lesionHu ? json(*g.lesionHu) : json()},
          {"lesion_seed", g.lesionSeed ? json(*g.lesionSeed) : json()},
          {"margin_mm", g.marginMm},
          {"thickness_mm", g.thicknessMm},
          {"clearance_mm", g.clearanceMm},
          {"patch_radius_mm", g.patchRadiusMm},
          {"blade_mm", g.bladeMm},
          {"slot_clearance_mm", g.slotClearanceMm},
          {"slot_depth_mm", g.slotDepthMm},
          {"slot_length_mm", g.slotLengthMm},
          {"slot_open_sides", g.slotOpenSides},
          {"kwire_mm", g.kwireMm},
          {"kwire_clearance_mm", g.kwireClearanceMm},
          {"kwires", g.kwires},
          {"grid_mm", g.gridMm}};
}

}  // namespace detail
}  // namespace tantalus
