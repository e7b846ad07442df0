#include "tantalus/core/error.h"

namespace tantalus {

Error::Error(std::string what, std::string where, std::string hint)
    : std::runtime_error(compose(what, where, hint)),
      problem_(std::move(what)), where_(std::move(where)), hint_(std::move(hint)) {}

// One line: "<where>: <what> — <hint>", so a CLI can print it as is.
std::string Error::compose(const std::string& what, const std::string& where,
                           const std::string& hint) {
  std::string s;
  if (!where.empty()) s += where + ": ";
  s += what;
  if (!hint.empty()) s += " — " + hint;
  return s;
}

}  // namespace tantalus
