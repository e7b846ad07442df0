#!/usr/bin/env bash
# The GUI's figures on the code as it is, merged into docs/figures/record.json (the rest
# of the record stays as `make figures` left it): the 3D view's frame rate (bench_gui)
# and the UI-thread stalls of the window test, then the tables regenerated.
#   scripts/gui-figures.sh BUILD
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
rm -rf out/gui-bench out/gui-figures
mkdir -p out/gui-bench out/gui-figures
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bench/bench_gui" --benchmark_out=out/gui-bench/bench_gui.json \
  --benchmark_out_format=json --benchmark_counters_tabular=true
TANTALUS_FIGURES="$here/out/gui-figures" xvfb-run -a -s "-screen 0 1600x1000x24" "$build/gui_window_tests" \
  --gtest_filter='WindowPhantom.*'
python3 scripts/figures.py merge out/gui-bench out/gui-figures
echo "gui-figures: docs/figures/record.json and the tables regenerated; review and commit them"
