#!/usr/bin/env python3
"""Paraphrased questions over the sample corpus (corpus/paraphrase.jsonl): how often a
passage answering it (any of its `answers`: article id and a phrase of the passage) is in
the top 3 (and first), with and without --semantic.

    python3 benches/paraphrase.py [--bin target/release/kbsearch] [--index DIR]

The index is built (with --semantic) from corpus/articles unless --index names one
already built with vectors. Needs the embedding model (`kbsearch model install`).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/kbsearch"))
    ap.add_argument("--index")
    ap.add_argument("--show", action="store_true", help="print every miss")
    args = ap.parse_args()
    scratch = tempfile.TemporaryDirectory()
    index = args.index or str(pathlib.Path(scratch.name) / "idx")
    if not args.index:
        subprocess.run([args.bin, "index", str(ROOT / "corpus/articles"), "--index", index,
                        "--semantic", "--json"], check=True, stdout=subprocess.DEVNULL)
    questions = [json.loads(l) for l in open(ROOT / "corpus/paraphrase.jsonl") if l.strip()]
    for semantic in (False, True):
        top1 = top3 = 0
        by_kind = {}
        for q in questions:
            cmd = [args.bin, "search", q["query"], "--index", index, "-k", "3", "--json"]
            if semantic:
                cmd.append("--semantic")
            out = subprocess.run(cmd, capture_output=True, text=True)
            hits = json.loads(out.stdout)["hits"] if out.returncode == 0 else []
            answers = q.get("answers") or [[q["article"], q["answer"]]]
            found = [any(h["article_id"] == a and phrase in h["text"] for a, phrase in answers)
                     for h in hits]
            top1 += bool(found[:1] and found[0])
            top3 += any(found)
            kind = by_kind.setdefault(q["kind"], [0, 0])
            kind[0] += any(found)
            kind[1] += 1
            if args.show and not any(found):
                got = [(h["article_id"][:3], " › ".join(h["heading_path"])[:40]) for h in hits]
                print(f"  miss {q['id']} {q['query']!r}: {got}", file=sys.stderr)
        n = len(questions)
        kinds = ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items()))
        print(f"{'semantic' if semantic else 'lexical '}: top-3 {top3}/{n} = {top3 / n:.2f}, "
              f"top-1 {top1}/{n} = {top1 / n:.2f} ({kinds})")


if __name__ == "__main__":
    main()
