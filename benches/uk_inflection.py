#!/usr/bin/env python3
"""Build the Ukrainian inflection retrieval sets from real Ukrainian prose.

usage: python benches/uk_inflection.py DATA_DIR OUT_DIR [--passages 1500] [--queries 300] [--seed 7]

DATA_DIR holds Ukrainian .txt files (searched recursively), e.g. the `data/good` folder of
the BrUK corpus (github.com/brown-uk/corpus, CC BY-NC-SA 4.0: a local test set only, never
commit its text). Needs pymorphy3 with its Ukrainian dictionary, in a local venv:
    python3 -m venv /tmp/pm3 && /tmp/pm3/bin/pip install pymorphy3 pymorphy3-dicts-uk
    /tmp/pm3/bin/python benches/uk_inflection.py /path/to/corpus/data/good /tmp/uk-eval
pymorphy3's dictionary (VESUM-based) generates the forms, so the test does not lean on the
dictionary kbsearch ships (the Hunspell uk_UA data).

Passages are paragraphs of 300-2000 characters. Each query takes 2-4 content words (nouns,
adjectives, verbs, participles of 4+ letters whose lemma is in at most 2% of the passages)
from one paragraph, in text order. Two sets are written, sharing corpus.jsonl:
  OUT_DIR/uk-inflect-exact/  the words as they occur in the paragraph
  OUT_DIR/uk-inflect/        each word replaced by another form of its lemma that does not
                             occur in the paragraph: half the time the dictionary lemma (as
                             people type), else a random other form of the lexeme
Layout as /work/shared/eval/*: corpus.jsonl, queries.jsonl, qrels.tsv.
"""
import argparse
import collections
import json
import os
import random
import re

import pymorphy3

WORD = re.compile(r"[а-яіїєґ'’ʼ]+(?:-[а-яіїєґ'’ʼ]+)*")
CONTENT = {"NOUN", "ADJF", "VERB", "INFN", "PRTF"}


def tokens(text):
    return [w.replace("’", "'").replace("ʼ", "'") for w in WORD.findall(text.lower())]


def paragraphs(data_dir):
    for root, _, files in sorted(os.walk(data_dir)):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            for para in re.split(r"\n\s*\n|\n", text):
                para = " ".join(para.split())
                if 300 <= len(para) <= 2000 and len(tokens(para)) >= 40:
                    yield para


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--passages", type=int, default=1500)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    morph = pymorphy3.MorphAnalyzer(lang="uk")

    paras = list(dict.fromkeys(paragraphs(args.data_dir)))
    rng.shuffle(paras)
    paras = paras[: args.passages]
    parse_cache = {}

    def parse(w):
        if w not in parse_cache:
            parse_cache[w] = morph.parse(w)[0]
        return parse_cache[w]

    para_tokens = [tokens(p) for p in paras]
    lemma_df = collections.Counter()
    for toks in para_tokens:
        lemma_df.update({parse(w).normal_form for w in set(toks)})
    max_df = max(2, int(0.02 * len(paras)))

    corpus = [{"id": f"uk-{i:05d}", "title": "", "text": p, "lang": "uk"} for i, p in enumerate(paras)]
    exact, inflected, qrels = [], [], []
    order = list(range(len(paras)))
    rng.shuffle(order)
    for i in order:
        if len(exact) >= args.queries:
            break
        toks = para_tokens[i]
        present = set(toks)
        candidates = []
        seen_lemmas = set()
        for pos, w in enumerate(toks):
            p = parse(w)
            if len(w) < 4 or p.tag.POS not in CONTENT or p.normal_form in seen_lemmas:
                continue
            if lemma_df[p.normal_form] > max_df or p.score < 0.3:
                continue
            forms = {f.word for f in p.lexeme} - present - {w}
            lemma_ok = p.normal_form not in present
            if not forms and not lemma_ok:
                continue
            seen_lemmas.add(p.normal_form)
            candidates.append((pos, w, p, sorted(forms), lemma_ok))
        k = rng.choice([2, 3, 4])
        if len(candidates) < k:
            continue
        chosen = sorted(rng.sample(candidates, k), key=lambda c: c[0])
        exact_words, inflected_words = [], []
        for _, w, p, forms, lemma_ok in chosen:
            exact_words.append(w)
            if lemma_ok and (not forms or rng.random() < 0.5):
                inflected_words.append(p.normal_form)
            else:
                inflected_words.append(rng.choice(forms))
        qid = f"ukq-{len(exact):04d}"
        exact.append({"id": qid, "text": " ".join(exact_words), "lang": "uk"})
        inflected.append({"id": qid, "text": " ".join(inflected_words), "lang": "uk"})
        qrels.append((qid, corpus[i]["id"]))

    for name, queries in (("uk-inflect-exact", exact), ("uk-inflect", inflected)):
        d = os.path.join(args.out_dir, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "corpus.jsonl"), "w", encoding="utf-8") as f:
            for doc in corpus:
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        with open(os.path.join(d, "queries.jsonl"), "w", encoding="utf-8") as f:
            for q in queries:
                f.write(json.dumps(q, ensure_ascii=False) + "\n")
        with open(os.path.join(d, "qrels.tsv"), "w", encoding="utf-8") as f:
            for qid, did in qrels:
                f.write(f"{qid}\t{did}\t1\n")
    print(f"{len(corpus)} passages, {len(exact)} queries -> {args.out_dir}/uk-inflect{{,-exact}}")


if __name__ == "__main__":
    main()
