#include "tantalus/core/case_file.h"

#include "case_guides.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tantalus/core/error.h"
#include "tantalus/core/json_reader.h"
#include "tantalus/core/json_text.h"
#include "tantalus/core/number_text.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/resources.h"

using nlohmann::json;

namespace tantalus {

namespace {

const char* typeName(const json& j) { return j.type_name(); }

using Reader = JsonReader;

// `choices`: [{"step", "what", "value", "reason"}, …], every field a string.
std::vector<CaseChoice> readChoices(const Reader& r) {
  std::vector<CaseChoice> out;
  const json* a = r.at("choices");
  if (!a || a->is_null()) return out;
  if (!a->is_array()) r.fail("choices", std::string("expected an array, found ") + typeName(*a), "remove it: the steps write it");
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json& e = (*a)[i];
    const std::string path = "choices[" + std::to_string(i) + "]";
    if (!e.is_object()) r.fail(path, std::string("expected an object, found ") + typeName(e), "remove it: the steps write it");
    CaseChoice c;
    for (auto it = e.begin(); it != e.end(); ++it) {
      std::string* field = it.key() == "step" ? &c.step : it.key() == "what" ? &c.what : it.key() == "value" ? &c.value
                         : it.key() == "reason" ? &c.reason : nullptr;
      if (!field) r.fail(path + "." + it.key(), "unknown field", "a choice has step, what, value and reason");
      if (!it->is_string()) r.fail(path + "." + it.key(), std::string("expected a string, found ") + typeName(*it), "write it in quotes");
      *field = it->get<std::string>();
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

int SegmentationParams::effectiveMetalLowHu() const {
  return metalLowHu ? *metalLowHu : std::max(huMin + 1, std::min(metalHu, metalHu - 500));
}

void validate(const SegmentationParams& p, const std::string& where) {
  if (p.preset != "custom") checkResourceName("presets", p.preset, where + ".preset");
  validateOutsideWindow(p, where);
  // With a preset, hu_min/hu_max are the preset's once resolved (segment::resolveThresholds
  // checks them then); the stored ones may be stale and are not judged here.
  if (p.preset == "custom") validateAgainstWindow(p, where);
}

void validateAgainstWindow(const SegmentationParams& p, const std::string& where) {
  if (p.huMin >= p.huMax)
    throw Error("bone HU range is empty: low " + std::to_string(p.huMin) + " >= high " + std::to_string(p.huMax),
                where, "give LO,HI with LO < HI, e.g. --hu 226,3071");
  if (p.huMin < -1024 || p.huMax > 32767)
    throw Error("bone HU range outside the CT scale (-1024..32767)", where, "use a range within the CT scale");
  if (p.metalHu <= p.huMin)
    throw Error("metal threshold " + std::to_string(p.metalHu) + " HU is not above the bone range's low end",
                where, "metal is denser than bone: use e.g. --metal-hu 2500");
  if (p.metalLowHu && (*p.metalLowHu > p.metalHu || *p.metalLowHu <= p.huMin))
    throw Error("metal hysteresis bound " + std::to_string(*p.metalLowHu) +
                    " HU must lie above the bone window's low end and not above the metal threshold",
                where, "use e.g. --metal-low-hu 2000 (equal to --metal-hu turns it off), or leave it out");
}

void validateOutsideWindow(const SegmentationParams& p, const std::string& where) {
  if (p.metalHu > 32767)
    throw Error("metal threshold " + std::to_string(p.metalHu) + " HU is above the CT scale (32767)", where,
                "use e.g. --metal-hu 2500");
  if (!(p.metalGrowMm >= 0.0 && p.metalGrowMm <= 10.0))
    throw Error("metal growth must be between 0 and 10 mm", where, "use e.g. --metal-grow-mm 3");
  if (!(p.marginMm >= 0.0 && p.marginMm <= 10.0))
    throw Error("metal margin must be between 0 and 10 mm", where, "use e.g. --margin-mm 1.0");
  if (p.components != "all" && p.components != "largest" && p.components != "seed")
    throw Error("components must be all, largest or seed, not '" + p.components + "'", where, "pick one of all|largest|seed");
  if (p.components == "seed" && !p.seedLps)
    throw Error("components = seed needs a seed point", where, "give --seed X,Y,Z in LPS mm");
  if (!(p.minComponentMl >= 0.0 && p.minComponentMl < 1e6)) throw Error("min component volume must be 0 to 1e6 mL", where, "use e.g. 0.1");
  if (p.seedLps && !(std::isfinite((*p.seedLps)[0]) && std::isfinite((*p.seedLps)[1]) && std::isfinite((*p.seedLps)[2]) &&
                     std::abs((*p.seedLps)[0]) < 1e5 && std::abs((*p.seedLps)[1]) < 1e5 && std::abs((*p.seedLps)[2]) < 1e5))
    throw Error("seed point must be three finite LPS coordinates in mm", where, "e.g. --seed 95,10,0");
  if (p.smoothingIterations < 0 || p.smoothingIterations > 500)
    throw Error("smoothing iterations must be 0..500", where, "0 turns smoothing off");
  if (!(p.decimate >= 0.0 && p.decimate < 1.0))
    throw Error("decimate must be in [0, 1): the fraction of triangles removed", where, "use e.g. 0.5, or 0 for none");
}

void validate(const LatticeParams& p, const std::string& where) {
  checkResourceName("machines", p.machine, where + ".machine");
  // Physical bounds, refused even with --force (which only overrides the machine's
  // printability limits): no powder-bed lattice has pores outside 50-5000 µm.
  if (!(p.poreUm >= 50 && p.poreUm <= 5000))
    throw Error("pore size " + std::to_string(p.poreUm) + " µm is outside 50 to 5000 µm", where, "use e.g. 600");
  if (!(p.porosity >= 0.05 && p.porosity <= 0.95))
    throw Error("porosity must be between 0.05 and 0.95", where, "use e.g. 0.80");
  if (p.definition != "window" && p.definition != "cell-sphere")
    throw Error("pore definition must be window or cell-sphere, not '" + p.definition + "'", where, "see shared LATTICE notes in docs/lattice.md");
  if (!(p.skinMm >= 0 && p.skinMm <= 20)) throw Error("skin thickness must be 0 to 20 mm", where, "use 0 for no skin");
  if (p.voxelUm && !(*p.voxelUm >= 5 && *p.voxelUm <= 2000))
    throw Error("voxel size must be 5 to 2000 µm", where, "omit it to derive it from the strut diameter");
}

void validate(const PlanParams& p, const std::string& where) {
  if (p.cupMm && !(*p.cupMm >= 42 && *p.cupMm <= 68 && std::abs(*p.cupMm / 2 - std::round(*p.cupMm / 2)) < 1e-9))
    throw Error("cup outer diameter must be 42 to 68 mm in 2 mm steps", where, "use e.g. --cup-mm 56, or leave it out to size the cup");
  if (!(p.inclinationDeg >= 20 && p.inclinationDeg <= 70))
    throw Error("cup inclination must be 20 to 70° (radiographic)", where, "use e.g. --inclination 40");
  if (!(p.anteversionDeg >= -10 && p.anteversionDeg <= 45))
    throw Error("cup anteversion must be −10 to 45° (radiographic)", where, "use e.g. --anteversion 15");
  for (double x : {p.cupShift.superiorMm, p.cupShift.lateralMm, p.cupShift.anteriorMm})
    if (!(std::abs(x) <= 30))
      throw Error("the cup's shift from the native centre must be within ±30 mm on each axis", where + ".cup_shift_mm",
                  "a larger move is a different plan: enter the acetabula (plan.hips) instead");
  if (p.screws < 0 || p.screws > 12)
    throw Error("screws must be 0 to 12", where, "use e.g. --screws 8, or 0 for none");
  if (p.screwTargets) {
    if (p.screwTargets->size() > 12)
      throw Error("at most 12 screws, not " + std::to_string(p.screwTargets->size()), where + ".screw_targets",
                  "remove some, or set plan.screw_targets to null to have them proposed");
    for (const auto& t : *p.screwTargets)
      for (double x : t)
        if (!(std::isfinite(x) && std::abs(x) < 1e5))
          throw Error("screw targets must be finite LPS coordinates in mm", where + ".screw_targets", "e.g. [89, -35, 84]");
  }
  if (p.landmarks)
    for (const auto* a : {&p.landmarks->asisRight, &p.landmarks->asisLeft, &p.landmarks->pubicTubercleRight,
                          &p.landmarks->pubicTubercleLeft})
      for (double x : *a)
        if (!(std::isfinite(x) && std::abs(x) < 1e5))
          throw Error("landmarks must be finite LPS coordinates in mm", where, "e.g. [89, -35, 84]");
  if (p.hips) validate(*p.hips, where + ".hips");
}

void validate(const PlanHips& h, const std::string& where) {
  for (const auto& [name, hip] : {std::pair{".right", &h.right}, std::pair{".left", &h.left}}) {
    for (double x : hip->centre)
      if (!(std::isfinite(x) && std::abs(x) < 1e5))
        throw Error("hip centres must be finite LPS coordinates in mm", where + name + ".centre", "e.g. [-78, -139, 126]");
    if (!(hip->diameterMm >= 36 && hip->diameterMm <= 72))
      throw Error("an acetabulum's diameter must be 36 to 72 mm, not " + fixedText(hip->diameterMm, 1),
                  where + name + ".diameter_mm", "measure it across the acetabulum's rim, e.g. 50");
  }
  const auto& r = h.right.centre;
  const auto& l = h.left.centre;
  const double apart = std::hypot(l[0] - r[0], l[1] - r[1], l[2] - r[2]);
  if (!(l[0] > r[0]))
    throw Error("the left hip's centre lies to the right of the right one's (LPS: +x is the patient's left)", where,
                "swap right and left");
  if (apart < 120 || apart > 300)
    throw Error("the hip centres are " + fixedText(apart, 1) + " mm apart (120 to 300 mm are accepted; a pelvis has them 140–260 mm apart)",
                where, "check both centres, in LPS millimetres");
}

void validate(const DesignParams& p, const std::string& where) {
  if (p.liner != "auto") checkResourceName("liners", p.liner, where + ".liner");
  auto within = [&](double v, double lo, double hi, const char* field, const char* example) {
    detail::checkWithin(v, lo, hi, where, field, example);
  };
  within(p.denseShellMm, 0.8, 5, "dense_shell_mm", "1.5");
  within(p.porousMm, 0, 5, "porous_mm", "2");
  within(p.beyondEquatorDeg, 0, 10, "beyond_equator_deg", "0 (hemispherical) or 10");
  within(p.machiningStockMm, 0, 3, "machining_stock_mm", "0.5");
  within(p.boneClearanceMm, -0.5, 1, "bone_clearance_mm", "0, or -0.2 for a press-fit");
  within(p.augmentReachMm, 0, 40, "augment_reach_mm", "25, or 0 for a cup without augment");
  if (p.flangeMm != 0) within(p.flangeMm, 2, 6, "flange_mm", "3, or 0 for no flange");
  within(p.flangeLengthMm, 10, 60, "flange_length_mm", "40");
  within(p.flangeWidthMm, 10, 40, "flange_width_mm", "25");
  within(p.voxelMm, 0.15, 1, "voxel_mm", "0.35");
  within(p.meshAdaptivity, 0, 1, "mesh_adaptivity", "0 (voxel-sized triangles) to 1");
  if (p.porousFill != "lattice" && p.porousFill != "solid")
    throw Error("porous_fill must be \"lattice\" or \"solid\"", where + ".porous_fill",
                "\"lattice\" (the print file) or \"solid\" (quick geometry reviews: the layer as solid)");
}

namespace {
void readDesign(const Reader& r, DesignParams& d, const std::string& fileName) {
  r.checkKeys("design", {"liner", "dense_shell_mm", "porous_mm", "beyond_equator_deg", "machining_stock_mm",
                         "bone_clearance_mm", "augment_reach_mm", "flange_mm", "flange_length_mm", "flange_width_mm", "augment_envelope", "voxel_mm", "porous_fill",
                         "mesh_adaptivity"});
  r.get("design.liner", d.liner);
  r.get("design.dense_shell_mm", d.denseShellMm);
  r.get("design.porous_mm", d.porousMm);
  r.get("design.beyond_equator_deg", d.beyondEquatorDeg);
  r.get("design.machining_stock_mm", d.machiningStockMm);
  r.get("design.bone_clearance_mm", d.boneClearanceMm);
  r.get("design.augment_reach_mm", d.augmentReachMm);
  r.get("design.flange_mm", d.flangeMm);
  r.get("design.flange_length_mm", d.flangeLengthMm);
  r.get("design.flange_width_mm", d.flangeWidthMm);
  r.get("design.augment_envelope", d.augmentEnvelope);
  r.get("design.voxel_mm", d.voxelMm);
  r.get("design.porous_fill", d.porousFill);
  r.get("design.mesh_adaptivity", d.meshAdaptivity);
  validate(d, fileName + ": design");
}

json designJson(const DesignParams& d) {
  return {{"liner", d.liner},
          {"dense_shell_mm", d.denseShellMm},
          {"porous_mm", d.porousMm},
          {"beyond_equator_deg", d.beyondEquatorDeg},
          {"machining_stock_mm", d.machiningStockMm},
          {"bone_clearance_mm", d.boneClearanceMm},
          {"augment_reach_mm", d.augmentReachMm},
          {"flange_mm", d.flangeMm},
          {"flange_length_mm", d.flangeLengthMm},
          {"flange_width_mm", d.flangeWidthMm},
          {"augment_envelope", d.augmentEnvelope},
          {"voxel_mm", d.voxelMm},
          {"porous_fill", d.porousFill},
          {"mesh_adaptivity", d.meshAdaptivity}};
}

// A list of [x, y, z] points (LPS mm); an element of the wrong shape is named by its index.
std::vector<std::array<double, 3>> readPoints(const Reader& r, const json& list, const std::string& path) {
  if (!list.is_array()) r.fail(path, std::string("expected a list of [x, y, z] points, found ") + list.type_name(), "e.g. [[89, -35, 84]]");
  std::vector<std::array<double, 3>> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& p = list[i];
    if (!p.is_array() || p.size() != 3 || !p[0].is_number() || !p[1].is_number() || !p[2].is_number())
      r.fail(path + "[" + std::to_string(i) + "]", "expected [x, y, z] in LPS mm, found " + p.dump(), "give three numbers");
    out.push_back({p[0].get<double>(), p[1].get<double>(), p[2].get<double>()});
  }
  return out;
}

// plan.hips: both hips, each a centre and a diameter.
PlanHips readHips(const Reader& r) {
  r.checkKeys("plan.hips", {"right", "left"});
  PlanHips h;
  for (const auto& [name, hip] : {std::pair{"right", &h.right}, std::pair{"left", &h.left}}) {
    const std::string at = std::string("plan.hips.") + name;
    if (const json* v = r.at(at); !v || v->is_null())
      r.fail(at, "missing", "give both hips (centre and diameter_mm), or set plan.hips to null to find them");
    r.checkKeys(at, {"centre", "diameter_mm"});
    for (const char* k : {"centre", "diameter_mm"})
      if (const json* v = r.at(at + "." + k); !v || v->is_null())
        r.fail(at + "." + k, "missing", "each hip needs \"centre\": [x, y, z] (LPS mm) and \"diameter_mm\"");
    r.get(at + ".centre", hip->centre);
    r.get(at + ".diameter_mm", hip->diameterMm);
  }
  return h;
}
}  // namespace

CaseFile parseCaseJson(const std::string& text, const std::string& fileName) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::out_of_range& e) {  // e.g. 1e309: a number beyond double
    throw Error(std::string("a number is out of range: ") + e.what(), fileName, "write numbers within ±1e308");
  } catch (const json::exception& e) {
    throw Error(std::string("not valid JSON: ") + e.what(), fileName, "fix the syntax (a trailing comma or a missing quote?)");
  }
  Reader r(root, fileName);
  if (!root.is_object()) r.fail("(top level)", "expected a JSON object", "see docs/case-file.md");
  std::string schema;
  r.get("schema", schema);
  if (schema != "tantalus.case") r.fail("schema", "expected \"tantalus.case\", found \"" + schema + "\"", "is this a Tantalus case file?");
  int version = 0;
  if (!r.at("version")) r.fail("version", "missing", "add \"version\": " + std::to_string(CaseFile::kVersion));
  r.get("version", version);
  if (version < 1 || version > CaseFile::kVersion)
    r.fail("version", "unsupported version " + std::to_string(version),
           "this build reads versions 1 to " + std::to_string(CaseFile::kVersion) + "; a newer Tantalus wrote this file");
  // Version 1 had no import section; it migrates by taking the import defaults.
  if (version == 1) r.checkKeys("", {"schema", "version", "input", "segmentation", "lattice", "notes"});
  else if (version == 2) r.checkKeys("", {"schema", "version", "input", "import", "segmentation", "plan", "lattice", "notes", "choices"});
  else r.checkKeys("", {"schema", "version", "input", "import", "segmentation", "plan", "design", "guides", "lattice", "notes", "choices"});

