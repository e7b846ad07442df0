#!/usr/bin/env python3
"""Runs one benchmark of a bench program and checks its counters, so a benchmark that
stops comparing like with like fails a test.
  check_bench.py PROGRAM FILTER 'expr' ...   (each expr in terms of the counters, e.g.
  "ours_nii_MB == dcm2niix_nii_MB > 0"); environment variables pass through."""
import json
import subprocess
import sys

prog, flt, *checks = sys.argv[1:]
out = subprocess.run([prog, f"--benchmark_filter={flt}", "--benchmark_format=json"], capture_output=True, text=True)
if out.returncode != 0:
    print(out.stderr, file=sys.stderr)
    sys.exit(1)
bench = json.loads(out.stdout)["benchmarks"]
if not bench:
    sys.exit(f"no benchmark matched {flt}")
b = bench[0]
if b.get("error_occurred"):
    sys.exit(f"{b['name']}: {b.get('error_message')}")
failed = [c for c in checks if not eval(c, {}, dict(b))]
for c in failed:
    print(f"{b['name']}: failed: {c}   counters: " + ", ".join(f"{k}={v}" for k, v in b.items() if isinstance(v, float)),
          file=sys.stderr)
sys.exit(1 if failed else 0)
