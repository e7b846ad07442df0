#!/usr/bin/env bash
# make demo: the pipeline, end to end, into out/.
#   scripts/demo.sh BUILD OUT [CT]   (no CT: the synthetic revision-hip phantom)
set -euo pipefail
build=${1:-build}
out=${2:-out}
ct=${3:-}
fill=${POROUS_FILL:-solid}  # make demo POROUS_FILL=lattice: the porous layer latticed
t=$build/tantalus
[ -x "$t" ] || { echo "demo: $t not built (run make build)" >&2; exit 1; }

rm -rf "$out/segment" "$out/lattice" "$out/report.md" "$out/admesh.txt" "$out/case.tantalus.json"
mkdir -p "$out"
if [ -z "$ct" ]; then
  echo "== 1. phantom: a synthetic revision-hip CT written as a DICOM series"
  rm -rf "$out/phantom"
  "$t" phantom -o "$out/phantom"
  ct="$out/phantom/dicom"
else
  rm -rf "$out/phantom"
fi

echo "== 2. what the CT holds"
"$t" info "$ct" | tee "$out/info.txt"

echo "== 3. case file"
"$t" case new "$ct" -o "$out/case.tantalus.json"

echo "== 4. segment host bone and old implant"
"$t" segment --case "$out/case.tantalus.json" -o "$out/segment"

echo "== 4b. plan: side, old implant, anatomy and landmarks, native centre, the proposed cup"
# Into the segmentation's folder: the pipeline reuses its steps. A CT the planner
# cannot plan on (the 3 mm sample) says why; the demo goes on.
planned=1
if ! "$t" plan --case "$out/case.tantalus.json" -o "$out/segment"; then
  echo "demo: no plan for this CT (the error above says why)"
  planned=0
fi

if [ "$planned" = 1 ]; then
  echo "== 4c. design: the cup-plus-augment (print and machined bodies, liner seat, screws)"
  if "$t" design --case "$out/case.tantalus.json" -o "$out/segment" --porous-fill "$fill"; then
    echo "== 4d. printability of both bodies"
    for body in print machined; do
      "$t" check "$out/segment/implant_$body.stl" --json "$out/segment/check_$body.json" || true
    done
  else
    echo "demo: no design for this CT (the error above says why)"
  fi
fi

if "$t" lattice --help >/dev/null 2>&1; then
  echo "== 5. porous lattice sample: 600 µm window pores, 80 % porosity, 10 mm cube"
  mkdir -p "$out/lattice"
  "$t" lattice --pore-um 600 --porosity 0.80 --box 10,10,10 -o "$out/lattice/cube10.stl" \
    --report "$out/lattice/cube10.json"
  "$t" lattice --pore-um 600 --porosity 0.80 --box 10,10,10 -o "$out/lattice/cube10.3mf" \
    --report "$out/lattice/cube10-3mf.json"
fi

echo "== 6. independent mesh check (admesh) and report"
if command -v admesh >/dev/null; then
  for f in $(find "$out" -name '*.stl' | sort); do
    echo "### $f" >>"$out/admesh.txt"
    admesh "$f" | sed -n '/Number of parts/,/Backwards edges/p' >>"$out/admesh.txt"
  done
fi
"$t" report "$out"
echo
echo "demo: outputs in $out/ — start with $out/report.md"
if [ -f "$out/segment/report.html" ]; then echo "demo: the plan with its pictures: $out/segment/report.html"; fi
if [ -f "$out/segment/design.json" ]; then echo "demo: the implant: $out/segment/implant_print.stl, implant_machined.stl, design.json"; fi
