#!/usr/bin/env bash
# Scale benchmark of kbsearch on a generated multilingual corpus of about N passages:
# indexing throughput (all cores and one core), peak memory, index size / raw text,
# in-process query latency p50/p95/p99 over 2000 mixed-language queries side by side with
# raw tantivy (n-grams for Chinese, default tokenizer otherwise: `tantivy-baseline`, the
# ratio printed), `serve` throughput.
#
# usage: benches/run_scale.sh N            (e.g. 10000, 100000, 1000000)
# env:   SINGLE_CORE=1|0  also index on one core (taskset -c 0); default 1 when N <= 100000
#        DATA=DIR         where corpora, indexes and results go (default benches/target-data)
#        KEEP_INDEX=0     delete the index at the end (default: keep it, for criterion/CLI runs)
#
# Results: $DATA/N/results/*.json and a Markdown summary on stdout ($DATA/N/results/summary.md).
set -euo pipefail
N=${1:?usage: run_scale.sh N}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-$ROOT/benches/target-data}
D=$DATA/$N
R=$D/results
SINGLE_CORE=${SINGLE_CORE:-$([[ $N -le 100000 ]] && echo 1 || echo 0)}
mkdir -p "$R"
cd "$ROOT"
cargo build --release -q -p kbsearch-benches -p kbsearch-cli
BIN=$ROOT/target/release
note() { echo "[$(date +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*" >&2; }

if [[ ! -s $D/articles.jsonl || ! -s $D/queries.jsonl ]]; then
  note "generating ~$N passages"
  "$BIN/gen-corpus" --passages "$N" --out "$D/articles.jsonl" --queries "$D/queries.jsonl" >"$R/generate.json"
fi

note "indexing on all cores"
"$BIN/index-bench" "$D/articles.jsonl" "$D/index" >"$R/index-all-cores.json"
cat "$R/index-all-cores.json" >&2
if [[ $SINGLE_CORE == 1 ]]; then
  note "indexing on one core (taskset -c 0)"
  taskset -c 0 "$BIN/index-bench" "$D/articles.jsonl" "$D/index-1core" >"$R/index-1-core.json"
  rm -rf "$D/index-1core"
  cat "$R/index-1-core.json" >&2
fi

note "raw tantivy baseline index"
"$BIN/tantivy-baseline" "$D/articles.jsonl" "$D/baseline" >"$R/baseline-build.json"
note "query latency (in process, k=10, snippets on), kbsearch and the baseline query by query"
"$BIN/query-latency" "$D/index" "$D/queries.jsonl" --k 10 --min 2000 --baseline "$D/baseline" >"$R/query-latency.json"
note "serve throughput"
python3 benches/serve_qps.py --kbsearch "$BIN/kbsearch" --index "$D/index" --queries "$D/queries.jsonl" -n 3000 --repeat 3 >"$R/serve.json"
[[ ${KEEP_INDEX:-1} == 1 ]] || rm -rf "$D/index" "$D/baseline"

python3 - "$R" "$N" <<'EOF' | tee "$R/summary.md"
import json, os, sys
R, N = sys.argv[1], sys.argv[2]
j = lambda n: json.load(open(os.path.join(R, n))) if os.path.exists(os.path.join(R, n)) else None
a, one, q, s = j("index-all-cores.json"), j("index-1-core.json"), j("query-latency.json"), j("serve.json")
b = j("baseline-build.json")
print(f"### ~{N} passages: {a['passages']} passages, {a['articles']} articles, {a['raw_mb']:.1f} MB raw text\n")
print("| measure | value | target | load (1-min) |\n|---|---|---|---|")
print(f"| indexing as `kbsearch index` does (merge included), all cores ({a['threads']}) | {a['mb_per_s']:.2f} MB/s ({a['seconds']:.1f} s) | parallel | {a['load_before']}→{a['load_after']} |")
if a.get("merge_seconds") is not None:  # index-bench --upsert-many: merge timed apart
    print(f"| merge into one segment after indexing ({a['segments_before_merge']} segments) | {a['merge_seconds']:.1f} s ({a['mb_per_s_with_merge']:.2f} MB/s with it) | | |")
if one:
    print(f"| indexing, one core | {one['mb_per_s']:.2f} MB/s ({one['seconds']:.1f} s) | ≥ 10 MB/s | {one['load_before']}→{one['load_after']} |")
    print(f"| speed-up all cores / one core | {a['mb_per_s']/one['mb_per_s']:.2f}× | | |")
print(f"| peak RSS while indexing (all cores) | {a['peak_rss_mib']:.0f} MiB (anonymous {a.get('peak_anon_mib', float('nan')):.0f}, mapped files {a.get('peak_file_mib', float('nan')):.0f}) | ≤ 1024 MiB at 1M | |")
print(f"| index size / raw text (merged) | {a['index_to_raw']:.2f}× ({a['index_bytes']/1e6:.0f} MB) | ≤ 1.5× | |")
if b:
    print(f"| baseline (raw tantivy) index size / raw text, build time | {b['index_to_raw']:.2f}×, {b['seconds']:.1f} s | | |")
x, base, ratio = q["all"], q.get("baseline") or {}, q.get("ratio") or {}
def vs(lang, v):
    bl = (base.get("per_lang", {}).get(lang) if lang != "all" else base.get("all"))
    if not bl:
        return ""
    r = ratio[lang]
    return f" · baseline {bl['p50_ms']:.2f} / {bl['p99_ms']:.2f} ms · ratio {r['p50']:.2f}× / {r['p99']:.2f}×"
print(f"| query p50 / p95 / p99 (k=10, {x['n']} searches) | {x['p50_ms']:.2f} / {x['p95_ms']:.2f} / {x['p99_ms']:.2f} ms{vs('all', x)} | 1M: p50 ≤ 3, p99 ≤ 25 ms; 100k: ≤ 1.5 / ≤ 10 ms; ratio ≤ 2× | {q['load_before']}→{q['load_after']} |")
for lang, v in q["per_lang"].items():
    print(f"| — {lang} p50 / p99 | {v['p50_ms']:.2f} / {v['p99_ms']:.2f} ms{vs(lang, v)} | | |")
print(f"| serve throughput (1 client, pipelined, k=10) | {s['qps_median']:.0f} q/s (median of {len(s['runs'])}) | | {s['load']:.2f} |")
print(f"| serve first answer (process start → 1st response) | {s['first_response_ms_median']:.0f} ms | | |")
EOF