  CaseFile c;
  r.checkKeys("input", {"path", "series"});
  if (!r.at("input.path")) r.fail("input.path", "missing", "name the CT folder or file");
  r.get("input.path", c.inputPath);
  if (c.inputPath.empty()) r.fail("input.path", "is empty", "name the CT folder or file");
  if (const json* s = r.at("input.series"); s && s->is_number_integer()) c.series = std::to_string(s->get<int>());
  else r.get("input.series", c.series);

  r.checkKeys("import", {"allow_gaps", "correct_tilt"});
  r.get("import.allow_gaps", c.ctImport.allowGaps);
  r.get("import.correct_tilt", c.ctImport.correctTilt);

  auto& s = c.segmentation;
  r.checkKeys("segmentation", {"preset", "hu_min", "hu_max", "metal_hu", "metal_low_hu", "metal_grow_mm", "margin_mm", "components", "seed_lps",
                               "min_component_ml", "fill_holes", "smoothing_iterations", "decimate"});
  r.get("segmentation.preset", s.preset);
  r.get("segmentation.hu_min", s.huMin);
  r.get("segmentation.hu_max", s.huMax);
  r.get("segmentation.metal_hu", s.metalHu);
  r.get("segmentation.metal_low_hu", s.metalLowHu);
  r.get("segmentation.metal_grow_mm", s.metalGrowMm);
  r.get("segmentation.margin_mm", s.marginMm);
  r.get("segmentation.components", s.components);
  r.get("segmentation.seed_lps", s.seedLps);
  r.get("segmentation.min_component_ml", s.minComponentMl);
  r.get("segmentation.fill_holes", s.fillHoles);
  r.get("segmentation.smoothing_iterations", s.smoothingIterations);
  r.get("segmentation.decimate", s.decimate);
  validate(s, fileName + ": segmentation");

