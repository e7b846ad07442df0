#!/usr/bin/env python3
"""The figure tables of docs/benchmarks.md, docs/lattice.md and docs/segmentation.md,
generated from what the committed code measured, so they cannot drift from it.

  figures.py record BENCH_DIR FIGURES_DIR   bench JSON (make bench) + test figures
                                            (TANTALUS_FIGURES) -> docs/figures/record.json,
                                            then render
  figures.py merge BENCH_DIR FIGURES_DIR    the same for some figures only (scripts/gui-figures.sh):
                                            merged into the record, each with its own commit
  figures.py render                         the tables from docs/figures/record.json
  figures.py check                          exit 1 when a table in the docs differs from
                                            what render would write (a ctest test)

A table sits between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`; the prose
around it is written by hand. `make figures` runs the benchmarks and the figure tests
on a clean checkout and calls `record`.
"""
import glob
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECORD = os.path.join(ROOT, "docs", "figures", "record.json")
DOCS = ["docs/benchmarks.md", "docs/lattice.md", "docs/segmentation.md"]


def git(*args):
    try:
        return subprocess.check_output(["git", "-C", ROOT, *args], text=True, stderr=subprocess.DEVNULL).strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def load_bench(bench_dir):
    out = {}
    for f in sorted(glob.glob(os.path.join(bench_dir, "bench_*.json"))):
        with open(f) as fh:
            data = json.load(fh)
        for b in data.get("benchmarks", []):
            name = b["name"].split("/")[0]
            out[name] = {k: v for k, v in b.items() if isinstance(v, (int, float)) and k not in ("iterations", "repetitions",
                                                                                                  "repetition_index", "threads", "family_index",
                                                                                                  "per_family_instance_index")}
            out[name]["_load_avg"] = data.get("context", {}).get("load_avg", [])
    return out


def load_figures(fig_dir):
    out = {}
    for f in sorted(glob.glob(os.path.join(fig_dir, "*.jsonl"))):
        with open(f) as fh:
            for line in fh:
                line = line.strip()
                if line:
                    j = json.loads(line)
                    out[j["key"]] = {"value": j["value"], "unit": j.get("unit", ""), "test": j.get("test", "")}
    return out


def record(bench_dir, fig_dir):
    dirty = git("status", "--porcelain", "--untracked-files=no") != ""
    rec = {
        "commit": git("rev-parse", "--short=10", "HEAD"),
        "dirty": dirty,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": {"cpus": os.cpu_count(), "system": platform.platform()},
        "bench": load_bench(bench_dir),
        "figures": load_figures(fig_dir),
    }
    os.makedirs(os.path.dirname(RECORD), exist_ok=True)
    with open(RECORD, "w") as fh:
        json.dump(rec, fh, indent=1, sort_keys=True)
        fh.write("\n")
    if dirty:
        print("figures: the working tree has uncommitted changes: the record says so", file=sys.stderr)


def merge(bench_dir, fig_dir):
    """Some benchmarks and figure tests, measured on this commit, merged into the record."""
    with open(RECORD) as fh:
        rec = json.load(fh)
    stamp = {"commit": git("rev-parse", "--short=10", "HEAD"),
             "dirty": git("status", "--porcelain", "--untracked-files=no") != "",
             "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "cpus": os.cpu_count()}
    partial = rec.setdefault("partial", {})
    for name, b in load_bench(bench_dir).items():
        rec["bench"][name] = b
        partial[name] = stamp
    for key, f in load_figures(fig_dir).items():
        rec["figures"][key] = f
        partial[key] = stamp
    with open(RECORD, "w") as fh:
        json.dump(rec, fh, indent=1, sort_keys=True)
        fh.write("\n")


def provenance_of(rec, names):
    """The provenance line of figures that may have been merged after the full record."""
    stamps = [rec.get("partial", {}).get(n) for n in names]
    if stamps and all(stamps) and all(s == stamps[0] for s in stamps):
        s = stamps[0]
        dirty = " plus uncommitted changes" if s["dirty"] else ""
        return f"_Measured by `scripts/gui-figures.sh` on commit `{s['commit']}`{dirty}, {s['date']}, {s['cpus']} cores._"
    return provenance(rec, [n for n in names if n in rec["bench"]])


# ---- formatting ------------------------------------------------------------------------

def num(v, digits=3):
    if v is None:
        return "—"
    if isinstance(v, float) and abs(v) >= 1000:
        return f"{v:,.0f}".replace(",", " ")
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) >= 100):
        return f"{int(v):,}".replace(",", " ")
    return f"{v:.{digits}g}" if abs(v) < 1 else f"{v:.{digits}f}".rstrip("0").rstrip(".")


