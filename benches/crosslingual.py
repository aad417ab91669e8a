#!/usr/bin/env python3
"""Build a cross-language retrieval set from parallel BEIR-like sets (XQuAD uses the same
paragraph and question ids in every language): the questions and judgments of one set over
the corpus of another, optionally with the corpora of more sets mixed in as distractors
(their ids prefixed, so they are never relevant).

    python3 benches/crosslingual.py QUESTIONS_SET ANSWER_SET OUT_DIR [--distractors SET...]
    kbsearch eval OUT_DIR --semantic

e.g. English questions over the Vietnamese paragraphs, with Chinese paragraphs mixed in:

    python3 benches/crosslingual.py ../shared/eval/xquad-en ../shared/eval/xquad-vi /tmp/en-vi
    python3 benches/crosslingual.py ../shared/eval/xquad-en ../shared/eval/xquad-vi /tmp/en-vi-mixed \\
        --distractors ../shared/eval/cmrc-zh-hans
"""
import argparse
import json
import pathlib
import shutil


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", type=pathlib.Path)
    ap.add_argument("answers", type=pathlib.Path)
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--distractors", type=pathlib.Path, nargs="*", default=[])
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(args.questions / "queries.jsonl", args.out / "queries.jsonl")
    shutil.copy(args.questions / "qrels.tsv", args.out / "qrels.tsv")
    answer_ids = set()
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as out:
        for line in open(args.answers / "corpus.jsonl", encoding="utf-8"):
            if line.strip():
                answer_ids.add(json.loads(line)["id"])
                out.write(line if line.endswith("\n") else line + "\n")
        for extra in args.distractors:
            for line in open(extra / "corpus.jsonl", encoding="utf-8"):
                if line.strip():
                    doc = json.loads(line)
                    doc["id"] = f"{extra.name}/{doc['id']}"
                    out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    judged = {l.split("\t")[1] for l in open(args.out / "qrels.tsv", encoding="utf-8") if "\t" in l}
    missing = judged - answer_ids - {"corpus-id"}
    if missing:
        raise SystemExit(f"{len(missing)} judged ids are not in {args.answers}/corpus.jsonl "
                         f"(the sets are not parallel), e.g. {sorted(missing)[:3]}")
    print(f"{args.out}: {len(answer_ids)} answer passages, "
          f"{len(args.distractors)} distractor sets, questions from {args.questions.name}")


if __name__ == "__main__":
    main()
