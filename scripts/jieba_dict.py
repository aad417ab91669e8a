#!/usr/bin/env python3
"""Write core/data/jieba-dict.txt: jieba's default dictionary (MIT, as shipped in the jieba-rs
crate) as `word freq` lines sorted by UTF-8 bytes, with a header line `#total T words N`.

kbsearch binary-searches this file (embedded in the binary) to build, per query, a tiny jieba
holding only the dictionary words found in the query, so a one-shot CLI query does not pay for
loading the whole dictionary. Re-run after upgrading jieba-rs:

    python3 scripts/jieba_dict.py ~/.cargo/registry/src/*/jieba-rs-<version>/src/data/dict.txt
"""
import pathlib, sys

src = pathlib.Path(sys.argv[1])
entries = {}
for line in src.read_text(encoding="utf-8").splitlines():
    parts = line.split()
    if parts:
        entries[parts[0]] = int(parts[1]) if len(parts) > 1 else 0
total = sum(entries.values())
out = pathlib.Path(__file__).resolve().parents[1] / "core" / "data" / "jieba-dict.txt"
with out.open("w", encoding="utf-8", newline="\n") as f:
    f.write(f"#total {total} words {len(entries)}\n")
    for word in sorted(entries, key=lambda w: w.encode("utf-8")):
        f.write(f"{word} {entries[word]}\n")
print(f"{out}: {len(entries)} words, total frequency {total}")
