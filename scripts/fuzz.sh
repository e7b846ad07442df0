#!/usr/bin/env bash
# make fuzz: libFuzzer (clang, -fsanitize=fuzzer,address,undefined) over the DICOM
# header scan, the volume readers, the case-file parser and the STL reader, each for
# SECONDS, from seed corpora the project's own phantom and writers make. Findings
# (crash-*, leak-*, timeout-*, oom-*) land in BUILD/findings/<target>/; every one
# becomes a regression input in tests/fuzz/regressions/<target>/ (replayed by
# `make test`). A summary goes to BUILD/fuzz-summary.md (docs/reliability.md).
#   scripts/fuzz.sh [BUILD] [SECONDS]
set -euo pipefail
build=${1:-build-fuzz}
secs=${2:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
if ! command -v clang++ >/dev/null || [ ! -e "$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] && \
   ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz: clang with libFuzzer is missing: apt-get install clang libclang-rt-14-dev" >&2
  exit 1
fi
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DTANTALUS_FUZZ=ON -DTANTALUS_BUILD_TESTS=OFF -DTANTALUS_BUILD_BENCH=OFF \
    >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
fi
targets=(dicom_header volume_file case_file stl_file)
cmake --build "$build" --target fuzz_make_seeds "${targets[@]/#/fuzz_}"
corpus="$build/corpus"
[ -d "$corpus/dicom_header" ] || "$build/fuzz/fuzz_make_seeds" "$corpus"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/tests/sanitizer/lsan.supp:print_suppressions=0"
summary="$build/fuzz-summary.md"
{
  echo "| target | seconds | runs | exec/s | coverage (edges) | corpus | findings |"
  echo "|---|---|---|---|---|---|---|"
} >"$summary"
found=0
for t in "${targets[@]}"; do
  mkdir -p "$build/findings/$t" "$corpus/$t"
  log="$build/fuzz-$t.log"
  echo "== fuzz_$t for ${secs} s"
  set +e
  "$build/fuzz/fuzz_$t" "$corpus/$t" -max_total_time="$secs" -rss_limit_mb=4096 -timeout=20 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/findings/$t/" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  files=$(ls "$corpus/$t" | wc -l)
  n=$(ls "$build/findings/$t" | wc -l)
  found=$((found + n))
  echo "| fuzz_$t | $secs | $runs | $rate | $cov | $files | $n (exit $rc) |" >>"$summary"
  for f in "$build/findings/$t"/*; do
    [ -e "$f" ] || continue
    mkdir -p "tests/fuzz/regressions/$t"
    cp "$f" "tests/fuzz/regressions/$t/"
    echo "fuzz: finding $f copied to tests/fuzz/regressions/$t/ (add it to git, fix it, make test)" >&2
  done
done
cat "$summary"
[ "$found" -eq 0 ] || { echo "fuzz: $found finding(s)" >&2; exit 1; }
