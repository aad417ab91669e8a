#!/usr/bin/env python3
"""Latency of `suggest` (completions while typing) through `kbsearch serve`, one request at a
time, so each figure includes the JSON line round trip.

Prefixes are cut from the benchmark queries (fixed seed): for each query, the text up to a
random point inside one of its words (at least 2 letters of it, or 1 Chinese character), as a
user typing it would send.

Usage: benches/suggest_latency.py --kbsearch target/release/kbsearch --index INDEX \
           --queries QUERIES.jsonl [-n 2000] [--seed 7]
Prints one JSON object: p50/p95/p99 in ms and the share of prefixes with a completion.
"""

import argparse
import json
import random
import re
import subprocess
import time

WORD = re.compile(r"[^\W\d_]+")


def prefixes(path, n, rng):
    texts = [json.loads(line).get("text") or json.loads(line).get("query") for line in open(path, encoding="utf-8") if line.strip()]
    out = []
    while len(out) < n:
        text = rng.choice(texts)
        words = list(WORD.finditer(text))
        if not words:
            continue
        word = rng.choice(words)
        han = any("\u4e00" <= c <= "\u9fff" for c in word.group())
        shortest = 1 if han else 2
        if len(word.group()) < shortest:
            continue
        cut = word.start() + rng.randint(shortest, min(len(word.group()), 8 if not han else 3))
        out.append(text[:cut])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kbsearch", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    todo = prefixes(args.queries, args.n, rng)
    proc = subprocess.Popen([args.kbsearch, "--index", args.index, "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
    # Warm up: the first request loads the index.
    proc.stdin.write(json.dumps({"op": "suggest", "prefix": "warm"}) + "\n")
    proc.stdin.flush()
    proc.stdout.readline()
    times, answered = [], 0
    for prefix in todo:
        started = time.perf_counter()
        proc.stdin.write(json.dumps({"op": "suggest", "prefix": prefix, "k": 10}, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        reply = json.loads(proc.stdout.readline())
        times.append((time.perf_counter() - started) * 1000)
        if "error" in reply:
            raise SystemExit(f"{prefix!r}: {reply}")
        answered += bool(reply["suggestions"])
    proc.stdin.close()
    proc.wait()
    times.sort()
    pick = lambda q: round(times[min(len(times) - 1, int(q * len(times)))], 3)
    print(json.dumps({"requests": len(times), "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99),
                      "with_completions": round(answered / len(times), 3)}))


if __name__ == "__main__":
    main()