def provenance(rec, bench_names=()):
    loads = []
    for n in bench_names:
        la = rec["bench"].get(n, {}).get("_load_avg")
        if la:
            loads.append(f"{la[0]:.2f}")
    load = f", load average {' / '.join(loads)} at the start of each benchmark" if loads else ""
    dirty = " plus uncommitted changes" if rec.get("dirty") else ""
    return f"_Measured by `make figures` on commit `{rec['commit']}`{dirty}, {rec['date']}, {rec['machine']['cpus']} cores{load}._"


def table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


def bench(rec, name, key):
    return rec["bench"].get(name, {}).get(key)


def fig(rec, key, digits=4):
    f = rec["figures"].get(key)
    return num(f["value"], digits) if f else "—"


# ---- the tables --------------------------------------------------------------------------

def t_import(rec):
    b, i = "BM_ConvertVsDcm2niix", "BM_ImportInProcessVsDcm2niixProcess"
    rows = [
        ["**`tantalus convert` vs `dcm2niix` (whole processes, same NIfTI)**", f"{num(bench(rec, b, 'ours_s'))} s",
         f"{num(bench(rec, b, 'dcm2niix_s'))} s", f"**{num(bench(rec, b, 'ratio'))}**", "≤ 1.0"],
        ["peak RSS of each process", f"{num(bench(rec, b, 'ours_peak_MiB'))} MiB", f"{num(bench(rec, b, 'dcm2niix_peak_MiB'))} MiB", "", ""],
        ["NIfTI written", f"{num(bench(rec, b, 'ours_nii_MB'))} MB", f"{num(bench(rec, b, 'dcm2niix_nii_MB'))} MB", "", ""],
        ["in-process import into memory vs the same dcm2niix process (not like for like)", f"{num(bench(rec, i, 'ours_s'))} s",
         f"{num(bench(rec, i, 'dcm2niix_s'))} s", num(bench(rec, i, "ratio")), "—"],
    ]
    return table(rows, ["figure", "ours", "dcm2niix", "ratio", "target"]) + "\n\n" + provenance(rec, [b, i])


def t_segment(rec):
    b = "BM_SegmentVsBareFlyingEdges"
    rows = [["time (median of 5)", f"{num(bench(rec, b, 'ours_s'))} s", f"{num(bench(rec, b, 'bare_fe_s'))} s"],
            ["triangles", num(bench(rec, b, "ours_triangles")), num(bench(rec, b, "bare_triangles"))],
            ["**ratio** (target ≤ 1.5)", f"**{num(bench(rec, b, 'ratio'))}**", ""],
            ["peak RSS (of which above the CT)", f"{num(bench(rec, b, 'peak_MiB'))} MiB ({num(bench(rec, b, 'peak_over_volume_MiB'))} MiB)", ""]]
    return table(rows, ["figure", "ours", "bare flying edges"]) + "\n\n" + provenance(rec, [b])


def t_strut_fill(rec):
    b = "BM_StrutFillVsOpenVdbSphere"
    share = bench(rec, b, "field_share")
    rows = [["active voxels", num(bench(rec, b, "active_voxels")), ""],
            ["active voxels / s (field and island analysis inside the timing)", f"{num(bench(rec, b, 'strut_Mvox_per_s'))} M",
             f"{num(bench(rec, b, 'sphere_Mvox_per_s'))} M"],
            ["share of the time spent building the field", f"{100 * share:.0f} %" if share is not None else "—", ""],
            ["**ratio** (target ≥ 0.5)", f"**{num(bench(rec, b, 'ratio'))}**", ""]]
    return table(rows, ["figure", "strut fill", "OpenVDB sphere"]) + "\n\n" + provenance(rec, [b])


def t_block(rec):
    b = "BM_PorousBlockStl"
    if b not in rec["bench"]:
        return "_Not measured in this record (`make figures BLOCK=1` runs it)._"
    rows = [["block", f"{num(bench(rec, b, 'size_x_mm'))} × {num(bench(rec, b, 'size_y_mm'))} × {num(bench(rec, b, 'size_z_mm'))} mm at {num(bench(rec, b, 'voxel_um'))} µm"],
            ["tiles", num(bench(rec, b, "tiles"))],
            ["wall time (fill, mesh + write)", f"{num(bench(rec, b, 'wall_s'))} s ({num(bench(rec, b, 'fill_s'))} s, {num(bench(rec, b, 'mesh_s'))} s)"],
            ["reference: OpenVDB sphere of each tile's active voxels, volumeToMesh, STL stream, × tiles", f"{num(bench(rec, b, 'reference_s'))} s"],
            ["**ratio** reference / ours (> 1: faster than the reference)", f"**{num(bench(rec, b, 'ratio'))}**"],
            ["**peak RSS** (target ≤ 4 GiB)", f"**{num(bench(rec, b, 'peak_rss_MiB'))} MiB**"],
            ["triangles, STL", f"{num(bench(rec, b, 'triangles'))}, {num(bench(rec, b, 'stl_MB'))} MB"],
            ["porosity measured: mesh / voxels", f"{num(bench(rec, b, 'porosity_mesh'), 4)} / {num(bench(rec, b, 'porosity_voxels'), 4)}"]]
    return table(rows, ["figure", "value"]) + "\n\n" + provenance(rec, [b])


