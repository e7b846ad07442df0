#!/usr/bin/env bash
# make figures: measure every figure the docs quote on the code as it is, and regenerate
# the tables (scripts/figures.py): the test suite with TANTALUS_FIGURES set (tests
# record what they measure), then every benchmark, then docs/figures/record.json and
# the tables in docs/benchmarks.md, docs/lattice.md and docs/segmentation.md.
#   scripts/figures.sh BUILD
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "figures: uncommitted changes: the figures will say so (commit first for a clean record)" >&2
fi
rm -rf out/figures out/bench
mkdir -p out/figures
echo "== figures: test suite (records the measured figures)"
TANTALUS_FIGURES="$here/out/figures" bash scripts/run-tests.sh "$build" all
echo "== figures: benchmarks"
bash scripts/bench.sh "$build" out/bench
python3 scripts/figures.py record out/bench out/figures
echo "figures: docs/figures/record.json and the tables regenerated; review and commit them"
