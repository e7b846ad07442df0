#include "tantalus/render/html_page.h"

namespace tantalus::render {

const char* reportStyle() {
  return "body{font-family:sans-serif;max-width:1400px;margin:1em auto;color:#222}"
         "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
         "vertical-align:top;font-size:14px}th{background:#f2f2f2}figure{display:inline-block;margin:8px;vertical-align:top;"
         "max-width:660px}figcaption{font-size:13px;color:#333}.warn{color:#a40000}";
}

std::string figureHtml(const Figure& f) {
  return "<figure id=\"" + xmlEscape(f.id) + "\">\n" + figureSvg(f) + "<figcaption><b>" + xmlEscape(f.title) + ".</b> " +
         xmlEscape(f.caption) + "</figcaption></figure>\n";
}

std::string warningsHtml(const std::vector<std::string>& warnings) {
  std::string h = "<h2>Warnings</h2>\n";
  if (warnings.empty()) return h + "<p>None.</p>\n";
  h += "<ul>\n";
  for (const auto& w : warnings) h += "<li class=\"warn\">" + xmlEscape(w) + "</li>\n";
  return h + "</ul>\n";
}

}  // namespace tantalus::render
