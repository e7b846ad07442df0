#pragma once
// The pieces of a self-contained HTML report (report.html, design.html): the style
// sheet, a table writer, a figure with its caption, a warnings list.
#include <sstream>
#include <string>
#include <vector>

#include "tantalus/render/svg_figure.h"

namespace tantalus::render {

const char* reportStyle();

class HtmlTable {
public:
  HtmlTable(std::ostringstream& out, const std::string& heading) : out_(out) {
    out_ << "<h2>" << xmlEscape(heading) << "</h2>\n<table>\n";
  }
  ~HtmlTable() { out_ << "</table>\n"; }
  void row(const std::string& name, const std::string& value) {
    out_ << "<tr><th>" << xmlEscape(name) << "</th><td>" << xmlEscape(value) << "</td></tr>\n";
  }
  void header(const std::vector<std::string>& cells) { cellsRow("th", cells); }
  void cells(const std::vector<std::string>& cells) { cellsRow("td", cells); }

private:
  void cellsRow(const char* tag, const std::vector<std::string>& cells) {
    out_ << "<tr>";
    for (const auto& c : cells) out_ << "<" << tag << ">" << xmlEscape(c) << "</" << tag << ">";
    out_ << "</tr>\n";
  }
  std::ostringstream& out_;
};

// <figure> with the SVG and "<b>Title.</b> caption".
std::string figureHtml(const Figure& f);
// "<h2>Warnings</h2>" and the list (or "None.").
std::string warningsHtml(const std::vector<std::string>& warnings);

}  // namespace tantalus::render
