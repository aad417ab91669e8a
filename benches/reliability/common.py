"""Shared helpers of the reliability harnesses (crash.py, concurrency.py): Python 3 stdlib only.

- finding (or building) the kbsearch binary and copying it aside, so a concurrent
  `cargo build` cannot swap it in the middle of a run;
- a deterministic multilingual corpus generated from corpus/articles (JSONL, unique ids,
  one unique searchable reference word per article);
- running CLI commands with timeouts, and bulk `get` through one `kbsearch serve`.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_BINARY = os.path.join(ROOT, "target", "release", "kbsearch")
ARTICLES = os.path.join(ROOT, "corpus", "articles")

# Any single CLI call taking longer than this is reported as a hang.
CALL_TIMEOUT = 180.0


class HarnessFailure(Exception):
    """A check failed (the message says which and why)."""


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def prepare_binary(path, workdir):
    """The kbsearch binary to use, copied into `workdir`. Builds the release binary when the
    default path is missing."""
    if path is None:
        path = DEFAULT_BINARY
        if not os.path.exists(path):
            log("building the release binary: cargo build --release -p kbsearch-cli")
            subprocess.run(
                ["cargo", "build", "--release", "-p", "kbsearch-cli"], cwd=ROOT, check=True
            )
    if not os.path.exists(path):
        raise SystemExit(f"no kbsearch binary at {path}")
    copy = os.path.join(workdir, "kbsearch")
    shutil.copy2(path, copy)
    return copy


def ref_word(n):
    """The unique searchable word of generated article `n` (a word with digits is kept whole)."""
    return f"kbref{n:05d}"


def generate_corpus(count, seed=7, revision=None, only=None):
    """`count` articles built from windows of the sample articles (zh-Hant, zh-Hans, uk, vi+en),
    deterministic for a seed. Each article has id `g{n:05d}` and ends with a sentence holding
    its reference word. `revision(n)` may return a string appended to article n's body (an
    update); `only` restricts to a range of n."""
    sources = []
    for name in sorted(os.listdir(ARTICLES)):
        with open(os.path.join(ARTICLES, name), encoding="utf-8") as f:
            lines = [line.rstrip("\n") for line in f]
        sources.append(lines)
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        lines = sources[n % len(sources)]
        # A window of about 1.5-3.5 KB of consecutive lines, at a random place.
        target = rng.randint(1500, 3500)
        start = rng.randrange(0, max(1, len(lines) - 10))
        window, size = [], 0
        for line in lines[start:]:
            window.append(line)
            size += len(line.encode("utf-8"))
            if size >= target:
                break
        body = "\n".join(window).strip() or "Customer service operations."
        body += f"\n\nReference code {ref_word(n)} for article number {n}."
        if revision is not None:
            extra = revision(n)
            if extra:
                body += "\n\n" + extra
        if only is not None and n not in only:
            continue
        articles.append({"id": f"g{n:05d}", "body": body})
    return articles


def write_jsonl(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


def run(binary, index, *args, timeout=CALL_TIMEOUT, input=None, env=None):
    """Run `kbsearch --index INDEX ARGS...`; returns CompletedProcess (text). A timeout is a
    HarnessFailure (a hang)."""
    cmd = [binary, "--index", index, *args]
    try:
        return subprocess.run(
            cmd,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise HarnessFailure(f"hang: `{' '.join(cmd[2:])}` took over {timeout:.0f} s")


def run_ok(binary, index, *args, **kw):
    proc = run(binary, index, *args, **kw)
    if proc.returncode != 0:
        raise HarnessFailure(
            f"`kbsearch {' '.join(args)}` exited {proc.returncode}: {proc.stderr.strip()[:500]}"
        )
    return proc


def bulk_get(binary, index, ids, timeout=CALL_TIMEOUT):
    """{id: stored article dict or None} for every id, through one `kbsearch serve`."""
    requests = "".join(json.dumps({"op": "get", "id": i}) + "\n" for i in ids)
    proc = run(binary, index, "serve", input=requests, timeout=timeout)
    if proc.returncode != 0:
        raise HarnessFailure(f"serve exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    lines = proc.stdout.splitlines()
    if len(lines) != len(ids):
        raise HarnessFailure(f"serve answered {len(lines)} lines to {len(ids)} get requests")
    out = {}
    for i, line in zip(ids, lines):
        value = json.loads(line)
        if isinstance(value, dict) and value.get("kind") == "not_found":
            value = None
        elif isinstance(value, dict) and "article" in value:
            value.pop("id", None)  # the request's id, echoed; `kbsearch get` prints the rest
        elif isinstance(value, dict) and "error" in value and "kind" in value:
            raise HarnessFailure(f"serve get {i}: {value}")
        out[i] = value
    return out


def canonical(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class Timer:
    def __init__(self):
        self.start = time.monotonic()

    def __call__(self):
        return time.monotonic() - self.start
