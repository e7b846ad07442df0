#!/usr/bin/env bash
# Runs the test suites with ctest. "fast" skips tests labelled slow (CI runs all).
set -euo pipefail
build=${1:-build}
mode=${2:-all}
# Start from fresh test outputs and phantom caches so every run writes its own.
rm -rf "${TMPDIR:-/tmp}/tantalus-tests" "${TMPDIR:-/tmp}/tantalus-test-cache"
if [ "${CI:-}" = "true" ] && [ ! -d ../shared/data ]; then
  echo "run-tests: ../shared/data is missing; CI must have the sample CTs beside the checkout" >&2
  exit 1
fi
args=(--test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 1500)
if [ "${SANITIZE:-}" = "1" ]; then
  # Any ASan or UBSan report ends the process with an error, so the test fails.
  # Leaks inside the uninstrumented third-party libraries (their singletons) are
  # listed in tests/sanitizer/lsan.supp; ours are not suppressed.
  here=$(cd "$(dirname "$0")/.." && pwd)
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$here/tests/sanitizer/lsan.supp:print_suppressions=0"
  echo "run-tests: ASan + UBSan build ($build)"
fi
if [ -n "${TANTALUS_FIGURES:-}" ]; then
  # make figures is remaking the record this test compares the docs with.
  args+=(-E '^DocsFigures[.]')
fi
if [ "$mode" = "fast" ]; then
  args+=(-LE slow)
  echo "run-tests: skipping tests labelled slow (FAST=1)"
fi
ctest "${args[@]}"
