#!/usr/bin/env python3
"""Crash-safety harness: SIGKILL `kbsearch index` at random moments and check the index.

Setup: a deterministic multilingual corpus (JSONL, unique ids) is generated; a base subset is
indexed and committed (the "last successful commit"); the full set (new articles plus updated
base articles) is the kill run's input. A calibration run (uncut) records the phases' times
and the expected final state.

Each trial copies the base index, starts `kbsearch index full.jsonl` and kills it with SIGKILL
(every fourth trial kills a second run on the crashed index too before checking): half the
kills at a uniformly random time of the run, the others aimed at the commit (a random delay
after the first segment flush is seen, or just after meta.json's swap). The phase at the kill
is judged from outside (input read so far, new segment files, meta.json). Then it checks:

1. `stats --json` and `search` work on the crashed index;
2. the index is exactly one commit: every article equals the base snapshot (killed before the
   commit) or the full snapshot (killed after it) — content compared via `get` (bulk through
   `serve`, plus a few CLI `get --json`), and no other article is present;
3. what was left behind (lock files, writer.json, uncommitted segment files) is reported;
4. re-running the same `index` command succeeds (no lock error) and yields exactly the full
   article set and content; orphan files are counted after the re-run.

Usage: crash.py [--binary PATH] [--trials 100] [--articles 1500] [--seed 1] [--keep]
Prints a summary (trials, kill phases, failures, timings) and exits 1 on any failure.
"""

import argparse
import collections
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import HarnessFailure, log  # noqa: E402

# Files that belong to an index besides tantivy's segment files.
KNOWN_FILES = {
    "meta.json",
    ".managed.json",
    ".tantivy-writer.lock",
    ".tantivy-meta.lock",
    "kbsearch.json",
    "writer.json",
}

PHASES = [
    "startup+reading input",
    "analyzing (no segment yet)",
    "adding documents (uncommitted)",
    "commit: flushing segments",
    "after commit (meta.json swapped)",
    "exited before the kill",
]
EXITED = PHASES[-1]
COMMITTED = PHASES[-2]
FLUSHING = PHASES[3]

# Segment files tantivy writes only when a segment is flushed (the doc store streams earlier).
FLUSHED_SUFFIXES = (".idx", ".term", ".pos", ".fieldnorm", ".fast")


