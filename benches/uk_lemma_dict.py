#!/usr/bin/env python3
"""Build kbsearch's Ukrainian lemma dictionary (core/data/uk_lemmas.fst + uk_lemma_rules.txt).

Source: the Ukrainian Hunspell dictionary of the dict_uk project (brown-uk, Andriy Rysin et
al.) as Debian ships it in the package `hunspell-uk` (LibreOffice's uk_UA, dict_uk 5.8.0),
licensed "GPL-2+ or LGPL-2.1+ or MPL-1.1" (debian/copyright, Files: dictionaries/uk_UA/*);
kbsearch takes it under MPL-1.1 (see core/data/UK_LEMMAS_LICENSE.md). The .dic stems are
dictionary lemmas; every stem is expanded with its suffix rules (.aff, SFX only, no
continuation classes in this dictionary) into its word forms.

usage: benches/uk_lemma_dict.py [DIR_WITH_uk_UA.dic_AND_.aff]
  Without DIR the script runs `apt-get download hunspell-uk` into a temporary directory
  (Debian's package registry) and unpacks it with dpkg-deb. Writes a sorted TSV
  "form<TAB>rule_id" to target/uk_lemmas.tsv and core/data/uk_lemma_rules.txt, then runs
  `cargo run -p kbsearch-benches --bin build-uk-lemmas` to write core/data/uk_lemmas.fst,
  then writes core/data/uk_lemma_other_initials.txt (the forms whose lemma begins with
  another letter) from it with `KBSEARCH_UPDATE_DATA=1 cargo test -p kbsearch other_initials`.

Normalization matches kbsearch's analysis: lowercase, ґ→г, apostrophes ’ ʼ ` → ', stress
mark U+0301 removed. A form whose only lemma is itself is left out (the analyzer then
stems the word as it would stem that lemma). A rule line lists, for one form, each lemma
as "CUT SUFFIX" (drop CUT characters from the end of the form, append SUFFIX), lemmas
separated by ";", the form itself first when it is a lemma, then by longest shared prefix.
"""
import collections
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_LEMMAS = 4


def normalize(word: str) -> str:
    w = word.lower().replace("ґ", "г").replace("\u0301", "")
    for a in ("\u2019", "\u02bc", "`", "\u2018"):
        w = w.replace(a, "'")
    return w


def source_dir(argv):
    if len(argv) > 1:
        return argv[1]
    tmp = tempfile.mkdtemp(prefix="hunspell-uk.")
    subprocess.run(["apt-get", "download", "hunspell-uk"], cwd=tmp, check=True)
    deb = glob.glob(os.path.join(tmp, "hunspell-uk_*.deb"))[0]
    subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "x")], check=True)
    return os.path.join(tmp, "x", "usr", "share", "hunspell")


def read_aff(path):
    rules = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 5 or parts[0] != "SFX":
                continue
            flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add.split("/")[0]
            rules[flag].append((strip, add, re.compile("(?:" + cond + ")$")))
    return rules


def expand(dic_path, rules):
    """Yield (form, lemma) pairs, normalized."""
    with open(dic_path, encoding="utf-8") as f:
        next(f)  # entry count
        for line in f:
            line = line.strip()
            if not line:
                continue
            stem, _, flags = line.partition("/")
            lemma = normalize(stem)
            yield lemma, lemma
            for flag in flags:
                for strip, add, cond in rules.get(flag, ()):
                    if cond.search(stem) and stem.endswith(strip):
                        form = stem[: len(stem) - len(strip)] + add
                        yield normalize(form), lemma


def common_prefix(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def main():
    src = source_dir(sys.argv)
    rules = read_aff(os.path.join(src, "uk_UA.aff"))
    lemmas_of = collections.defaultdict(set)
    for form, lemma in expand(os.path.join(src, "uk_UA.dic"), rules):
        if form and " " not in form:
            lemmas_of[form].add(lemma)
    print(f"{len(lemmas_of)} forms", file=sys.stderr)
    encoded = {}
    counts = collections.Counter()
    for form, lemmas in lemmas_of.items():
        if lemmas == {form}:
            continue
        order = sorted(lemmas, key=lambda l: (l != form, -common_prefix(form, l), l))[:MAX_LEMMAS]
        parts = []
        for l in order:
            cp = common_prefix(form, l)
            parts.append(f"{len(form) - cp} {l[cp:]}")
        key = ";".join(parts)
        encoded[form] = key
        counts[key] += 1
    ids = {key: i for i, (key, _) in enumerate(counts.most_common())}
    os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
    tsv = os.path.join(ROOT, "target", "uk_lemmas.tsv")
    with open(tsv, "w", encoding="utf-8") as out:
        for form in sorted(encoded, key=lambda s: s.encode("utf-8")):
            out.write(f"{form}\t{ids[encoded[form]]}\n")
    with open(os.path.join(ROOT, "core", "data", "uk_lemma_rules.txt"), "w", encoding="utf-8") as out:
        for key, _ in counts.most_common():
            out.write(key + "\n")
    print(f"{len(encoded)} forms kept, {len(ids)} rule lists", file=sys.stderr)
    subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "kbsearch-benches", "--bin", "build-uk-lemmas", "--",
         tsv, os.path.join(ROOT, "core", "data", "uk_lemmas.fst")],
        cwd=ROOT, check=True)
    # The forms whose lemma begins with another letter, read back from the new FST.
    subprocess.run(
        ["cargo", "test", "-q", "--release", "-p", "kbsearch", "--lib", "other_initials"],
        cwd=ROOT, check=True, env={**os.environ, "KBSEARCH_UPDATE_DATA": "1"})


if __name__ == "__main__":
    main()
