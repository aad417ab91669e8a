#!/usr/bin/env python3
"""Huge and hostile inputs for `kbsearch index`: each case is generated (deterministically)
into a scratch folder, indexed by the release binary into a fresh index, and checked: the run
finishes, what must be skipped is skipped with a reason naming the file, everything else is
indexed, and the peak memory (RSS of the process, from wait4) stays bounded.

    python3 benches/huge_inputs.py            # full sizes (100 MB file, 1M-line JSONL, 100k files)
    python3 benches/huge_inputs.py --quick    # 1/100 of the sizes (CI)

Prints a table: case, input size, seconds, peak RSS, added, skipped, verdict. Exit 1 on any
failed check.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024

# Sentences from the sample corpus's languages; lines are built from them.
SENTENCES = [
    "客戶服務運營經理負責監督客戶服務代表的招聘、培訓和專業發展。",
    "客服经理需要具备沟通能力和解决问题的能力。",
    "Менеджер керує бюджетом команди та звітує щомісяця.",
    "Регулярний зворотній зв'язок допомагає виявляти області для покращення.",
    "Nhân viên hỗ trợ khách hàng qua điện thoại và email.",
    "Quản lý ngân sách của phòng dịch vụ khách hàng.",
    "A customer service operations manager oversees the support team.",
    "Escalated complaints are handled within one business day.",
]


def binary():
    path = ROOT / "target" / "release" / "kbsearch"
    if not path.exists():
        subprocess.run(
            ["cargo", "build", "--release", "-p", "kbsearch-cli"], cwd=ROOT, check=True
        )
    return path


def text_of_size(size, line_break_every=None):
    """About `size` bytes of sentences (one line unless `line_break_every` sentences)."""
    parts, total, n = [], 0, 0
    while total < size:
        s = SENTENCES[n % len(SENTENCES)] + f" ({n})"
        n += 1
        parts.append(s)
        total += len(s.encode()) + 1
        if line_break_every and n % line_break_every == 0:
            parts.append("\n\n")
    return " ".join(parts)


def case_big_text(work, scale):
    size = int(100 * MIB * scale)
    path = work / "big.txt"
    with open(path, "w") as f:
        chunk = text_of_size(MIB, line_break_every=4)
        written = 0
        while written < size:
            f.write(chunk)
            written += len(chunk.encode())
    limit_mb = max(1, int(64 * scale))
    return {
        "input": [path],
        "args": ["--max-file-mb", str(limit_mb)],
        "bytes": path.stat().st_size,
        "expect_added": 0,
        "expect_skipped": [("big.txt", "larger than the limit")],
    }


def case_jsonl_lines(work, scale):
    lines = int(1_000_000 * scale)
    path = work / "million.jsonl"
    bad = 0
    with open(path, "w") as f:
        for i in range(lines):
            if i % 100_000 == 99_999 or (scale < 1 and i % 1000 == 999):
                f.write('{"id": "broken", "body": \n')
                bad += 1
                continue
            s = SENTENCES[i % len(SENTENCES)]
            t = SENTENCES[(i * 7 + 3) % len(SENTENCES)]
            f.write(json.dumps({"id": f"r{i}", "title": f"Article {i}", "body": f"{s}\n\n{t} {i}"}, ensure_ascii=False))
            f.write("\n")
    return {
        "input": [path],
        "args": [],
        "bytes": path.stat().st_size,
        "expect_added": lines - bad,
        "expect_skipped": [("million.jsonl", "malformed JSON")] * bad,
    }


def case_nested_html(work, scale):
    depth = max(1000, int(100_000 * scale))
    path = work / "nested.html"
    body = "<div>" * depth + "<p>" + SENTENCES[6] + "</p>" + "</div>" * depth
    path.write_text(f"<html><head><title>Nested</title></head><body>{body}</body></html>")
    return {
        "input": [path],
        "args": [],
        "bytes": path.stat().st_size,
        "expect_added": 1,
        "expect_skipped": [],
    }


def case_long_line(work, scale):
    size = int(10 * MIB * scale)
    path = work / "one-line.txt"
    path.write_text(text_of_size(size))
    return {
        "input": [path],
        "args": [],
        "bytes": path.stat().st_size,
        "expect_added": 1,
        "expect_skipped": [],
    }


def case_many_files(work, scale):
    count = max(100, int(100_000 * scale))
    folder = work / "many"
    total = 0
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        p = sub / f"a{i}.md"
        s = SENTENCES[i % len(SENTENCES)]
        p.write_text(f"# Article {i}\n\n{s} {i}\n")
        total += p.stat().st_size
    return {
        "input": [folder],
        "args": [],
        "bytes": total,
        "expect_added": count,
        "expect_skipped": [],
    }


def case_hostile_tree(work, scale):
    folder = work / "hostile"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\n" + SENTENCES[2] + "\n")
    os.symlink(folder, folder / "loop")  # a symlink loop
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")  # would block a reader forever
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("caf\xe9 cr\xe8me".encode("latin-1"))
    (folder / "empty.md").write_text("")
    locked = folder / "locked.txt"
    locked.write_text(SENTENCES[0])
    os.chmod(locked, 0)
    root = os.geteuid() == 0  # root reads mode-000 files anyway
    expect = [
        ("dangling.txt", "cannot read"),
        ("pipe.txt", "not a regular file"),
        ("binary.txt", "binary"),
        ("empty.md", "empty"),
    ]
    if not root:
        expect.append(("locked.txt", "ermission denied"))
    return {
        "input": [folder],
        "args": [],
        "bytes": sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and not p.is_symlink() and p.name != "pipe.txt"),
        "expect_added": 3 if root else 2,  # good.md, latin1.txt (read as windows-1252), locked.txt
        "expect_skipped": expect,
    }


CASES = [
    ("100 MB text file", case_big_text),
    ("1M-line JSONL", case_jsonl_lines),
    ("100k-deep HTML", case_nested_html),
    ("10 MB single line", case_long_line),
    ("100k small files", case_many_files),
    ("symlink loop, FIFO, binary, Latin-1, empty, unreadable", case_hostile_tree),
]


def run_measured(cmd):
    """Run `cmd`, returning (stdout, stderr, exit code, seconds, peak RSS in MiB)."""
    out_f = tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(out_f.fileno(), 1)
        os.dup2(err_f.fileno(), 2)
        try:
            os.execv(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    out_f.seek(0)
    err_f.seek(0)
    return out_f.read(), err_f.read(), os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024


def check(case, code, out, err):
    problems = []
    if code != 0:
        return [f"exit {code}: {err.decode(errors='replace')[:300]}"]
    report = json.loads(out)
    added = report["added"]
    if added != case["expect_added"]:
        problems.append(f"added {added}, expected {case['expect_added']}")
    skipped = report["skipped"]
    remaining = list(skipped)
    for name, reason in case["expect_skipped"]:
        match = next((s for s in remaining if name in s["path"] and reason in s["reason"]), None)
        if match is None:
            problems.append(f"no skip of {name} with {reason!r}")
        else:
            remaining.remove(match)
    listed_cap = 100  # bad records past this are summed up in one entry per file
    unexpected = [s for s in remaining if "more bad records" not in s["reason"]]
    if unexpected and len(case["expect_skipped"]) <= listed_cap:
        problems.append(f"unexpected skips: {unexpected[:3]}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1/100 of the sizes (CI)")
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args()
    scale = 0.01 if args.quick else 1.0
    kbsearch = binary()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kbsearch-huge-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = False
    print(f"{'case':58} {'input':>10} {'seconds':>8} {'peak RSS':>9} {'added':>8} {'skipped':>7}  verdict")
    try:
        for n, (name, make) in enumerate(CASES):
            case_dir = work / f"case{n}"
            case_dir.mkdir()
            case = make(case_dir, scale)
            index = case_dir / "index"
            cmd = [str(kbsearch), "--index", str(index), "index", "--json", *case["args"], *map(str, case["input"])]
            out, err, code, seconds, rss = run_measured(cmd)
            problems = check(case, code, out, err)
            report = json.loads(out) if code == 0 else {"added": "-", "skipped": []}
            verdict = "ok" if not problems else "FAIL: " + "; ".join(problems)
            failed |= bool(problems)
            size = f"{case['bytes'] / MIB:.1f} MiB"
            print(f"{name:58} {size:>10} {seconds:8.1f} {rss:7.0f} MiB {report['added']:>8} {len(report['skipped']):>7}  {verdict}", flush=True)
            if not args.keep:
                shutil.rmtree(case_dir, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
