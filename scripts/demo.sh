#!/usr/bin/env bash
# make demo: the pipeline, end to end, into out/.
#   scripts/demo.sh BUILD OUT [CT] [CASE]   (no CT: the synthetic revision-hip phantom;
#   CASE: a *.tantalus.json to run as it is, its CT and entries with it)
set -euo pipefail
build=${1:-build}
out=${2:-out}
ct=${3:-}
case_in=${4:-}
# make demo POROUS_FILL=lattice|solid: the porous layer latticed or solid (unset: the case's own, solid for a new case)
fill_opt=()
if [ -n "${POROUS_FILL:-}" ]; then fill_opt=(--porous-fill "$POROUS_FILL"); fi
t=$build/tantalus
[ -x "$t" ] || { echo "demo: $t not built (run make build)" >&2; exit 1; }
if [ -n "$case_in" ] && [ -n "$ct" ]; then
  echo "demo: give CT= or CASE=, not both (a case file names its own CT in input.path)" >&2
  exit 1
fi
if [ -n "$case_in" ]; then
  [ -f "$case_in" ] || { echo "demo: CASE=$case_in: no such case file" >&2; exit 1; }
  "$t" case validate "$case_in" >/dev/null
  # Its CT: input.path, relative to the case file unless absolute.
  ct=$("$t" case show "$case_in" | sed -n 's/^ *"path": *"\(.*\)",\{0,1\}$/\1/p' | head -1)
  case "$ct" in /*) ;; *) ct="$(cd "$(dirname "$case_in")" && pwd)/$ct" ;; esac
fi

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
casefile="$out/case.tantalus.json"
if [ -n "$case_in" ]; then
  casefile="$case_in"
  echo "$case_in, as it is (what the steps decide is written to $out/segment/case.tantalus.json)"
else
  "$t" case new "$ct" -o "$casefile"
fi

echo "== 4. segment host bone and old implant"
"$t" segment --case "$casefile" -o "$out/segment"

echo "== 4b. plan: side, old implant, anatomy and landmarks, native centre, the proposed cup"
# Into the segmentation's folder: the pipeline reuses its steps. A CT the planner
# cannot plan on (the 3 mm sample) says why; the demo goes on.
planned=1
if ! "$t" plan --case "$casefile" -o "$out/segment"; then
  echo "demo: no plan for this CT (the error above says why)"
  planned=0
fi

if [ "$planned" = 1 ]; then
  echo "== 4c. design: the cup-plus-augment (print and machined bodies, liner seat, screws)"
  if "$t" design --case "$casefile" -o "$out/segment" ${fill_opt[@]+"${fill_opt[@]}"}; then
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
    # An STL of no triangles (screws.stl of a design without screws) is valid; admesh refuses it.
    if [ "$(stat -c %s "$f")" -le 84 ]; then echo "(no triangles)" >>"$out/admesh.txt"; continue; fi
    admesh "$f" | sed -n '/Number of parts/,/Backwards edges/p' >>"$out/admesh.txt" ||
      echo "admesh could not read it" >>"$out/admesh.txt"
  done
fi
"$t" report "$out"
echo
echo "demo: outputs in $out/ — start with $out/report.md"
if [ -f "$out/segment/report.html" ]; then echo "demo: the plan with its pictures: $out/segment/report.html"; fi
if [ -f "$out/segment/design.json" ]; then echo "demo: the implant: $out/segment/implant_print.stl, implant_machined.stl, design.json"; fi
