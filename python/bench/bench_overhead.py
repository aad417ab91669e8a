#!/usr/bin/env python3
"""Python overhead per query: `kb.search` from Python vs the same searches in Rust
(benches/src/search_latency.rs) on the same index.

usage (from the repository root, after scripts/test.sh or `maturin develop --release`):
    cargo build --release -p kbsearch-benches
    .venv/bin/python python/bench/bench_overhead.py [ROUNDS]

Indexes corpus/articles into a temporary folder, runs every query of corpus/queries.jsonl
ROUNDS times (k=10, snippets on) in each language, and prints mean and p50 per query and
the overhead of Python over Rust in percent (target: under 20%).
"""
import json, pathlib, statistics, subprocess, sys, tempfile, time

import kbsearch

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20


def main():
    queries_file = ROOT / "corpus" / "queries.jsonl"
    queries = [json.loads(l)["query"] for l in queries_file.read_text(encoding="utf-8").splitlines() if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        index = pathlib.Path(tmp) / "idx"
        with kbsearch.KnowledgeBase(str(index)) as kb:
            kb.index_paths([str(ROOT / "corpus" / "articles")])
        rust = json.loads(subprocess.run(
            [str(ROOT / "target" / "release" / "search-latency"), str(index), str(queries_file), str(ROUNDS), "10"],
            check=True, capture_output=True, text=True).stdout)
        kb = kbsearch.KnowledgeBase.open_existing(str(index))
        for q in queries:  # warm-up, as in the Rust run
            kb.search(q, k=10)
        micros = []
        for _ in range(ROUNDS):
            for q in queries:
                t = time.perf_counter()
                hits = kb.search(q, k=10)
                micros.append((time.perf_counter() - t) * 1e6)
                assert hits
    py_mean, py_p50 = statistics.fmean(micros), statistics.median(micros)
    print(f"queries: {len(queries)} x {ROUNDS} rounds, k=10")
    print(f"rust   mean {rust['mean_us']:8.1f} us   p50 {rust['p50_us']:8.1f} us")
    print(f"python mean {py_mean:8.1f} us   p50 {py_p50:8.1f} us")
    print(f"python overhead: mean {100 * (py_mean / rust['mean_us'] - 1):+.1f}%   p50 {100 * (py_p50 / rust['p50_us'] - 1):+.1f}%")


if __name__ == "__main__":
    main()