def t_3mf(rec):
    b = "BM_Beam3mfVsStl"
    rows = [["3MF, beam lattice + skin mesh", f"{num(bench(rec, b, '3mf_MB'))} MB", f"{num(bench(rec, b, 'beams'))} beams"],
            ["binary STL at h = d/6", f"{num(bench(rec, b, 'stl_MB'))} MB", ""],
            ["**size ratio** (no timing)", f"**{num(bench(rec, b, 'stl_over_3mf'))} ×**", ""]]
    return table(rows, ["format", "size", "note"]) + "\n\n" + provenance(rec, [b])


def t_lattice_measured(rec):
    f = lambda k, d=4: fig(rec, k, d)
    rows = [
        ["8 mm cube, h = d/6 (fast suite): porosity mesh / voxels; strut; window", f"{f('lattice.cube8.porosity_mesh')} / {f('lattice.cube8.porosity_voxels')}; {f('lattice.cube8.strut_mm')} mm; {f('lattice.cube8.window_mm')} mm", "0.80 ± 0.01; 0.356 ± 5 %; 0.600 ± 5 %"],
        ["the same mesh eroded by one voxel (design unchanged): strut; window", f"{f('lattice.cube8_eroded.strut_mm')} mm; {f('lattice.cube8_eroded.window_mm')} mm", "d − 2h = 0.237; 0.600 + 2h = 0.719"],
        ["20 mm cube, h = d/6: porosity mesh / voxels", f"{f('lattice.cube20.porosity_mesh')} / {f('lattice.cube20.porosity_voxels')}", "0.80 ± 0.01"],
        ["20 mm cube, h = d/6: strut diameter on the mesh (sd, struts)", f"{f('lattice.cube20.strut_mm')} mm ({f('lattice.cube20.strut_sd_mm')}, {f('lattice.cube20.struts_measured', 6)})", "0.356 ± 5 %"],
        ["20 mm cube, h = d/6: window on the mesh (windows)", f"{f('lattice.cube20.window_mm')} mm ({f('lattice.cube20.windows_measured', 6)})", "0.600 ± 5 %"],
        ["20 mm cube, h = d/8: porosity voxels / mesh", f"{f('lattice.cube20_d8.porosity_voxels')} / {f('lattice.cube20_d8.porosity_mesh')}", "0.80 ± 0.01"],
        ["cubes of 10, 15, 25 mm at d/6: porosity mesh / voxels", " ; ".join(f"{f(f'lattice.cube{s}.porosity_mesh')} / {f(f'lattice.cube{s}.porosity_voxels')}" for s in (10, 15, 25)), "0.80 ± 0.01"],
        ["graded 10 mm cube, 0.65 at z = 0 → 0.80 at z = 10: porosity mesh / voxels", f"{f('lattice.graded10.porosity_mesh')} / {f('lattice.graded10.porosity_voxels')}", "mean 0.725 ± 0.01"],
        ["20 mm cube STL, tiled: triangles (tiles); admesh `-e` facets, defects", f"{f('lattice.cube20_stl.triangles', 9)} ({f('lattice.cube20_stl.tiles')}); {f('lattice.cube20_stl.admesh_facets', 9)}, {f('lattice.cube20_stl.admesh_defects')}", "watertight, manifold: 0 defects"],
        ["20 mm cube STL read back from disk: strut; window", f"{f('lattice.cube20_stl.strut_mm')} mm; {f('lattice.cube20_stl.window_mm')} mm", "as above"],
        ["hemispherical shell Ø 56 × 3 mm, d/6: untiled vs tiled volume (tiles); triangles", f"{f('lattice.shell.untiled_volume_mm3', 8)} vs {f('lattice.shell.tiled_volume_mm3', 8)} mm³ ({f('lattice.shell.tiles')}); {f('lattice.shell.triangles', 9)} both", "identical"],
        ["shell porosity mesh / voxels", f"{f('lattice.shell.porosity_mesh')} / {f('lattice.shell.porosity_voxels')}", "0.80 ± 0.01"],
    ]
    return table(rows, ["measured", "value", "target"]) + "\n\n" + provenance(rec)


