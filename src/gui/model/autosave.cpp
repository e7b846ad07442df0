#include "gui/model/autosave.h"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "tantalus/core/content_hash.h"
#include "tantalus/core/error.h"
#include "tantalus/core/file_output.h"
#include "tantalus/core/resources.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace tantalus::gui {

fs::path recoveryDir() {
  if (const char* d = std::getenv("TANTALUS_RECOVERY_DIR"); d && *d) return d;
  if (const char* d = std::getenv("XDG_STATE_HOME"); d && *d) return fs::path(d) / "tantalus" / "recovery";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".local" / "state" / "tantalus" / "recovery";
}

std::string recoveryKeyForCase(const fs::path& caseFile) { return fs::weakly_canonical(fs::absolute(caseFile)).string(); }
std::string recoveryKeyForCt(const fs::path& ct) { return "untitled:" + fs::weakly_canonical(fs::absolute(ct)).string(); }

std::string recoveryKey(const CaseDocument& doc) {
  if (!doc.path().empty()) return recoveryKeyForCase(doc.path());
  return recoveryKeyForCt(doc.caseDir() / doc.caseFile().inputPath);
}

namespace {
fs::path fileFor(const std::string& key) { return recoveryDir() / (contentHash(key).substr(0, 16) + ".recovery.json"); }

std::string nowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<Recovered> readRecovery(const fs::path& file, const std::string* key) {
  try {
    const json j = json::parse(readTextFile(file));
    if (key && j.at("recovery_of").get<std::string>() != *key) return std::nullopt;
    Recovered r;
    r.caseFile = parseCaseJson(j.at("case").dump(), file.string());
    if (!j.at("case_path").is_null()) r.casePath = j.at("case_path").get<std::string>();
    r.written = j.at("written").get<std::string>();
    r.file = file;
    return r;
  } catch (const std::exception&) {
    return std::nullopt;  // damaged or from another version: nothing to offer
  }
}
}  // namespace

void writeRecovery(const CaseDocument& doc) {
  const std::string key = recoveryKey(doc);
  std::error_code ec;
  fs::create_directories(recoveryDir(), ec);
  if (ec) throw Error("cannot create the recovery folder: " + ec.message(), recoveryDir().string(),
                      "set TANTALUS_RECOVERY_DIR to a folder you can write to");
  const json j = {{"recovery_of", key},
                  {"case_path", doc.path().empty() ? json() : json(doc.path().string())},
                  {"written", nowUtc()},
                  {"case", json::parse(toCaseJson(doc.caseFile()))}};
  writeTextFile(fileFor(key), j.dump(2) + "\n");
}

std::optional<Recovered> findRecovery(const std::string& key) {
  const fs::path f = fileFor(key);
  if (!fs::exists(f)) return std::nullopt;
  return readRecovery(f, &key);
}

std::optional<Recovered> newestRecovery() {
  std::error_code ec;
  std::optional<Recovered> best;
  fs::file_time_type bestTime{};
  for (const auto& e : fs::directory_iterator(recoveryDir(), ec)) {
    if (e.path().extension() != ".json" || e.path().filename().string().find(".recovery.") == std::string::npos) continue;
    const auto t = e.last_write_time(ec);
    if (best && t <= bestTime) continue;
    if (auto r = readRecovery(e.path(), nullptr)) {
      best = std::move(r);
      bestTime = t;
    }
  }
  return best;
}

void discardRecovery(const std::string& key) {
  std::error_code ec;
  fs::remove(fileFor(key), ec);
}

}  // namespace tantalus::gui
