// tantalus case new|validate|show: the *.tantalus.json case file.
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/case_file.h"
#include "tantalus/core/error.h"
#include "tantalus/pipeline/case_setup.h"

namespace tantalus::cli {

void addCaseCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("case", "Create, validate or print a *.tantalus.json case file");
  cmd->require_subcommand(1);
  auto ct = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto series = std::make_shared<std::string>();
  auto* mk = cmd->add_subcommand("new", "Write a case file with default parameters for a CT");
  mk->add_option("ct", *ct, "CT folder or file")->required();
  mk->add_option("-o,--output", *out, "case file to write (*.tantalus.json)")->required();
  mk->add_option("--series", *series, "DICOM series UID or index");
  mk->callback([=] {
    std::string name = *out;
    if (name.size() < 14 || name.substr(name.size() - 14) != ".tantalus.json")
      throw Error("case files end in .tantalus.json", name, "name it e.g. patient.tantalus.json");
    CaseFile c = pipeline::newCase(*ct);
    c.series = *series;
    saveCaseFile(name, c);
    std::cout << "wrote " << name << "\n";
  });
  auto file = std::make_shared<std::string>();
  auto* val = cmd->add_subcommand("validate", "Check a case file; print each problem with its field");
  val->add_option("file", *file, "*.tantalus.json")->required();
  val->callback([=] {
    loadCaseFile(*file);
    std::cout << *file << ": valid (this build reads versions 1 to " << CaseFile::kVersion << " and writes "
              << CaseFile::kVersion << ")\n";
  });
  auto* show = cmd->add_subcommand("show", "Print a case file with every default filled in");
  show->add_option("file", *file, "*.tantalus.json")->required();
  show->callback([=] { std::cout << toCaseJson(loadCaseFile(*file)); });
}

}  // namespace tantalus::cli
