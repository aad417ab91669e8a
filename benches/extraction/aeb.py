#!/usr/bin/env python3
"""Score kbsearch's extract-eval on scrapinghub/article-extraction-benchmark (articleBody).

usage: python3 benches/extraction/aeb.py BENCHMARK_DIR [--bin PATH] [--out DIR]
                                         [--n-bootstrap 1000] [--worst 10] [--no-peers]

BENCHMARK_DIR is a checkout of https://github.com/scrapinghub/article-extraction-benchmark
(181 pages in html/*.html.gz, ground-truth.json, evaluate.py, and the peers' predictions in
output/*.json, scored here with the same code).

Metric: the benchmark's own evaluate.py (imported from --repo, not re-implemented):
4-gram shingles of \\w+ tokens, per-page tp/fp/fn normalised to sum 1, precision = mean over
pages with tp+fp>0, recall = mean over pages with tp+fn>0, F1 = harmonic mean of the two means;
accuracy = exact token-sequence match; ± = bootstrap stdev (seeded, so reruns are stable).

kbsearch predictions (refused pages -> articleBody ""):
  full   = run.py's extracted_text(): title + each passage's heading path + text ("- " stripped)
  bodies = passage texts only ("- " stripped), no title, no heading paths
  heads-once (diagnostic) = no title, each heading once where its section starts, then texts
Outputs in --out (default /tmp/kbsearch-aeb): kbsearch_{full,bodies}.json (benchmark format), records.jsonl
(raw extract-eval lines), per_page.tsv, worst.txt (worst pages with kept/dropped spans).
"""
import argparse
import difflib
import gzip
import importlib.util
import json
import os
import random
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RUNPY = os.path.join(HERE, "run.py")


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def strip_items(text):  # same as run.py
    return "\n".join(line[2:] if line.startswith("- ") else line for line in text.split("\n"))


def full_text(record):  # same as run.py extracted_text (used if run.py can't be imported)
    parts = [record.get("title") or ""]
    for passage in record.get("passages", []):
        parts.extend(passage.get("headings", []))
        parts.append(strip_items(passage.get("text", "")))
    return "\n".join(parts)


def bodies_text(record):
    return "\n".join(strip_items(p.get("text", "")) for p in record.get("passages", []))


def headings_once_text(record):
    "Extra diagnostic variant: no title; each heading emitted once, where its section starts."
    parts, prev = [], []
    for p in record.get("passages", []):
        h = p.get("headings", [])
        i = 0
        while i < len(h) and i < len(prev) and h[i] == prev[i]:
            i += 1
        parts.extend(h[i:])
        prev = h
        parts.append(strip_items(p.get("text", "")))
    return "\n".join(parts)


def page_f1(t):
    tp, fp, fn = t
    d = 2 * tp + fp + fn
    return 2 * tp / d if d else 1.0


