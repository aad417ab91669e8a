#!/usr/bin/env python3
"""Questions over a folder of real help-center pages: how often the top passage answers.

    python3 benches/helpcenter.py DIR [--bin target/release/kbsearch] [--misses] [-k 3]

DIR holds `pages/` (the pages as scraped: .txt, .html or .md, any language, no metadata;
kbsearch detects the language and cleans the page) and `questions/*.jsonl`, one question a
line: {"id", "query", "page": file name in pages/, "answer": a phrase of the page that an
answering passage holds, "lang", "kind"}. The pages are indexed with the release CLI into a
scratch index; each question is searched as typed (no --lang), and counts

- answered@1: the first hit is a passage of its page whose heading path or text holds the
  answer phrase (letters and digits compared, spaces and punctuation
  ignored);
- answered@k: one of the first k hits (one passage per article) is;
- page@1: the first hit is from its page, whatever the passage.

Scraped pages are third-party text: keep them local, never commit them.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def squash(text):
    """Letters and digits only: a label split from its text ("运行中:L实例…" → heading
    "运行中", text "L实例…") or a line break still holds the phrase."""
    return "".join(c for c in text if c.isalnum())


def holds(hit, answer):
    return squash(answer) in squash(" ".join(hit["heading_path"]) + " " + hit["text"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", type=pathlib.Path)
    ap.add_argument("--bin", default=str(ROOT / "target/release/kbsearch"))
    ap.add_argument("-k", type=int, default=3)
    ap.add_argument("--misses", action="store_true", help="print every question not answered first")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--results", type=pathlib.Path,
                    help="write each question's id and outcome (1: answered first) to this file")
    args = ap.parse_args()
    scratch = tempfile.TemporaryDirectory()
    index = str(pathlib.Path(scratch.name) / "idx")
    done = subprocess.run([args.bin, "index", str(args.dir / "pages"), "--index", index],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"indexing failed: {done.stderr.strip()}")
    questions = []
    for path in sorted((args.dir / "questions").glob("*.jsonl")):
        questions += [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    tally = collections.defaultdict(lambda: [0, 0, 0, 0])  # answered@1, @k, page@1, n
    misses = []
    outcomes = []
    for q in questions:
        out = subprocess.run([args.bin, "search", q["query"], "--index", index, "-k",
                              str(args.k), "--json"], capture_output=True, text=True)
        hits = json.loads(out.stdout)["hits"] if out.returncode == 0 else []
        page = pathlib.Path(q["page"]).stem
        right = [h["article_id"] == page and holds(h, q["answer"]) for h in hits]
        first = bool(right[:1] and right[0])
        row = (first, any(right), bool(hits) and hits[0]["article_id"] == page)
        for key in ("all", q["lang"], q["kind"]):
            t = tally[key]
            for i, v in enumerate(row):
                t[i] += v
            t[3] += 1
        if not first:
            misses.append((q, hits, row))
        outcomes.append(f"{q['id']}\t{int(first)}\t{int(row[1])}\t{int(row[2])}")
    if args.results:
        args.results.write_text("\n".join(outcomes) + "\n")
    if args.json:
        print(json.dumps({k: dict(zip(("answered_at_1", f"answered_at_{args.k}", "page_at_1",
                                       "questions"), v)) for k, v in tally.items()}))
    else:
        print(f"{'':14} {'answered@1':>12} {'answered@' + str(args.k):>12} {'page@1':>12}")
        for key, (a1, ak, p1, n) in sorted(tally.items(), key=lambda kv: (kv[0] != "all", kv[0])):
            print(f"{key:14} {a1:>5}/{n:<3} {a1 / n:.2f} {ak:>5}/{n:<3} {ak / n:.2f} "
                  f"{p1:>5}/{n:<3} {p1 / n:.2f}")
    if args.misses:
        for q, hits, (_, at_k, page_first) in misses:
            why = "other page" if not page_first else "other passage"
            print(f"\n{q['id']} [{q['lang']} {q['kind']}] {q['query']!r} → {why}"
                  f"{' (answered lower)' if at_k else ''}\n  answer: {q['answer']!r}",
                  file=sys.stderr)
            for h in hits[:2]:
                path = " › ".join(h["heading_path"])
                print(f"  {h['article_id']} [{path[:60]}] {h['text'][:160]!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
