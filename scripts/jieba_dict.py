#!/usr/bin/env python3
"""Write (or check) core/data/jieba-dict.txt: jieba's default dictionary (MIT, as shipped in the
jieba-rs crate) as `word freq` lines sorted by UTF-8 bytes, with a header line `#total T words N`.

kbsearch binary-searches this file (embedded in the binary) to build, per query, a tiny jieba
holding only the dictionary words found in the query, so a one-shot CLI query does not pay for
loading the whole dictionary; the whole jieba is loaded from it too (jieba-rs is built without
its own copy of the dictionary, so the binary carries it once). The source is the dictionary of the jieba-rs version locked in
Cargo.lock (found with `cargo metadata`), or a dict.txt given on the command line.

    python3 scripts/jieba_dict.py            # rewrite the file (after upgrading jieba-rs)
    python3 scripts/jieba_dict.py --check    # fail if the file is not what the locked jieba-rs gives
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "core" / "data" / "jieba-dict.txt"


def locked_jieba_dict():
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--locked", "--format-version", "1"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    )
    (package,) = [p for p in meta["packages"] if p["name"] == "jieba-rs"]
    return pathlib.Path(package["manifest_path"]).parent / "src" / "data" / "dict.txt", package["version"]


def render(src):
    entries = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            entries[parts[0]] = int(parts[1]) if len(parts) > 1 else 0
    total = sum(entries.values())
    lines = [f"#total {total} words {len(entries)}\n"]
    lines += [f"{word} {entries[word]}\n" for word in sorted(entries, key=lambda w: w.encode("utf-8"))]
    return "".join(lines), len(entries), total


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    if args:
        src, version = pathlib.Path(args[0]), "given"
    else:
        src, version = locked_jieba_dict()
    text, words, total = render(src)
    if check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} differs from the dictionary of jieba-rs {version} ({src}): "
                     "run `python3 scripts/jieba_dict.py` and commit the result")
        print(f"{OUT.relative_to(ROOT)}: matches jieba-rs {version} ({words} words)")
        return
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"{OUT}: {words} words, total frequency {total} (jieba-rs {version})")


if __name__ == "__main__":
    main()
