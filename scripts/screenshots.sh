#!/usr/bin/env bash
# docs/screenshots/: the window at each step of docs/gui.md's walkthrough, on the
# project's phantom and on the real sample (../shared/data), made by tantalus-gui itself
# (--run, --panel, --screenshot) under Xvfb. Settings, caches and recovery files go to
# out/screenshots/, not the user's.
#   scripts/screenshots.sh BUILD
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
gui=$build/tantalus-gui
[ -x "$gui" ] || { echo "screenshots: $gui not built (make build)" >&2; exit 1; }
work=out/screenshots
rm -rf "$work"
mkdir -p "$work" docs/screenshots
export XDG_CACHE_HOME="$here/$work/cache" XDG_CONFIG_HOME="$here/$work/config" TANTALUS_RECOVERY_DIR="$here/$work/recovery"
"$build/tantalus" phantom -o "$work/phantom" --lesion -80,15,90,8 >/dev/null
shot() {  # NAME ARGS...: one screenshot, 1440 × 900
  local name=$1
  shift
  xvfb-run -a -s "-screen 0 1600x1000x24" "$gui" --size 1440x900 --screenshot "docs/screenshots/$name.png" --quit "$@" \
    2> >(grep -v XDG_RUNTIME_DIR >&2)
  echo "screenshots: docs/screenshots/$name.png"
}
ct="$work/phantom/dicom"
shot 1-opened "$ct" --panel segment
shot 2-segmented "$ct" --run segment --panel segment
shot 3-planned "$ct" --run plan --panel plan
shot 4-designed "$ct" --run design --panel design
shot 4-designed-3d "$ct" --run design --view 3d
shot 4-section "$ct" --run design --view 3d --section coronal
shot 4-lattice "$ct" --run plan --panel lattice
# Guides: the phantom with two planes under a lesion in the right iliac wing (docs/guides.md).
"$build/tantalus" case new "$ct" -o "$work/guides.tantalus.json" >/dev/null
python3 - "$work/guides.tantalus.json" "$here/$work/phantom/lesion.nii.gz" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c.setdefault("guides", {})
c["guides"]["planes"] = [{"point": [-110, 15, 51.6], "normal": [-0.447214, 0, 0.894427]},
                         {"point": [-108, -6, 85], "normal": [0, 1, 0]}]
c["guides"]["lesion"] = sys.argv[2]
json.dump(c, open(sys.argv[1], "w"), indent=2)
PY
shot 4-guides "$work/guides.tantalus.json" --run guides --panel guides
sample=../shared/data/totalsegmentator-example/example_ct.nii.gz
if [ -f "$sample" ]; then
  python3 - "$here" "$work/sample.tantalus.json" <<'PY'
import json, os, sys
here, out = sys.argv[1], sys.argv[2]
c = json.load(open(os.path.join(here, "examples", "totalsegmentator-example.tantalus.json")))
c["input"]["path"] = os.path.normpath(os.path.join(here, "examples", c["input"]["path"]))
json.dump(c, open(out, "w"), indent=2)
PY
  shot 5-real-sample "$work/sample.tantalus.json" --run plan --panel plan
else
  echo "screenshots: $sample missing: the real sample's screenshot left as it was" >&2
fi
