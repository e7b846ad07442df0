// tantalus <subcommand>: the scriptable front end of the pipeline.
//
// Exit codes: 0 done; 2 bad input (one line `error: <where>: <what> — <fix>`,
// command-line syntax included); 3 internal error or out of memory; 129/130/143
// interrupted by SIGHUP/SIGINT/SIGTERM (temporaries removed, nothing under a final
// name). See docs/reliability.md.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli_util.h"
#include "commands.h"
#include "tantalus/core/error.h"
#include "tantalus/core/interrupt.h"

namespace tantalus::cli {

void printProgress(double fraction, const std::string& message) {
  static const bool tty = ::isatty(STDERR_FILENO);
  if (!tty) return;
  std::fprintf(stderr, "\r[%3d%%] %-60.60s", int(fraction * 100 + 0.5), message.c_str());
  if (fraction >= 1.0) std::fprintf(stderr, "\r%70s\r", "");
  std::fflush(stderr);
}

namespace {

// Every floating-point option of every subcommand must be a finite number: CLI11
// takes "nan" and "inf" as doubles, and a NaN compares false with every bound.
void requireFiniteNumbers(CLI::App& app) {
  static const CLI::Validator finite(
      [](std::string& text) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (!end || *end != 0 || !std::isfinite(v)) return "'" + text + "' is not a finite number";
        return std::string();
      },
      "FINITE");
  for (CLI::Option* o : app.get_options())
    if (o->get_type_name() == "FLOAT") o->check(finite);
  for (CLI::App* sub : app.get_subcommands({})) requireFiniteNumbers(*sub);
}

// The subcommand path the user typed ("lattice", "case new") for hints.
std::string commandPath(CLI::App& app) {
  std::string path;
  for (CLI::App* a = &app; a; ) {
    CLI::App* next = nullptr;
    for (CLI::App* sub : a->get_subcommands()) next = sub;
    if (!next) break;
    path += (path.empty() ? "" : " ") + next->get_name();
    a = next;
  }
  return path;
}

int fail(const Error& e) {
  std::cerr << "\nerror: " << e.what() << "\n";
  return 2;
}

}  // namespace
}  // namespace tantalus::cli

int main(int argc, char** argv) {
  using namespace tantalus;
  installInterruptHandlers();
  cli::setupLogging();
  CLI::App app{"Tantalus: patient-specific acetabular cup-plus-augment design (command line).\n"
               "Space: DICOM LPS, millimetres, Hounsfield units."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tantalus 0.1.0");
  cli::addInfoCommand(app);
  cli::addPhantomCommand(app);
  cli::addConvertCommand(app);
  cli::addReportCommand(app);
  cli::addSegmentCommand(app);
  cli::addPlanCommand(app);
  cli::addCaseCommand(app);
  cli::addLatticeCommand(app);
  cli::addCheckCommand(app);
  cli::addDesignCommand(app);
  cli::addGuideCommand(app);
  cli::addDemoCommand(app);
  cli::requireFiniteNumbers(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const std::string cmd = cli::commandPath(app);
    return cli::fail(Error(e.what(), "tantalus" + (cmd.empty() ? "" : " " + cmd),
                           "run `tantalus" + (cmd.empty() ? "" : " " + cmd) + " --help` for the options"));
  } catch (const cli::Verdict& v) {
    return v.exitCode;  // the command ran and its answer is "no" (e.g. check: not printable)
  } catch (const Error& e) {
    return cli::fail(e);
  } catch (const Cancelled&) {
    const int sig = interruptSignal();
    std::cerr << "\n" << (sig ? std::string("interrupted (") + ::strsignal(sig) +
                                        "): the step under way wrote nothing; steps already finished keep their outputs" : "cancelled") << "\n";
    return interruptExitCode();
  } catch (const std::filesystem::filesystem_error& e) {
    // File-system trouble the code did not anticipate: still the path and a fix.
    return cli::fail(Error(e.code().message(), e.path1().string(), "check the path, its permissions and free space"));
  } catch (const std::bad_alloc&) {
    std::cerr << "\nerror: out of memory — use a smaller region or a coarser voxel size\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "\ninternal error: " << e.what() << " — please report this with the command line used\n";
    return 3;
  }
  return 0;
}
