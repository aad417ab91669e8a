#!/usr/bin/env python3
"""Run `kbsearch eval` on every retrieval set under DATA_ROOT and print a Markdown table,
kbsearch beside the best peer of DATA_ROOT/peers.md (when present).

usage: benches/eval_all.py DATA_ROOT [--kbsearch target/release/kbsearch] [--runs OUT_DIR]

A set is any folder holding corpus.jsonl, queries.jsonl and qrels.tsv. With --runs, each
set's TREC run file is written to OUT_DIR/SET.trec (to score with any trec_eval tool).
"""
import argparse, json, os, re, subprocess, sys


def best_peers(peers_md):
    """set -> (peer, nDCG@10) of the best peer in a peers.md table."""
    best = {}
    if not os.path.exists(peers_md):
        return best
    for line in open(peers_md, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.fullmatch(r"[0-9.]+", cells[2]):
            continue
        name, peer, ndcg = cells[0], cells[1], float(cells[2])
        if ndcg > best.get(name, ("", -1.0))[1]:
            best[name] = (peer, ndcg)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_root")
    ap.add_argument("--kbsearch", default="target/release/kbsearch")
    ap.add_argument("--runs")
    args = ap.parse_args()
    sets = sorted(d for d in os.listdir(args.data_root)
                  if os.path.exists(os.path.join(args.data_root, d, "qrels.tsv")))
    if not sets:
        sys.exit(f"no retrieval sets (folders with corpus.jsonl, queries.jsonl, qrels.tsv) in {args.data_root}")
    best = best_peers(os.path.join(args.data_root, "peers.md"))
    print("| set | kbsearch nDCG@10 | MRR@10 | R@1 | R@100 | best peer | peer nDCG@10 | index s | query p50 ms | queries |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in sets:
        cmd = [args.kbsearch, "eval", os.path.join(args.data_root, name), "--json"]
        if args.runs:
            os.makedirs(args.runs, exist_ok=True)
            cmd += ["--run", os.path.join(args.runs, f"{name}.trec")]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        peer, peer_ndcg = best.get(name, ("-", float("nan")))
        print(f"| {name} | **{r['ndcg_at_10']:.3f}** | {r['mrr_at_10']:.3f} | {r['recall_at_1']:.3f} | "
              f"{r['recall_at_100']:.3f} | {peer} | {peer_ndcg:.3f} | {r['index_seconds']:.2f} | "
              f"{r['query_p50_ms']:.2f} | {r['queries']} |", flush=True)


if __name__ == "__main__":
    main()
