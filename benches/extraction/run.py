#!/usr/bin/env python3
"""HTML main-content extraction benchmark on trafilatura's evaluation set.

usage: python3 benches/extraction/run.py TRAFILATURA_TESTS_DIR [--bin PATH] [--show-failures N]
                                         [--split dev|held|all] [--dump FILE]

TRAFILATURA_TESTS_DIR holds evaldata.json and the pages under cache/ and eval/ (a checkout of
https://github.com/adbar/trafilatura, folder tests/). Every page goes through kbsearch's real
HTML pipeline (bin `extract-eval`: formats::parse → ingest::to_article → ingest::prepare); the
scored text is the title plus every passage's heading path and text, joined by newlines, with
light-Markdown list markers `- ` stripped.

`--split` scores one half of the pages: `dev` (CRC-32 of the page's file name even) or `held`
(odd), 497 and 493 pages; `all` (default) scores every page. Rules are designed looking at
`dev` failures only; `held` shows whether they generalize. `--show-failures N` lists the N
worst pages of the chosen split with the snippets wrongly kept (`+`) and wrongly dropped (`-`).

Scoring reimplements trafilatura's tests/eval_common.py (`norm`, `count_item`,
`ConfusionMatrix`): a `with` snippet counts as a true positive when its whitespace-normalized
text is a substring of the whitespace-normalized extraction, a `without` snippet as a false
positive likewise; a refused page (error) keeps nothing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import zlib
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Figures from the issue (trafilatura's benchmark, refusals for language/encoding removed by hand).
PEERS = [
    ("trafilatura 2.3.1", 0.907, 0.946, 0.926),
    ("jusText", None, None, 0.862),
    ("readability-lxml", None, None, 0.853),
    ("resiliparse", None, None, 0.842),
    ("boilerpipe", None, None, 0.805),
    ("kbsearch before (issue)", 0.697, 0.937, 0.800),
    ("keep everything", None, None, 0.667),
]


def norm(text):
    "trafilatura eval_common.norm: whitespace runs -> one space, stripped."
    return re.sub(r"\s+", " ", text).strip()


def count_item(item, result):
    "trafilatura eval_common.count_item: (tp, fp, fn, tn) by normalized substring match."
    if isinstance(result, str):
        resn = norm(result)
        tp = sum(1 for w in item["with"] if norm(w) in resn)
        fp = sum(1 for w in item["without"] if norm(w) in resn)
    else:
        tp = fp = 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(tp, fp, fn, tn):
    "trafilatura eval_common.ConfusionMatrix.scores: precision, recall, accuracy, f1."
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    accuracy = (tp + tn) / total if total else 0.0
    denom = 2 * tp + fp + fn
    return precision, recall, accuracy, (2 * tp / denom if denom else 0.0)


def resolve(tests, filename):
    "trafilatura eval_common.resolve: the page under cache/ or eval/."
    for sub in ("cache", "eval"):
        path = os.path.join(tests, sub, filename)
        if os.path.isfile(path):
            return path
    return None


def strip_items(text):
    return "\n".join(line[2:] if line.startswith("- ") else line for line in text.split("\n"))


def extracted_text(record):
    parts = [record.get("title") or ""]
    for passage in record.get("passages", []):
        parts.extend(passage.get("headings", []))
        parts.append(strip_items(passage.get("text", "")))
    return "\n".join(parts)


def in_split(filename, split):
    "dev: CRC-32 of the file name is even; held: odd; all: every page."
    if split == "all":
        return True
    return (zlib.crc32(filename.encode("utf-8")) % 2 == 0) == (split == "dev")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tests", help="trafilatura's tests/ folder (evaldata.json, cache/, eval/)")
    ap.add_argument("--bin", help="extract-eval binary (default: build it with cargo --release)")
    ap.add_argument("--show-failures", type=int, default=0, help="print N worst pages")
    ap.add_argument("--dump", help="write per-page JSON results to this file")
    ap.add_argument("--split", choices=("dev", "held", "all"), default="all",
                    help="score the dev half, the held-out half or all pages (by file-name CRC-32)")
    args = ap.parse_args()

    with open(os.path.join(args.tests, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    binary = args.bin
    if binary is None:
        subprocess.run(
            ["cargo", "build", "--release", "--locked", "-q", "-p", "kbsearch-benches", "--bin", "extract-eval"],
            cwd=REPO, check=True,
        )
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
        binary = os.path.join(target, "release", "extract-eval")

    urls = sorted(u for u in evaldata if in_split(evaldata[u]["file"], args.split))
    paths = {}
    missing = 0
    for url in urls:
        path = resolve(args.tests, evaldata[url]["file"])
        if path is None:
            missing += 1
        else:
            paths[url] = os.path.abspath(path)
    start = time.perf_counter()
    proc = subprocess.run([binary], input="\n".join(paths[u] for u in urls if u in paths) + "\n",
                          capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    records = {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        records[rec["path"]] = rec

    tp = fp = fn = tn = 0
    refused = Counter()
    titles = title_total = 0
    per_page = []
    for url in urls:
        item = evaldata[url]
        rec = records.get(paths.get(url))
        if rec is None or "error" in rec:
            refused[rec["error"] if rec else "missing page"] += 1
            result = None
        else:
            result = extracted_text(rec)
            if item.get("title"):
                title_total += 1
                titles += norm(rec.get("title", "")) == norm(item["title"])
        c = count_item(item, result)
        per_page.append((c, url, rec, result))
        tp, fp, fn, tn = tp + c[0], fp + c[1], fn + c[2], tn + c[3]

    p, r, a, f1 = scores(tp, fp, fn, tn)
    print(f"pages {len(urls)} (split {args.split}, {missing} missing), extraction {seconds:.1f} s")
    print(f"tp {tp}  fp {fp}  fn {fn}  tn {tn}")
    print(f"{'system':<26}{'precision':>10}{'recall':>8}{'F1':>7}{'accuracy':>10}")
    print(f"{'kbsearch (this run)':<26}{p:>10.3f}{r:>8.3f}{f1:>7.3f}{a:>10.3f}")
    for name, pp, rr, ff in PEERS:
        fmt = lambda v: f"{v:.3f}" if v is not None else "-"
        print(f"{name:<26}{fmt(pp):>10}{fmt(rr):>8}{fmt(ff):>7}{'-':>10}")
    if title_total:
        print(f"exact title: {titles / title_total:.3f} of {title_total} (before 0.687, trafilatura 0.593)")
    print(f"pages refused: {sum(refused.values())}")
    for reason, n in refused.most_common():
        print(f"  {n:4}  {reason}")
    if args.show_failures:
        per_page.sort(key=lambda x: -(x[0][1] + x[0][2]))
        for c, url, rec, result in per_page[: args.show_failures]:
            print(f"fp {c[1]} fn {c[2]}  {url}  {evaldata[url]['file']}")
            resn = norm(result) if isinstance(result, str) else ""
            for w in evaldata[url]["without"]:
                if resn and norm(w) in resn:
                    print(f"    + {norm(w)[:120]}")
            for w in evaldata[url]["with"]:
                if not (resn and norm(w) in resn):
                    print(f"    - {norm(w)[:120]}")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for c, url, rec, _ in per_page:
                f.write(json.dumps({"url": url, "counts": c, "record": rec}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