def spans(ev, true, pred, min_tokens=4):
    "Token runs present only in pred (+ kept wrongly) or only in true (- dropped)."
    a, b = ev._tokenize(true), ev._tokenize(pred)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    plus, minus = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ("delete", "replace") and i2 - i1 >= min_tokens:
            minus.append(" ".join(a[i1:i2]))
        if op in ("insert", "replace") and j2 - j1 >= min_tokens:
            plus.append(" ".join(b[j1:j2]))
    return plus, minus


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repo", help="checkout of scrapinghub/article-extraction-benchmark")
    ap.add_argument("--bin", default=os.path.join(REPO, "target/release/extract-eval"))
    ap.add_argument("--out", default="/tmp/kbsearch-aeb")
    ap.add_argument("--n-bootstrap", type=int, default=1000)
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--rank", choices=("full", "bodies"), default="bodies",
                    help="variant whose per-page F1 ranks the worst pages (default bodies)")
    args = ap.parse_args()

    sys.path.insert(0, args.repo)
    ev = load_module("aeb_evaluate", os.path.join(args.repo, "evaluate.py"))
    composer = full_text
    if os.path.isfile(RUNPY):
        try:
            composer = load_module("kb_run", RUNPY).extracted_text
        except Exception as e:  # noqa
            print(f"(run.py import failed: {e}; using local copy)")

    gt = ev.load_json(__import__("pathlib").Path(args.repo, "ground-truth.json"))
    os.makedirs(args.out, exist_ok=True)
    pages_dir = os.path.join(args.out, "pages")
    os.makedirs(pages_dir, exist_ok=True)
    paths = {}
    for key in gt:
        dst = os.path.join(pages_dir, key + ".html")
        if not os.path.exists(dst):
            with gzip.open(os.path.join(args.repo, "html", key + ".html.gz"), "rb") as f:
                data = f.read()
            with open(dst, "wb") as f:
                f.write(data)
        paths[key] = dst

    proc = subprocess.run([args.bin], input="\n".join(paths.values()) + "\n",
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print("extract-eval exit", proc.returncode, proc.stderr[-2000:])
    by_path = {}
    with open(os.path.join(args.out, "records.jsonl"), "w", encoding="utf-8") as f:
        for line in proc.stdout.splitlines():
            rec = json.loads(line)
            by_path[rec["path"]] = rec
            f.write(line + "\n")

    refused = Counter()
    preds = {"full": {}, "bodies": {}, "headings_once": {}}
    for key in gt:
        rec = by_path.get(paths[key])
        if rec is None or "error" in rec:
            refused[rec["error"] if rec else "missing output (crash?)"] += 1
            preds["full"][key] = {"articleBody": ""}
            preds["bodies"][key] = {"articleBody": ""}
            preds["headings_once"][key] = {"articleBody": ""}
        else:
            preds["full"][key] = {"articleBody": composer(rec)}
            preds["bodies"][key] = {"articleBody": bodies_text(rec)}
            preds["headings_once"][key] = {"articleBody": headings_once_text(rec)}
    for variant, pred in preds.items():
        with open(os.path.join(args.out, f"kbsearch_{variant}.json"), "w", encoding="utf-8") as f:
            json.dump(pred, f, ensure_ascii=False)

    systems = [("kbsearch full", "this run", preds["full"]),
               ("kbsearch bodies", "this run", preds["bodies"]),
               ("kbsearch heads-once", "diagnostic", preds["headings_once"])]
    if not args.no_peers:
        import pathlib
        for p in sorted(pathlib.Path(args.repo, "output").glob("*.json")):
            pred, version = ev.load_prediction(p)
            systems.append((p.stem, version, pred))

    results = []
    for name, version, pred in systems:
        random.seed(0)
        try:
            m = ev.evaluate(gt, pred, args.n_bootstrap)
        except ValueError as e:
            print(f"{name}: {e}")
            continue
        results.append((name, version, m))
    results.sort(key=lambda r: -r[2]["f1"])
    print(f"pages {len(gt)}; metric = benchmark evaluate.py, bootstrap n={args.n_bootstrap}")
    print(f'{"system":<22}{"version":<12}{"F1":<15}{"precision":<15}{"recall":<15}{"accuracy":<13}')
    for name, version, m in results:
        print(f"{name:<22}{version[:11]:<12}"
              f"{m['f1']:.3f} ± {m['f1_std']:.3f}  {m['precision']:.3f} ± {m['precision_std']:.3f}  "
              f"{m['recall']:.3f} ± {m['recall_std']:.3f}  {m['accuracy']:.3f} ± {m['accuracy_std']:.3f}")
    print(f"kbsearch refused/errored: {sum(refused.values())}")
    for reason, n in refused.most_common():
        print(f"  {n:4}  {reason}")

    # per-page table and worst pages (full variant)
    keys = list(gt)
    m_full = dict((n, m) for n, _, m in results)["kbsearch full"]
    m_bod = dict((n, m) for n, _, m in results)["kbsearch bodies"]
    rows = []
    for i, key in enumerate(keys):
        tf, tb = m_full["tp_fp_fns"][i], m_bod["tp_fp_fns"][i]
        rows.append((page_f1(tf), key, tf, page_f1(tb)))
    with open(os.path.join(args.out, "per_page.tsv"), "w", encoding="utf-8") as f:
        f.write("key\turl\tf1_full\tprec_full\trec_full\tf1_bodies\ttrue_tokens\tpred_tokens\n")
        for f1, key, t, f1b in sorted(rows):
            tp, fp, fn = t
            p = tp / (tp + fp) if tp + fp else 0
            r = tp / (tp + fn) if tp + fn else 0
            f.write(f"{key}\t{gt[key].get('url','')}\t{f1:.3f}\t{p:.3f}\t{r:.3f}\t{f1b:.3f}\t"
                    f"{len(ev._tokenize(gt[key]['articleBody']))}\t"
                    f"{len(ev._tokenize(preds['full'][key]['articleBody']))}\n")
    rank_idx = 0 if args.rank == "full" else 3
    rows.sort(key=lambda r: r[rank_idx])
    with open(os.path.join(args.out, "worst.txt"), "w", encoding="utf-8") as f:
        for f1, key, t, f1b in rows[: args.worst]:
            true, pred = gt[key]["articleBody"], preds[args.rank][key]["articleBody"]
            plus, minus = spans(ev, true, pred)
            tp, fp, fn = t
            f.write(f"== F1 {f1:.3f} (bodies {f1b:.3f}) P {tp/(tp+fp) if tp+fp else 0:.3f} "
                    f"R {tp/(tp+fn) if tp+fn else 0:.3f}  true {len(ev._tokenize(true))} tok, "
                    f"pred {len(ev._tokenize(pred))} tok  {key}\n   {gt[key].get('url','')}\n")
            rec = by_path.get(paths[key]) or {}
            if "error" in rec:
                f.write(f"   ERROR {rec['error']}\n")
            for s in plus[:8]:
                f.write(f"   + [{len(s.split())}] {s[:300]}\n")
            for s in minus[:8]:
                f.write(f"   - [{len(s.split())}] {s[:300]}\n")
            tset = set(ev._ngrams(true, 4))
            for rule, text in rec.get("removed", []):
                ng = ev._ngrams(text, 4)
                hit = sum(1 for g in ng if g in tset)
                if ng and hit >= max(1, len(ng) // 2):
                    f.write(f"   removed-but-in-truth rule={rule} [{len(ng)}] {' '.join(text.split())[:200]}\n")
    print(f"worst {args.worst} pages (ranked by {args.rank}):")
    for f1, key, t, f1b in rows[: args.worst]:
        print(f"  F1 {f1:.3f} bodies {f1b:.3f}  {gt[key].get('url','')[:90]}")
    print(f"details: {args.out}/worst.txt, {args.out}/per_page.tsv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
