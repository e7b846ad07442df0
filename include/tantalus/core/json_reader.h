#pragma once
// JsonReader: one typed field of a JSON document at a time. Absent or null keeps the
// default; a wrong type, a non-finite number or an unknown key is an Error naming the
// file, the JSON path and the fix. The case file, liner profiles and other resources read
// through it.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>

#include "tantalus/core/error.h"

namespace tantalus {

inline const char* jsonTypeName(const nlohmann::json& j) { return j.type_name(); }

// Reads one field with a type check; the error names file and JSON path.
class JsonReader {
public:
  // `docs` is where the hint for an unknown field points (the file's documentation).
  JsonReader(const nlohmann::json& root, std::string file, std::string docs = "docs/case-file.md")
      : root_(root), file_(std::move(file)), docs_(std::move(docs)) {}

  const nlohmann::json* at(const std::string& path) const {
    const nlohmann::json* cur = &root_;
    std::istringstream s(path);
    std::string part;
    while (std::getline(s, part, '.')) {
      if (!cur->is_object() || !cur->contains(part)) return nullptr;
      cur = &(*cur)[part];
    }
    return cur;
  }
  [[noreturn]] void fail(const std::string& path, const std::string& what, const std::string& hint) const {
    throw Error(what, file_ + ": " + path, hint);
  }
  template <class T>
  void get(const std::string& path, T& out) const {
    const nlohmann::json* j = at(path);
    if (!j || j->is_null()) return;  // optional: keep the default
    if constexpr (std::is_same_v<T, std::string>) {
      if (!j->is_string()) fail(path, std::string("expected a string, found ") + jsonTypeName(*j), "write it in quotes");
      out = j->get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!j->is_boolean()) fail(path, std::string("expected true or false, found ") + jsonTypeName(*j), "use true or false");
      out = j->get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
      if (!j->is_number_integer()) fail(path, std::string("expected a whole number, found ") + j->dump(), "write an integer");
      // Range-checked: 2^63 must not wrap to 0 on the way into an int.
      const bool fits = j->is_number_unsigned()
                            ? j->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max())
                            : j->get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min()) &&
                                  j->get<std::int64_t>() <= std::int64_t(std::numeric_limits<T>::max());
      if (!fits)
        fail(path, "the number " + j->dump() + " is out of range (" + std::to_string(std::numeric_limits<T>::min()) + " to " +
                       std::to_string(std::numeric_limits<T>::max()) + ")",
             "write a number in that range");
      out = T(j->is_number_unsigned() ? std::int64_t(j->get<std::uint64_t>()) : j->get<std::int64_t>());
    } else {
      if (!j->is_number()) fail(path, std::string("expected a number, found ") + jsonTypeName(*j) + " " + j->dump(), "write a number without quotes");
      out = j->get<T>();
      if (!std::isfinite(out)) fail(path, "the number " + j->dump() + " is not finite", "write a finite number");
    }
  }
  // An optional field: null or absent leaves it unset.
  template <class T>
  void get(const std::string& path, std::optional<T>& out) const {
    const nlohmann::json* j = at(path);
    if (!j || j->is_null()) return;
    T v{};
    get(path, v);
    out = v;
  }
  // [x, y, z] in LPS mm.
  void get(const std::string& path, std::array<double, 3>& out) const {
    const nlohmann::json* j = at(path);
    if (!j || j->is_null()) return;
    if (!j->is_array() || j->size() != 3 || !(*j)[0].is_number() || !(*j)[1].is_number() || !(*j)[2].is_number())
      fail(path, "expected [x, y, z] in LPS mm, found " + j->dump(), "give three numbers");
    for (std::size_t i = 0; i < 3; ++i) out[i] = (*j)[i].get<double>();
  }
  void checkKeys(const std::string& path, const std::set<std::string>& allowed) const {
    const nlohmann::json* j = path.empty() ? &root_ : at(path);
    if (!j || j->is_null()) return;
    if (!j->is_object()) fail(path, std::string("expected an object, found ") + jsonTypeName(*j), "see " + docs_);
    for (auto it = j->begin(); it != j->end(); ++it)
      if (!allowed.count(it.key()))
        fail(path.empty() ? it.key() : path + "." + it.key(), "unknown field", "remove it or check its spelling (" + docs_ + ")");
  }

private:
  const nlohmann::json& root_;
  std::string file_, docs_;
};

}  // namespace tantalus
