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
if [ "$mode" = "fast" ]; then
  args+=(-LE slow)
  echo "run-tests: skipping tests labelled slow (FAST=1)"
fi
ctest "${args[@]}"
