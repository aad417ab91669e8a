#!/usr/bin/env python3
"""Misspelled queries from a BEIR-like retrieval set, to measure typo tolerance (issue 15).

Every query that has a word of at least 5 letters (Latin or Cyrillic) gets one random edit
in one such word — an insertion, deletion, substitution or transposition of two
neighbouring letters, with letters taken from the query itself — under a fixed seed.
Two sets are written beside each other, over the same queries (those with such a word):

    OUT/NAME-typo   the misspelled queries
    OUT/NAME-clean  the same queries as typed in the set

each with the set's corpus.jsonl (linked) and its qrels.tsv, so that
`kbsearch eval OUT/NAME-typo` and `kbsearch eval OUT/NAME-clean` compare directly.

Usage: benches/typo_queries.py SET_DIR [SET_DIR …] --out OUT [--seed 7]
Then:  for d in OUT/*; do target/release/kbsearch eval "$d"; done
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import unicodedata

MIN_LETTERS = 5
WORD = re.compile(r"[^\W\d_]+")


def is_latin_or_cyrillic(word):
    return all(unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC")) for c in word)


def edit(word, letters, rng):
    """One random edit of the word (never a no-op)."""
    while True:
        i = rng.randrange(len(word))
        kind = rng.choice(["insert", "delete", "substitute", "transpose"])
        if kind == "insert":
            new = word[:i] + rng.choice(letters) + word[i:]
        elif kind == "delete":
            new = word[:i] + word[i + 1 :]
        elif kind == "substitute":
            new = word[:i] + rng.choice(letters) + word[i + 1 :]
        else:
            i = min(i, len(word) - 2)
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new.lower() != word.lower():
            return new


def misspell(text, rng):
    """The text with one edit in one word of >= MIN_LETTERS letters, or None."""
    words = [m for m in WORD.finditer(text) if len(m.group()) >= MIN_LETTERS and is_latin_or_cyrillic(m.group())]
    if not words:
        return None
    m = rng.choice(words)
    letters = sorted({c.lower() for w in words for c in w.group()})
    return text[: m.start()] + edit(m.group(), letters, rng) + text[m.end() :]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for set_dir in args.sets:
        name = os.path.basename(os.path.normpath(set_dir))
        rng = random.Random(f"{args.seed}:{name}")
        clean, typo = [], []
        with open(os.path.join(set_dir, "queries.jsonl"), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                q = json.loads(line)
                edited = misspell(q["text"], rng)
                if edited is None:
                    continue
                clean.append(q)
                typo.append(dict(q, text=edited))
        if not typo:
            print(f"{name}: no query has a word of {MIN_LETTERS}+ Latin or Cyrillic letters", file=sys.stderr)
            continue
        for suffix, queries in (("clean", clean), ("typo", typo)):
            out = os.path.join(args.out, f"{name}-{suffix}")
            os.makedirs(out, exist_ok=True)
            corpus = os.path.join(out, "corpus.jsonl")
            if not os.path.exists(corpus):
                os.symlink(os.path.abspath(os.path.join(set_dir, "corpus.jsonl")), corpus)
            shutil.copyfile(os.path.join(set_dir, "qrels.tsv"), os.path.join(out, "qrels.tsv"))
            with open(os.path.join(out, "queries.jsonl"), "w", encoding="utf-8") as f:
                for q in queries:
                    f.write(json.dumps(q, ensure_ascii=False) + "\n")
        print(f"{name}: {len(typo)} queries misspelled -> {args.out}/{name}-typo, {name}-clean")


if __name__ == "__main__":
    main()
