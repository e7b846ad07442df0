// tantalus <subcommand>: the scriptable front end of the pipeline.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"

namespace tantalus::cli {

void printProgress(double fraction, const std::string& message) {
  static const bool tty = ::isatty(STDERR_FILENO);
  if (!tty) return;
  std::fprintf(stderr, "\r[%3d%%] %-60.60s", int(fraction * 100 + 0.5), message.c_str());
  if (fraction >= 1.0) std::fprintf(stderr, "\r%70s\r", "");
  std::fflush(stderr);
}

}  // namespace tantalus::cli

int main(int argc, char** argv) {
  tantalus::cli::setupLogging();
  CLI::App app{"Tantalus: patient-specific acetabular cup-plus-augment design (command line).\n"
               "Space: DICOM LPS, millimetres, Hounsfield units."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tantalus 0.1.0");
  tantalus::cli::addInfoCommand(app);
  tantalus::cli::addPhantomCommand(app);
  tantalus::cli::addConvertCommand(app);
  tantalus::cli::addReportCommand(app);
  tantalus::cli::addSegmentCommand(app);
  tantalus::cli::addCaseCommand(app);
  tantalus::cli::addLatticeCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const tantalus::Error& e) {
    std::cerr << "\nerror: " << e.what() << "\n";
    return 2;
  } catch (const tantalus::Cancelled&) {
    std::cerr << "\ncancelled\n";
    return 130;
  } catch (const std::bad_alloc&) {
    std::cerr << "\nerror: out of memory — use a smaller region or a coarser voxel size\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "\ninternal error: " << e.what() << " — please report this with the command line used\n";
    return 3;
  }
  return 0;
}