  r.checkKeys("plan", {"side", "cup_mm", "inclination_deg", "anteversion_deg", "cup_shift_mm", "screws", "screw_targets", "landmarks",
                       "hips"});
  r.get("plan.side", c.plan.side);
  if (c.plan.side != "auto" && c.plan.side != "left" && c.plan.side != "right")
    r.fail("plan.side", "must be auto, left or right, not '" + c.plan.side + "'", "use \"auto\" to take the side of the hip-joint metal");
  r.get("plan.cup_mm", c.plan.cupMm);
  r.get("plan.inclination_deg", c.plan.inclinationDeg);
  r.get("plan.anteversion_deg", c.plan.anteversionDeg);
  if (const json* sh = r.at("plan.cup_shift_mm"); sh && !sh->is_null()) {
    r.checkKeys("plan.cup_shift_mm", {"superior", "lateral", "anterior"});
    r.get("plan.cup_shift_mm.superior", c.plan.cupShift.superiorMm);
    r.get("plan.cup_shift_mm.lateral", c.plan.cupShift.lateralMm);
    r.get("plan.cup_shift_mm.anterior", c.plan.cupShift.anteriorMm);
  }
  r.get("plan.screws", c.plan.screws);
  if (const json* st = r.at("plan.screw_targets"); st && !st->is_null()) c.plan.screwTargets = readPoints(r, *st, "plan.screw_targets");
  if (const json* lm = r.at("plan.landmarks"); lm && !lm->is_null()) {
    r.checkKeys("plan.landmarks", {"asis_right", "asis_left", "pubic_tubercle_right", "pubic_tubercle_left"});
    PlanLandmarks l;
    for (const char* k : {"asis_right", "asis_left", "pubic_tubercle_right", "pubic_tubercle_left"})
      if (const json* v = r.at(std::string("plan.landmarks.") + k); !v || v->is_null())
        r.fail(std::string("plan.landmarks.") + k, "missing", "give all four landmarks, or set plan.landmarks to null to find them");
    r.get("plan.landmarks.asis_right", l.asisRight);
    r.get("plan.landmarks.asis_left", l.asisLeft);
    r.get("plan.landmarks.pubic_tubercle_right", l.pubicTubercleRight);
    r.get("plan.landmarks.pubic_tubercle_left", l.pubicTubercleLeft);
    c.plan.landmarks = l;
  }
  if (const json* h = r.at("plan.hips"); h && !h->is_null()) c.plan.hips = readHips(r);
  validate(c.plan, fileName + ": plan");
  readDesign(r, c.design, fileName);
  detail::readGuides(r, c.guides, fileName);

