#!/usr/bin/env bash
# CLI cold start: process start -> JSON printed, `kbsearch search QUERY --json`, one fresh
# process per run, on the sample corpus index (corpus/articles), one query per language.
#
# usage: benches/cli_cold_start.sh [RUNS]        (default 31 runs per query, 3 warm-up runs)
# env:   INDEX=DIR  time on an existing index instead (e.g. benches/target-data/100000/index)
#        KBSEARCH=path/to/kbsearch (default target/release/kbsearch, built here)
# Uses hyperfine (apt-get install hyperfine) when present, else a Python timing loop.
# Prints a Markdown table (median, mean, min, max per query) with the targets
# (p50 <= 20 ms Latin/Cyrillic, <= 30 ms Chinese).
set -euo pipefail
RUNS=${1:-31}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ -z ${KBSEARCH:-} ]]; then
  cargo build --release -q -p kbsearch-cli
  KBSEARCH=$ROOT/target/release/kbsearch
fi
TMP=$(mktemp -d /tmp/kbsearch-cold.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
if [[ -z ${INDEX:-} ]]; then
  INDEX=$TMP/index
  "$KBSEARCH" --index "$INDEX" index corpus/articles >/dev/null
fi
# label|target ms|query
QUERIES=(
  "uk|20|Що таке зворотній звʼязок?"
  "vi|20|Quản lý ngân sách dịch vụ khách hàng"
  "vi-notone|20|quan ly ngan sach dich vu khach hang"
  "en|20|customer service operations manager"
  "zh-Hans|30|什么是客户服务运营经理?"
  "zh-Hant|30|客戶服務團隊負責人是什麼?"
)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for spec in "${QUERIES[@]}"; do
  IFS='|' read -r label target query <<<"$spec"
  # a first run must succeed and print JSON with hits
  "$KBSEARCH" --index "$INDEX" search "$query" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["hits"], "no hits"'
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$TMP/$label.json" \
      "$KBSEARCH --index $INDEX search '$query' --json" >/dev/null 2>&1
  else
    python3 - "$KBSEARCH" "$INDEX" "$query" "$RUNS" "$TMP/$label.json" <<'EOF'
import json, subprocess, sys, time
exe, index, query, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
cmd = [exe, "--index", index, "search", query, "--json"]
for _ in range(3):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
times = []
for _ in range(runs):
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True); times.append(time.perf_counter() - t)
json.dump({"results": [{"times": times}]}, open(out, "w"))
EOF
  fi
  echo "$label|$target|$query" >>"$TMP/specs"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
TOOL=$(command -v hyperfine >/dev/null && echo hyperfine || echo "python loop")
python3 - "$TMP" "$INDEX" "$TOOL" <<'EOF'
import json, statistics, sys
tmp, index, tool = sys.argv[1], sys.argv[2], sys.argv[3]
print(f"CLI cold start, `kbsearch search QUERY --json`, index {index}, {tool}\n")
print("| query | lang | median ms | mean ms | min ms | max ms | runs | target p50 | met |")
print("|---|---|---|---|---|---|---|---|---|")
for line in open(f"{tmp}/specs", encoding="utf-8"):
    label, target, query = line.rstrip("\n").split("|", 2)
    times = [t * 1000 for t in json.load(open(f"{tmp}/{label}.json"))["results"][0]["times"]]
    med = statistics.median(times)
    print(f"| {query} | {label} | {med:.1f} | {statistics.mean(times):.1f} | {min(times):.1f} | "
          f"{max(times):.1f} | {len(times)} | ≤ {target} | {'yes' if med <= float(target) else 'NO'} |")
EOF