def live_files(index):
    """(segment ids, delete-file names) the committed meta.json references."""
    with open(os.path.join(index, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    segments, deletes = set(), set()
    for s in meta["segments"]:
        seg = s["segment_id"].replace("-", "")
        segments.add(seg)
        if s.get("deletes"):
            deletes.add(f"{seg}.{s['deletes']['opstamp']}.del")
    return segments, deletes


def orphan_files(index):
    """Files no commit references (left by a killed writer, or garbage not yet collected)."""
    segments, deletes = live_files(index)
    orphans = []
    for name in os.listdir(index):
        if name in KNOWN_FILES or name.startswith("writer.json."):
            continue
        if name.endswith(".del") and name not in deletes:
            orphans.append(name)
        elif name.split(".")[0] not in segments:
            orphans.append(name)
    return sorted(orphans)


def dir_bytes(index):
    return sum(
        os.path.getsize(os.path.join(index, n))
        for n in os.listdir(index)
        if os.path.isfile(os.path.join(index, n))
    )


def read_meta(index):
    try:
        with open(os.path.join(index, "meta.json"), "rb") as f:
            return f.read()
    except OSError:
        return b""


def rchar(pid):
    try:
        with open(f"/proc/{pid}/io") as f:
            for line in f:
                if line.startswith("rchar:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def observe(proc, index, base_files, base_meta, input_bytes):
    """The phase `proc` is in right now, judged from outside: the input read so far
    (/proc/PID/io), new segment files and their sizes, meta.json."""
    if proc.poll() is not None:
        return EXITED
    if read_meta(index) != base_meta:
        return COMMITTED
    new = [
        n
        for n in os.listdir(index)
        if n not in base_files and n not in KNOWN_FILES and not n.startswith("writer.json.")
    ]
    for n in new:
        if n.endswith(FLUSHED_SUFFIXES):
            try:
                if os.path.getsize(os.path.join(index, n)) > 0:
                    return FLUSHING
            except OSError:
                pass
    if new:
        return PHASES[2]
    read = rchar(proc.pid)
    if read is not None and read < input_bytes:
        return PHASES[0]
    return PHASES[1]


def start_index(binary, index, corpus):
    return subprocess.Popen(
        [binary, "--index", index, "index", corpus, "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def calibrate(binary, base_index, workdir, corpus):
    """An uncut run on a copy of the base index: times of the phases' starts."""
    index = os.path.join(workdir, "calibrate")
    shutil.copytree(base_index, index)
    base_files = set(os.listdir(index))
    base_meta = read_meta(index)
    size = os.path.getsize(corpus)
    times = {}
    t0 = time.monotonic()
    proc = start_index(binary, index, corpus)
    while True:
        phase = observe(proc, index, base_files, base_meta, size)
        times.setdefault(phase, time.monotonic() - t0)
        if phase == EXITED:
            break
        time.sleep(0.005)
    _, err = proc.communicate()
    if proc.returncode != 0:
        raise HarnessFailure(f"calibration index run failed: {err.decode()[:500]}")
    return index, times


def has_ref_passage(article_id, canonical_json):
    word = common.ref_word(int(article_id[1:]))
    return any(word in p["text"] for p in json.loads(canonical_json)["passages"])


class Checker:
    def __init__(self, binary, ids, base_snapshot, full_snapshot, rng):
        self.binary = binary
        self.ids = ids
        self.base = base_snapshot
        self.full = full_snapshot
        self.rng = rng
        self.searchable = {
            name: [i for i in sorted(snap) if has_ref_passage(i, snap[i])]
            for name, snap in (("base", base_snapshot), ("full", full_snapshot))
        }

    def state(self, index):
        """'base' or 'full' when the index is exactly that commit; raises otherwise."""
        stats = json.loads(common.run_ok(self.binary, index, "stats", "--json").stdout)
        got = common.bulk_get(self.binary, index, self.ids)
        matches = []
        for name, snap in (("base", self.base), ("full", self.full)):
            bad = [
                i
                for i in self.ids
                if (got[i] is None) != (i not in snap)
                or (got[i] is not None and common.canonical(got[i]) != snap[i])
            ]
            if not bad:
                matches.append(name)
            elif name == "base":
                base_bad = bad
            else:
                full_bad = bad
        if not matches:
            raise HarnessFailure(
                f"index is neither the last commit nor the new one: {len(base_bad)} articles "
                f"differ from the base commit (e.g. {base_bad[:3]}), {len(full_bad)} from the "
                f"full one (e.g. {full_bad[:3]}); stats say {stats['articles']} articles"
            )
        state = matches[0]
        expected = len(self.base if state == "base" else self.full)
        if stats["articles"] != expected:
            raise HarnessFailure(
                f"stats say {stats['articles']} articles, the {state} commit has {expected}"
            )
        snap = self.base if state == "base" else self.full
        # CLI search finds a committed article by its reference word (when cleaning kept the
        # sentence holding it); CLI get agrees.
        searchable = self.searchable[state]
        for article_id in self.rng.sample(searchable, min(3, len(searchable))):
            n = int(article_id[1:])
            out = common.run_ok(
                self.binary, index, "search", common.ref_word(n), "-k", "3", "--json"
            )
            hits = json.loads(out.stdout)["hits"]
            if not hits or hits[0]["article_id"] != article_id:
                raise HarnessFailure(
                    f"search {common.ref_word(n)} did not find {article_id} first: "
                    f"{[h['article_id'] for h in hits]}"
                )
            out = common.run_ok(self.binary, index, "get", article_id, "--json")
            if common.canonical(json.loads(out.stdout)) != snap[article_id]:
                raise HarnessFailure(f"CLI get {article_id} differs from the {state} commit")
        return state


def snapshot(binary, index, ids):
    got = common.bulk_get(binary, index, ids)
    return {i: common.canonical(v) for i, v in got.items() if v is not None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="kbsearch binary [target/release/kbsearch]")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--articles", type=int, default=1500, help="articles in the full set")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    clock = common.Timer()
    workdir = tempfile.mkdtemp(prefix="kbsearch-crash-")
    failures = []
    try:
        failures = run_trials(args, workdir, clock)
    except HarnessFailure as e:
        failures.append(f"setup: {e}")
        print(f"FAILED during setup: {e}")
    finally:
        if args.keep or failures:
            log(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"total time: {clock():.0f} s")
    return 1 if failures else 0


def run_trials(args, workdir, clock):
    binary = common.prepare_binary(args.binary, workdir)
    rng = random.Random(args.seed)
    n = args.articles
    base_n = n // 3
    revised = lambda i: f"Revision two of article {i}: kbrev{i:05d}." if i % 2 == 0 else None
    base_articles = common.generate_corpus(n)[:base_n]
    full_articles = common.generate_corpus(n, revision=lambda i: revised(i) if i < base_n else None)
    base_corpus = os.path.join(workdir, "base.jsonl")
    full_corpus = os.path.join(workdir, "full.jsonl")
    common.write_jsonl(base_corpus, base_articles)
    common.write_jsonl(full_corpus, full_articles)
    ids = [a["id"] for a in full_articles]
    log(
        f"corpus: base {base_n} articles ({os.path.getsize(base_corpus) / 1e6:.1f} MB), "
        f"full {n} ({os.path.getsize(full_corpus) / 1e6:.1f} MB; {base_n // 2} base articles updated)"
    )

    base_index = os.path.join(workdir, "base-index")
    t = time.monotonic()
    common.run_ok(binary, base_index, "index", base_corpus)
    log(f"base commit: {time.monotonic() - t:.1f} s")
    base_snapshot = snapshot(binary, base_index, ids)
    if len(base_snapshot) != base_n:
        raise HarnessFailure(f"base index has {len(base_snapshot)} articles, expected {base_n}")

    cal_index, phase_times = calibrate(binary, base_index, workdir, full_corpus)
    full_snapshot = snapshot(binary, cal_index, ids)
    if len(full_snapshot) != n:
        raise HarnessFailure(f"full index has {len(full_snapshot)} articles, expected {n}")
    shutil.rmtree(cal_index)
    run_seconds = phase_times[EXITED]
    commit_start = phase_times.get(FLUSHING, phase_times.get(COMMITTED, run_seconds))
    # From the first flushed segment to meta.json's swap (the commit point).
    commit_seconds = max(0.02, phase_times.get(COMMITTED, run_seconds) - commit_start)
    log(
        "calibration (uncut run of the full set on the base commit): "
        + ", ".join(f"{p} at {s:.2f} s" for p, s in phase_times.items())
    )

    checker = Checker(binary, ids, base_snapshot, full_snapshot, rng)
    input_bytes = os.path.getsize(full_corpus)
    phases = collections.Counter()
    modes = collections.Counter()
    states = collections.Counter()
    leftovers = collections.Counter()
    orphans_after_kill = []
    orphans_after_rerun = []
    rerun_seconds = []
    failures = []
    for trial in range(1, args.trials + 1):
        index = os.path.join(workdir, f"trial-{trial}")
        shutil.copytree(base_index, index)
        base_files = set(os.listdir(index))
        base_meta = read_meta(index)
        kills = 2 if trial % 4 == 0 else 1
        try:
            trial_phases = []
            for _ in range(kills):
                # Half the kills at a uniformly random time of the run; the others aimed at
                # the commit: a random delay after segments start being flushed, or just
                # after meta.json was swapped (the commit point).
                draw = rng.random()
                if draw < 0.5:
                    mode, at = "random", rng.uniform(0.0, run_seconds)
                elif draw < 0.85:
                    mode, at = "flush", rng.uniform(0.0, commit_seconds)
                else:
                    mode, at = "swap", rng.uniform(0.0, 0.01)
                modes[mode] += 1
                # What the index holds before this run (a first kill may have left files).
                base_files = set(os.listdir(index))
                base_meta = read_meta(index)
                proc = start_index(binary, index, full_corpus)
                started = time.monotonic()
                if mode != "random":
                    trigger = FLUSHING if mode == "flush" else COMMITTED
                    while proc.poll() is None:
                        phase = observe(proc, index, base_files, base_meta, input_bytes)
                        if PHASES.index(phase) >= PHASES.index(trigger):
                            break
                        time.sleep(0.001)
                deadline = time.monotonic() + at
                while time.monotonic() < deadline and proc.poll() is None:
                    time.sleep(min(0.005, max(0.0, deadline - time.monotonic())))
                at = time.monotonic() - started
                phase = observe(proc, index, base_files, base_meta, input_bytes)
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                proc.communicate()
                if proc.returncode == 0:
                    phase = EXITED  # it finished between the look and the kill
                elif proc.returncode != -signal.SIGKILL:
                    raise HarnessFailure(f"index run failed on its own: {proc.returncode}")
                phases[phase] += 1
                trial_phases.append(f"{phase} @{at:.2f}s")
            names = set(os.listdir(index))
            for leftover in (".tantivy-writer.lock", ".tantivy-meta.lock", "writer.json"):
                if leftover in names:
                    leftovers[leftover] += 1
            orphans = orphan_files(index)
            orphans_after_kill.append(len(orphans))
            state = checker.state(index)
            states[state] += 1
            t = time.monotonic()
            out = common.run_ok(binary, index, "index", full_corpus, "--json")
            rerun_seconds.append(time.monotonic() - t)
            report = json.loads(out.stdout)
            if checker.state(index) != "full":
                raise HarnessFailure("the re-run did not yield the full article set")
            left = orphan_files(index)
            orphans_after_rerun.append(len(left))
            if left:
                log(f"trial {trial}: files no commit references after the re-run: {left}")
            log(
                f"trial {trial}/{args.trials}: {'; '.join(trial_phases)} -> {state}; "
                f"{len(orphans)} orphan files; re-run {rerun_seconds[-1]:.1f} s "
                f"(+{report['added']} ~{report['updated']} ={report['unchanged']}) ok"
            )
            shutil.rmtree(index)
        except HarnessFailure as e:
            failures.append(f"trial {trial}: {e}")
            log(f"trial {trial}/{args.trials}: FAILED: {e} (index kept at {index})")

    print("== crash harness (SIGKILL during `kbsearch index`)")
    print(f"corpus: {n} articles (base commit {base_n}), {input_bytes / 1e6:.1f} MB JSONL")
    print(
        f"uncut run: {run_seconds:.2f} s; commit window starts at {commit_start:.2f} s "
        f"({', '.join(f'{p} {s:.2f}s' for p, s in phase_times.items())})"
    )
    print(
        f"trials: {args.trials} (every 4th with two kills before the checks), kills: "
        f"{sum(phases.values())} (aimed: {modes['random']} at a random time, {modes['flush']} "
        f"after the commit's flush began, {modes['swap']} just after meta.json's swap)"
    )
    print("kill phases:")
    for p in PHASES:
        print(f"  {p:36} {phases[p]}")
    print(f"state after the kill(s): {dict(states)} (base = last commit intact, full = killed after commit)")
    print(f"left behind after kills (trials): {dict(leftovers)}")
    if orphans_after_kill:
        print(
            f"orphan (uncommitted) files after kills: max {max(orphans_after_kill)}, "
            f"trials with some {sum(1 for o in orphans_after_kill if o)}; "
            f"after the re-run: max {max(orphans_after_rerun, default=0)}"
        )
    if rerun_seconds:
        print(
            f"re-runs: {len(rerun_seconds)} ok, {min(rerun_seconds):.1f}-{max(rerun_seconds):.1f} s "
            "(no lock error)"
        )
    print(f"failures: {len(failures)}")
    for f in failures:
        print(f"  {f}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