  auto& l = c.lattice;
  r.checkKeys("lattice", {"pore_um", "porosity", "definition", "machine", "skin_mm", "voxel_um"});
  r.get("lattice.pore_um", l.poreUm);
  r.get("lattice.porosity", l.porosity);
  r.get("lattice.definition", l.definition);
  r.get("lattice.machine", l.machine);
  r.get("lattice.skin_mm", l.skinMm);
  r.get("lattice.voxel_um", l.voxelUm);
  validate(l, fileName + ": lattice");
  r.get("notes", c.notes);
  c.choices = readChoices(r);
  return c;
}

namespace {
json planJson(const PlanParams& p) {
  json hips;
  if (p.hips)
    for (const auto& [name, hip] : {std::pair{"right", &p.hips->right}, std::pair{"left", &p.hips->left}})
      hips[name] = {{"centre", hip->centre}, {"diameter_mm", hip->diameterMm}};
  json lm;
  if (p.landmarks)
    lm = {{"asis_right", p.landmarks->asisRight}, {"asis_left", p.landmarks->asisLeft},
          {"pubic_tubercle_right", p.landmarks->pubicTubercleRight}, {"pubic_tubercle_left", p.landmarks->pubicTubercleLeft}};
  return {{"side", p.side}, {"cup_mm", p.cupMm ? json(*p.cupMm) : json()}, {"inclination_deg", p.inclinationDeg},
          {"anteversion_deg", p.anteversionDeg},
          {"cup_shift_mm", {{"superior", p.cupShift.superiorMm}, {"lateral", p.cupShift.lateralMm}, {"anterior", p.cupShift.anteriorMm}}},
          {"screws", p.screws}, {"screw_targets", p.screwTargets ? json(*p.screwTargets) : json()}, {"landmarks", lm},
          {"hips", hips}};
}

json choicesJson(const std::vector<CaseChoice>& choices) {
  json a = json::array();
  for (const auto& c : choices) a.push_back({{"step", c.step}, {"what", c.what}, {"value", c.value}, {"reason", c.reason}});
  return a;
}

json caseJson(const CaseFile& c) {
  const auto& s = c.segmentation;
  const auto& l = c.lattice;
  return {
      {"schema", "tantalus.case"},
      {"version", CaseFile::kVersion},
      {"input", {{"path", c.inputPath}, {"series", c.series.empty() ? json() : json(c.series)}}},
      {"import", {{"allow_gaps", c.ctImport.allowGaps}, {"correct_tilt", c.ctImport.correctTilt}}},
      {"segmentation",
       {{"preset", s.preset}, {"hu_min", s.huMin}, {"hu_max", s.huMax}, {"metal_hu", s.metalHu},
        {"metal_low_hu", s.metalLowHu ? json(*s.metalLowHu) : json()}, {"metal_grow_mm", s.metalGrowMm}, {"margin_mm", s.marginMm}, {"components", s.components},
        {"seed_lps", s.seedLps ? json(*s.seedLps) : json()}, {"min_component_ml", s.minComponentMl},
        {"fill_holes", s.fillHoles}, {"smoothing_iterations", s.smoothingIterations}, {"decimate", s.decimate}}},
      {"plan", planJson(c.plan)},
      {"design", designJson(c.design)},
      {"guides", detail::guidesJson(c.guides)},
      {"lattice",
       {{"pore_um", l.poreUm}, {"porosity", l.porosity}, {"definition", l.definition}, {"machine", l.machine},
        {"skin_mm", l.skinMm}, {"voxel_um", l.voxelUm ? json(*l.voxelUm) : json()}}},
      {"notes", c.notes},
      {"choices", choicesJson(c.choices)}};
}

// Sets `path` ("a.b.c") in `j`, creating objects on the way; false if a part on the
// way is not an object.
bool setAt(json& j, const std::string& path, json value) {
  json* cur = &j;
  std::istringstream s(path);
  std::string part;
  std::vector<std::string> parts;
  while (std::getline(s, part, '.')) parts.push_back(part);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (!cur->is_object()) return false;
    cur = &(*cur)[parts[i]];
    if (cur->is_null()) *cur = json::object();
  }
  if (!cur->is_object() || parts.empty()) return false;
  (*cur)[parts.back()] = std::move(value);
  return true;
}
}  // namespace