def t_segment_metal(rec):
    f = lambda k, d=4: fig(rec, k, d)
    rows = [["phantom (512 × 512 × 250): metal volume / truth", f"{f('segment.phantom.metal_ml', 5)} mL / {f('segment.phantom.metal_truth_ml', 5)} mL", f"{f('segment.phantom.metal_error_pct', 3)} %", "within 2 %"]]
    return table(rows, ["case", "measured", "error", "required"]) + "\n\n" + provenance(rec)


def t_plan(rec):
    b = "BM_PlanVsConvert"
    if b not in rec["bench"]:
        return "_Not measured in this record._"
    rows = [["**`tantalus plan`, DICOM to report.json, every step run** (target < 30 s)", f"**{num(bench(rec, b, 'total_s'))} s**", f"{num(bench(rec, b, 'total_peak_MiB'))} MiB"]]
    for step in ("import", "segment", "plan"):
        rows.append([f"step `{step}`", f"{num(bench(rec, b, 'step_' + step + '_s'))} s", f"{num(bench(rec, b, 'step_' + step + '_peak_MiB'))} MiB"])
    rows.append(["reference: `tantalus convert` of the same series", f"{num(bench(rec, b, 'convert_s'))} s", ""])
    rows.append(["**ratio** plan / convert", f"**{num(bench(rec, b, 'ratio'))}**", ""])
    return table(rows, ["figure", "time (median of 3)", "peak RSS (at the step's end)"]) + "\n\n" + provenance(rec, [b])


def t_gui(rec):
    b = "BM_Gui3dFrameRateVsEmptyView"
    if b not in rec["bench"]:
        return "_Not measured in this record._"
    tri = bench(rec, b, "triangles_shown")
    rows = [[f"**3D view, {int(bench(rec, b, 'view_w'))} × {int(bench(rec, b, 'view_h'))}**, phantom bone, old implant, planned cup and screws, "
             f"augment envelope (edges), print body, lattice preview ({num(tri)} triangles shown) (target ≥ 20 fps)", f"**{num(bench(rec, b, 'fps'))} fps**"],
            ["reference: the same view empty (clear, labels, blit)", f"{num(bench(rec, b, 'empty_fps'))} fps"],
            ["**ratio** scene / empty", f"**{num(bench(rec, b, 'ratio'))}**"],
            ["longest UI-thread stall, from the Segment click to the result on screen (target ≤ 100 ms)", f"{fig(rec, 'gui.ui_stall_segment_ms')} ms"],
            ["longest UI-thread stall, from the Design click to the result on screen (target ≤ 100 ms)", f"{fig(rec, 'gui.ui_stall_design_ms')} ms"]]
    return table(rows, ["figure (Xvfb, Mesa llvmpipe)", "value"]) + "\n\n" + provenance_of(rec, [b, "gui.ui_stall_segment_ms", "gui.ui_stall_design_ms"])


TABLES = {"gui": t_gui, "plan": t_plan, "import": t_import, "segment": t_segment, "strut-fill": t_strut_fill, "block": t_block, "3mf": t_3mf,
          "lattice-measured": t_lattice_measured, "segment-metal": t_segment_metal}


def rendered(text, rec):
    out, pos = [], 0
    while True:
        start = text.find("<!-- figures:", pos)
        if start < 0:
            out.append(text[pos:])
            return "".join(out)
        head_end = text.index("-->", start) + 3
        name = text[start + len("<!-- figures:"):head_end - 3].strip()
        end_tag = f"<!-- /figures:{name} -->"
        end = text.index(end_tag, head_end)
        out.append(text[pos:head_end])
        out.append("\n" + TABLES[name](rec) + "\n")
        out.append(end_tag)
        pos = end + len(end_tag)


def render(check=False):
    if not os.path.exists(RECORD):
        print(f"figures: {RECORD} is missing: run `make figures`", file=sys.stderr)
        return 1
    with open(RECORD) as fh:
        rec = json.load(fh)
    stale = []
    for doc in DOCS:
        path = os.path.join(ROOT, doc)
        with open(path) as fh:
            text = fh.read()
        new = rendered(text, rec)
        if new != text:
            if check:
                stale.append(doc)
            else:
                with open(path, "w") as fh:
                    fh.write(new)
    if stale:
        print("figures: these docs differ from docs/figures/record.json (edited by hand?): " + ", ".join(stale) +
              " — run `python3 scripts/figures.py render` or `make figures`", file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "record" and len(argv) == 4:
        record(argv[2], argv[3])
        return render()
    if len(argv) >= 2 and argv[1] == "merge" and len(argv) == 4:
        merge(argv[2], argv[3])
        return render()
    if len(argv) == 2 and argv[1] == "render":
        return render()
    if len(argv) == 2 and argv[1] == "check":
        return render(check=True)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
