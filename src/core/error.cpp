#include "tantalus/core/error.h"

namespace tantalus {

namespace {
// One line, whatever a library put into a message: control characters (ITK's,
// teem's and GDCM's multi-line texts) become spaces, runs of blanks collapse, and
// an overlong part is cut so the line stays readable.
std::string oneLine(const std::string& text, std::size_t maxBytes = 600) {
  std::string s;
  s.reserve(text.size());
  bool blank = false;
  for (const char c : text) {
    const bool space = static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == ' ';
    if (space) {
      blank = !s.empty();
      continue;
    }
    if (blank) s += ' ';
    blank = false;
    s += c;
  }
  if (s.size() > maxBytes) {
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    s = s.substr(0, cut) + " …";
  }
  return s;
}
}  // namespace

Error::Error(std::string what, std::string where, std::string hint)
    : std::runtime_error(compose(what, where, hint)),
      problem_(oneLine(what)), where_(oneLine(where)), hint_(oneLine(hint)) {}

// One line: "<where>: <what> — <hint>", so a CLI can print it as is.
std::string Error::compose(const std::string& what, const std::string& where,
                           const std::string& hint) {
  std::string s;
  if (!where.empty()) s += oneLine(where) + ": ";
  s += oneLine(what);
  if (!hint.empty()) s += " — " + oneLine(hint);
  return s;
}

}  // namespace tantalus
