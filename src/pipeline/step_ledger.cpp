#include "tantalus/pipeline/step_ledger.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tantalus/core/file_output.h"
#include "tantalus/core/json_text.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace tantalus::pipeline {

namespace {
constexpr const char* kSchema = "tantalus.steps";

json toJson(const StepRecord& r) {
  json warnings = json::array();
  for (const auto& w : r.warnings)
    warnings.push_back({{"severity", severityName(w.severity)}, {"step", w.step}, {"what", w.what}, {"where", w.where}});
  return {{"step", r.step},       {"hash", r.hash},         {"inputs", r.inputs},   {"outputs", r.outputs}, {"stamps", r.stamps},
          {"warnings", warnings}, {"summary", r.summary},   {"seconds", r.seconds}, {"peak_rss_mb", r.peakRssMb}};
}

StepRecord fromJson(const json& j) {
  StepRecord r;
  r.step = j.at("step").get<std::string>();
  r.hash = j.at("hash").get<std::string>();
  r.inputs = j.at("inputs").get<std::map<std::string, std::string>>();
  r.outputs = j.at("outputs").get<std::vector<std::string>>();
  r.stamps = j.at("stamps").get<std::map<std::string, std::string>>();
  for (const auto& w : j.at("warnings"))
    r.warnings.push_back(Warning{severityFromName(w.at("severity").get<std::string>()), w.at("step").get<std::string>(),
                                 w.at("what").get<std::string>(), w.at("where").get<std::string>()});
  r.summary = j.at("summary").get<std::string>();
  r.seconds = j.at("seconds").get<double>();
  r.peakRssMb = j.at("peak_rss_mb").get<double>();
  return r;
}
}  // namespace

StepLedger::StepLedger(fs::path dir) : dir_(std::move(dir)) {
  std::ifstream in(dir_ / kFileName);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    const json j = json::parse(ss.str());
    if (j.at("schema").get<std::string>() != kSchema) return;
    for (const auto& r : j.at("steps")) records_.push_back(fromJson(r));
  } catch (const std::exception&) {
    records_.clear();  // damaged: nothing is known to be up to date, so everything reruns
  }
}

const StepRecord* StepLedger::find(const std::string& step) const {
  for (const auto& r : records_)
    if (r.step == step) return &r;
  return nullptr;
}

void StepLedger::put(StepRecord r) {
  for (auto& old : records_)
    if (old.step == r.step) {
      old = std::move(r);
      return;
    }
  records_.push_back(std::move(r));
}

void StepLedger::erase(const std::string& step) {
  std::erase_if(records_, [&](const StepRecord& r) { return r.step == step; });
}

std::string StepLedger::text() const {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& r : records_) steps.push_back(toJson(r));
  return jsonText(nlohmann::json{{"schema", kSchema}, {"version", 1}, {"steps", steps}}) + "\n";
}

void StepLedger::save() const { writeTextFile(dir_ / kFileName, text()); }

std::string StepLedger::difference(const StepRecord& recorded, const std::map<std::string, std::string>& fresh) {
  std::string changed;
  auto add = [&](const std::string& what) { changed += (changed.empty() ? "" : ", ") + what; };
  for (const auto& [name, hash] : fresh) {
    const auto it = recorded.inputs.find(name);
    if (it == recorded.inputs.end()) add(name + " is new");
    else if (it->second != hash) add(name + " changed");
  }
  for (const auto& [name, hash] : recorded.inputs)
    if (!fresh.count(name)) add(name + " is gone");
  return changed;
}

}  // namespace tantalus::pipeline
