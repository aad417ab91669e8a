#!/usr/bin/env python3
"""Throughput of `kbsearch serve`: one client, pipelined JSON-line requests.

usage: benches/serve_qps.py --index DIR --queries QUERIES.jsonl [-n 5000] [--k 10]
                            [--kbsearch target/release/kbsearch] [--repeat 3]

Starts `kbsearch --index DIR serve`, times its first answer (process start -> first response
line: cold start of the long-lived mode), sends a warm-up pass of 200 requests, then writes
N search requests (`{"query", "k"}`, the queries in turn) from one thread while the main
thread reads the N response lines: queries per second = N / (first write -> last line read).
Repeated --repeat times in fresh processes; prints one JSON object (median and every run).
QUERIES lines: {"text"|"query", ...}.
"""
import argparse, json, os, statistics, subprocess, sys, threading, time


def one_run(args, queries):
    started = time.perf_counter()
    proc = subprocess.Popen([args.kbsearch, "--index", args.index, "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=1 << 20)
    req = lambda q: (json.dumps({"query": q, "k": args.k}, ensure_ascii=False) + "\n").encode()
    proc.stdin.write(req(queries[0]))
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())
    first_ms = (time.perf_counter() - started) * 1000
    if "error" in first:
        sys.exit(f"serve answered an error: {first}")
    warm = [queries[i % len(queries)] for i in range(200)]
    for q in warm:
        proc.stdin.write(req(q))
    proc.stdin.flush()
    for _ in warm:
        proc.stdout.readline()
    lines = [req(queries[i % len(queries)]) for i in range(args.n)]

    def writer():
        for line in lines:
            proc.stdin.write(line)
        proc.stdin.flush()

    t0 = time.perf_counter()
    w = threading.Thread(target=writer)
    w.start()
    errors = hits = 0
    for _ in range(args.n):
        r = json.loads(proc.stdout.readline())
        if "error" in r:
            errors += 1
        else:
            hits += len(r["hits"])
    elapsed = time.perf_counter() - t0
    w.join()
    proc.stdin.close()
    proc.wait()
    return {"qps": args.n / elapsed, "seconds": elapsed, "first_response_ms": first_ms,
            "errors": errors, "mean_hits": hits / args.n}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("-n", type=int, default=5000)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kbsearch", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "kbsearch"))
    args = ap.parse_args()
    queries = []
    for line in open(args.queries, encoding="utf-8"):
        if line.strip():
            v = json.loads(line)
            q = v.get("text") or v.get("query")
            if q and q.strip():
                queries.append(q)
    runs = [one_run(args, queries) for _ in range(args.repeat)]
    print(json.dumps({"index": args.index, "n": args.n, "k": args.k,
                      "qps_median": statistics.median(r["qps"] for r in runs),
                      "first_response_ms_median": statistics.median(r["first_response_ms"] for r in runs),
                      "load": os.getloadavg()[0], "runs": runs}))


if __name__ == "__main__":
    main()
