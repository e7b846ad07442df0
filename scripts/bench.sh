#!/usr/bin/env bash
# make bench: every benchmark program in BUILD/bench, JSON results in OUT/.
# Each benchmark compares a stage with a reference run in the same process and
# reports the ratio as a counter (timings on shared 2-core machines are noisy;
# ratios much less so). docs/benchmarks.md records the latest figures.
set -euo pipefail
build=${1:-build}
out=${2:-out/bench}
mkdir -p "$out"
status=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name"
  run=()
  # The GUI's benchmark needs a display: a virtual one (Mesa llvmpipe).
  [ "$name" = bench_gui ] && run=(xvfb-run -a -s "-screen 0 1600x1000x24")
  if ! "${run[@]}" "$b" --benchmark_format=console --benchmark_out="$out/$name.json" --benchmark_out_format=json \
       --benchmark_counters_tabular=true; then
    echo "bench: $name failed" >&2
    status=1
  fi
done
echo "bench: results in $out/"
exit $status
