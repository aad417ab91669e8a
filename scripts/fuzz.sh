#!/usr/bin/env bash
# Fuzz every parser, the cleaner/sectioner, each analyzer and the query path with cargo-fuzz
# (libFuzzer), one target after the other, one process, FUZZ_SECONDS each (default 60), then
# print a summary: target, executions, seconds, peak RSS, result.
#
#   scripts/fuzz.sh                 # every target, 60 s each (~16 min + a first build)
#   scripts/fuzz.sh 600             # every target, 10 min each
#   scripts/fuzz.sh 300 query prepare
#   FUZZ_SECONDS=120 scripts/fuzz.sh
#
# Seeds: the hand-written ones in fuzz/seeds/<target>/ (committed) and the ones built from
# the sample corpus (articles, queries), written to the git-ignored fuzz/seeds-from-corpus/
# by `fuzz/make_seeds.py --from-corpus` at every run. Inputs found while fuzzing go to the
# git-ignored fuzz/corpus/<target>/ (kept between runs), crashes to fuzz/artifacts/<target>/,
# libFuzzer output to fuzz/logs/<target>.log.
# Reproduce a crash with `cargo +nightly fuzz run --fuzz-dir fuzz <target> <artifact>`, then
# add it to core/tests/fuzz_regressions.rs. Needs a nightly toolchain; installs cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then
    seconds="$1"
    shift
fi

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

fuzz=(cargo +nightly fuzz)
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <("${fuzz[@]}" list --fuzz-dir fuzz)
fi

# Release build with debug assertions (overflow checks) and AddressSanitizer, the cargo-fuzz
# default; `run` below reuses it.
echo "== building ${#targets[@]} fuzz targets"
if [[ $# -gt 0 ]]; then
    for target in "${targets[@]}"; do
        nice -n 10 "${fuzz[@]}" build --fuzz-dir fuzz "$target"
    done
else
    nice -n 10 "${fuzz[@]}" build --fuzz-dir fuzz
fi

max_len_of() {
    case "$1" in
        query | query_json_escape) echo 1100000 ;; # 1 MB queries
        ingest_* | prepare) echo 131072 ;;
        *) echo 32768 ;;
    esac
}

# The seeds built from corpus/ (rewritten each run, so they follow the corpus files).
python3 fuzz/make_seeds.py --from-corpus fuzz/seeds-from-corpus

mkdir -p fuzz/logs
rows=()
failed=0
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    log="fuzz/logs/$target.log"
    echo "== $target: ${seconds}s (log: $log)"
    started=$(date +%s)
    status=0
    seeds=()
    for dir in "fuzz/seeds/$target" "fuzz/seeds-from-corpus/$target"; do
        if [[ -d "$dir" ]]; then
            seeds+=("$dir")
        fi
    done
    # New inputs are written to the first corpus directory only; the seeds are read, not changed.
    nice -n 10 "${fuzz[@]}" run --fuzz-dir fuzz "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
        -max_len="$(max_len_of "$target")" -print_final_stats=1 >"$log" 2>&1 || status=$?
    # Fuzzing time as libFuzzer counts it (the wall clock also holds a rebuild, if any).
    elapsed=$(grep -o '^Done [0-9]* runs in [0-9]* second' "$log" | grep -o '[0-9]* second' | grep -o '[0-9]*' | tail -1 || true)
    elapsed=${elapsed:-$(($(date +%s) - started))}
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    if [[ -z "$execs" ]]; then # no final stats after a crash: the last status line
        execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
    fi
    rss=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    if [[ -z "$rss" ]]; then
        rss=$(grep -o 'rss: [0-9]*Mb' "$log" | grep -o '[0-9]*' | tail -1 || true)
    fi
    if [[ $status -eq 0 ]]; then
        result="ok"
    else
        failed=1
        artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/Test unit written to //' || true)
        kind=$(grep -o -m1 'ERROR: libFuzzer: [a-z-]*\|panicked at [^:]*:[0-9]*' "$log" | head -1 || true)
        result="FAILED (${kind:-exit $status}) ${artifact:-see $log}"
    fi
    rows+=("$(printf '%-20s %12s %8s %9s  %s' "$target" "${execs:-?}" "$elapsed" "${rss:-?}MB" "$result")")
done

echo
printf '%-20s %12s %8s %9s  %s\n' target executions seconds "peak RSS" result
for row in "${rows[@]}"; do
    echo "$row"
done
exit $failed