std::string toCaseJson(const CaseFile& c) { return jsonText(caseJson(c)) + "\n"; }

std::string caseSectionJson(const CaseFile& c, const std::string& section) {
  const json j = caseJson(c);
  if (!j.contains(section)) throw Error("no case-file section '" + section + "'", "caseSectionJson", "a programming error: see docs/case-file.md");
  return j[section].dump();  // keys sorted by nlohmann's default object: canonical
}

CaseFile withOverrides(const CaseFile& c, const std::vector<CaseOverride>& overrides) {
  if (overrides.empty()) return c;
  const json base = caseJson(c);
  auto applied = [&](std::size_t n) {
    json j = base;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& o = overrides[i];
      json v;
      try {
        v = json::parse(o.json);
      } catch (const json::exception&) {
        throw Error("'" + o.json + "' is not a value", o.option, "give a number, a word or a list as the option expects");
      }
      if (!setAt(j, o.field, std::move(v))) throw Error("no such case-file field: " + o.field, o.option, "see docs/case-file.md");
    }
    return j.dump();
  };
  const std::string origin = "(command line)";
  try {
    return parseCaseJson(applied(overrides.size()), origin);
  } catch (const Error& all) {
    // Blame the first option (its overrides together) that, applied after the ones
    // before it, makes the case invalid.
    for (std::size_t i = 0; i < overrides.size();) {
      std::size_t j = i;
      while (j < overrides.size() && overrides[j].option == overrides[i].option) ++j;
      try {
        parseCaseJson(applied(j), origin);
      } catch (const Error& e) {
        throw Error(e.problem(), overrides[i].option, e.hint());
      }
      i = j;
    }
    throw Error(all.problem(), all.where(), all.hint());
  }
}

CaseFile loadCaseFile(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw Error("cannot open case file", file.string(), "check the path");
  std::stringstream ss;
  ss << in.rdbuf();
  return parseCaseJson(ss.str(), file.string());
}

void saveCaseFile(const std::filesystem::path& file, const CaseFile& c) { writeTextFile(file, toCaseJson(c)); }

}  // namespace tantalus
