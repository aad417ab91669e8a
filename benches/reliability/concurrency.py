#!/usr/bin/env python3
"""Concurrency harness: one writer process, many reader processes, one index.

- Writer: a loop of `kbsearch index genN.jsonl` (each one commit: a new marker article
  `marker-N` holding the word kbgenmarker, plus updates of a rotating slice of the corpus),
  and every third generation a `kbsearch delete` of an old marker (its own commit).
- Readers, all at once: --cli CLI loops (`search kbgenmarker --json`, every 4th call
  `stats --json`), one `kbsearch serve` (a search or stats request every 50 ms) and one
  Python process using `import kbsearch` (refresh + search every 50 ms, py_reader.py).
  Readers must never fail; a new CLI process must see every commit whose writer has returned
  before it started; serve and Python must see each commit within --bound seconds.
- Second writer: every few seconds, while the writer holds the lock, `kbsearch index` is run
  again; it must fail fast (exit 1) with "locked by another writer: process PID ...".
- At the end: every article's stored body equals the last version written, and the set of
  markers is exactly the expected one (no corruption).

Usage: concurrency.py [--binary PATH] [--seconds 60] [--cli 2] [--bound 2.0] [--python PY]
Prints a summary and exits 1 on any failure.
"""

import argparse
import collections
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from common import HarnessFailure, log  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER_WORD = "kbgenmarker"
UPDATES_PER_GENERATION = 150


def read_meta(index):
    try:
        with open(os.path.join(index, "meta.json"), "rb") as f:
            return f.read()
    except OSError:
        return b""


def marker(g):
    return {
        "id": f"marker-{g:05d}",
        "title": f"Generation marker {g}",
        "body": f"Generation marker {MARKER_WORD} kbgen{g:05d}. Written by commit number {g}.",
    }


def gens_of(hits):
    """Highest marker generation among search hits (-1 when none); raises on foreign hits."""
    gens = []
    for h in hits:
        if not h["article_id"].startswith("marker-"):
            raise HarnessFailure(f"unexpected hit {h['article_id']} for {MARKER_WORD}")
        gens.append(int(h["article_id"].split("-")[1]))
    return max(gens, default=-1)


class Run:
    def __init__(self, args, workdir, binary):
        self.args = args
        self.workdir = workdir
        self.binary = binary
        self.index = os.path.join(workdir, "index")
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.done = {}  # generation -> monotonic time its `index` process returned
        self.swapped = {}  # generation -> when its commit swapped meta.json (seen from outside)
        self.errors = collections.defaultdict(list)  # reader kind -> messages
        self.failures = []
        self.observations = collections.defaultdict(list)  # kind -> [(t_answer, gen)]
        self.requests = collections.Counter()
        self.stale_cli = []
        self.writer_proc = None
        self.probes = collections.Counter()
        self.probe_seconds = []
        self.expected_bodies = {}
        self.markers = set()
        self.writer_collisions = 0

    def fail(self, kind, message):
        with self.lock:
            self.errors[kind].append(message)

    def latest_done(self, before):
        with self.lock:
            return max((g for g, t in self.done.items() if t < before), default=-1)

    # -- writer ---------------------------------------------------------------------------

    def setup(self, articles):
        base = articles + [marker(0), {"id": "intruder", "body": "A probe article of the second writer, never changed."}]
        path = os.path.join(self.workdir, "base.jsonl")
        common.write_jsonl(path, base)
        common.run_ok(self.binary, self.index, "index", path)
        for a in base:
            self.expected_bodies[a["id"]] = a["body"]
        self.markers.add(marker(0)["id"])
        self.done[0] = self.swapped[0] = time.monotonic()
        self.corpus = articles
        self.intruder = os.path.join(self.workdir, "intruder.jsonl")
        common.write_jsonl(self.intruder, [base[-1]])

    def writer(self):
        g = 0
        cursor = 0
        try:
            while not self.stop.is_set():
                g += 1
                batch = [marker(g)]
                for _ in range(UPDATES_PER_GENERATION):
                    a = dict(self.corpus[cursor % len(self.corpus)])
                    cursor += 1
                    a["body"] += f"\n\nRevision of generation {g}: kbgenrev{g:05d}."
                    batch.append(a)
                path = os.path.join(self.workdir, f"gen-{g}.jsonl")
                common.write_jsonl(path, batch)
                for attempt in range(20):
                    meta_before = read_meta(self.index)
                    swapped = None
                    err_path = os.path.join(self.workdir, "writer.err")
                    with open(err_path, "w+") as err_file:
                        proc = subprocess.Popen(
                            [self.binary, "--index", self.index, "index", path, "--json"],
                            stdout=subprocess.DEVNULL,
                            stderr=err_file,
                        )
                        with self.lock:
                            self.writer_proc = proc
                        limit = time.monotonic() + common.CALL_TIMEOUT
                        # Watch meta.json to time the commit itself (its atomic swap).
                        while proc.poll() is None:
                            if swapped is None and read_meta(self.index) != meta_before:
                                swapped = time.monotonic()
                            if time.monotonic() > limit:
                                proc.kill()
                                raise HarnessFailure(f"writer: index of generation {g} hangs")
                            time.sleep(0.003)
                        err_file.seek(0)
                        err = err_file.read()
                    with self.lock:
                        self.writer_proc = None
                    if proc.returncode == 0:
                        break
                    if "locked by another writer" in err:
                        # A probe got the lock in a gap between two commits.
                        self.writer_collisions += 1
                        time.sleep(0.1)
                        continue
                    raise HarnessFailure(f"writer: index of generation {g}: {err.strip()[:300]}")
                else:
                    raise HarnessFailure(f"writer: generation {g} locked out 20 times")
                now = time.monotonic()
                with self.lock:
                    self.done[g] = now
                    self.swapped[g] = swapped if swapped is not None else now
                for a in batch:
                    self.expected_bodies[a["id"]] = a["body"]
                self.markers.add(marker(g)["id"])
                os.remove(path)
                if g % 3 == 0 and g >= 3:
                    old = marker(g - 2)["id"]
                    common.run_ok(self.binary, self.index, "delete", old)
                    self.markers.discard(old)
                    del self.expected_bodies[old]
                self.requests["writer commits"] += 1 + (g % 3 == 0 and g >= 3)
        except HarnessFailure as e:
            self.failures.append(str(e))
            self.stop.set()
        self.generations = g

    def second_writer(self):
        """Every ~4 s, while the writer holds the lock, a second `kbsearch index` must fail fast."""
        while not self.stop.wait(4.0):
            deadline = time.monotonic() + 5
            pid = None
            while time.monotonic() < deadline and not self.stop.is_set():
                with self.lock:
                    proc = self.writer_proc
                try:
                    with open(os.path.join(self.index, "writer.json")) as f:
                        recorded = json.load(f)["pid"]
                except (OSError, ValueError, KeyError):
                    recorded = None
                if proc is not None and proc.poll() is None and recorded == proc.pid:
                    pid = proc.pid
                    break
                time.sleep(0.01)
            if pid is None:
                continue
            t = time.monotonic()
            try:
                res = common.run(self.binary, self.index, "index", self.intruder, timeout=10)
            except HarnessFailure as e:
                self.failures.append(f"second writer: {e}")
                continue
            elapsed = time.monotonic() - t
            if res.returncode == 0:
                self.probes["lock was free (writer finished first)"] += 1
                continue
            self.probe_seconds.append(elapsed)
            message = res.stderr.strip()
            if res.returncode == 1 and "locked by another writer" in message and f"process {pid}" in message:
                self.probes["refused with the holder named"] += 1
                self.lock_message = message
            elif res.returncode == 1 and "locked by another writer" in message:
                # The holder changed between the check and the probe (a new generation).
                self.probes["refused (holder changed meanwhile)"] += 1
            else:
                self.failures.append(
                    f"second writer: exit {res.returncode}, unclear message: {message[:300]}"
                )

    # -- readers --------------------------------------------------------------------------

    def cli_reader(self, n):
        kind = "cli"
        i = 0
        while not self.stop.is_set():
            i += 1
            started = time.monotonic()
            expected = self.latest_done(started)
            try:
                if i % 4 == 0:
                    res = common.run(self.binary, self.index, "stats", "--json", timeout=30)
                    if res.returncode != 0:
                        raise HarnessFailure(f"stats exit {res.returncode}: {res.stderr.strip()[:300]}")
                    json.loads(res.stdout)
                else:
                    res = common.run(
                        self.binary, self.index, "search", MARKER_WORD, "-k", "1000", "--json", timeout=30
                    )
                    if res.returncode != 0:
                        raise HarnessFailure(f"search exit {res.returncode}: {res.stderr.strip()[:300]}")
                    gen = gens_of(json.loads(res.stdout)["hits"])
                    answered = time.monotonic()
                    with self.lock:
                        self.observations[kind].append((answered, gen))
                    if gen < expected:
                        with self.lock:
                            self.stale_cli.append((expected, gen))
                with self.lock:
                    self.requests[kind] += 1
            except (HarnessFailure, ValueError, KeyError) as e:
                self.fail(kind, f"reader {n}: {e}")
            time.sleep(0.02)

    def serve_reader(self):
        kind = "serve"
        proc = subprocess.Popen(
            [self.binary, "--index", self.index, "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] + [lines.put(None)], daemon=True).start()
        i = 0
        try:
            while not self.stop.is_set():
                i += 1
                started = time.monotonic()
                stats = i % 10 == 0
                request = {"op": "stats"} if stats else {"query": MARKER_WORD, "k": 1000}
                proc.stdin.write(json.dumps(request) + "\n")
                proc.stdin.flush()
                try:
                    line = lines.get(timeout=30)
                except queue.Empty:
                    raise HarnessFailure("serve: no answer within 30 s (hang)")
                if line is None:
                    raise HarnessFailure(f"serve exited: {proc.stderr.read()[:300]}")
                answered = time.monotonic()
                value = json.loads(line)
                with self.lock:
                    self.requests[kind] += 1
                if "error" in value:
                    self.fail(kind, f"{value}")
                elif not stats:
                    try:
                        gen = gens_of(value["hits"])
                    except HarnessFailure as e:
                        self.fail(kind, str(e))
                    else:
                        with self.lock:
                            self.observations[kind].append((answered, gen))
                time.sleep(max(0.0, 0.05 - (time.monotonic() - started)))
        except HarnessFailure as e:
            self.fail(kind, str(e))
        finally:
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                self.fail(kind, "serve did not exit at end of input")

    def python_reader(self, python, seconds):
        kind = "python"
        env = dict(os.environ)
        proc = subprocess.Popen(
            [python, os.path.join(HERE, "py_reader.py"), self.index, str(seconds), "50"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=self.workdir,
            env=env,
        )
        for line in proc.stdout:
            value = json.loads(line)
            with self.lock:
                self.requests[kind] += 1
            if "error" in value:
                self.fail(kind, value["error"])
            else:
                with self.lock:
                    self.observations[kind].append((value["t"], value["gen"]))
        proc.wait()
        if proc.returncode != 0:
            self.fail(kind, f"python reader exited {proc.returncode}: {proc.stderr.read()[-500:]}")

    # -- checks ---------------------------------------------------------------------------

    def latencies(self, kind, end, since):
        """{generation: seconds from the commit (`since`: {g: time}) to the reader's first
        answer showing it, 0 when seen earlier}; None = never seen. Generations committed
        within --bound of the end are left out."""
        obs = sorted(self.observations[kind])
        out = {}
        for g, t in sorted(since.items()):
            if g == 0 or self.done[g] > end - self.args.bound:
                continue
            first = next((ta for ta, gen in obs if gen >= g), None)
            out[g] = None if first is None else max(0.0, first - t)
        return out

    def final_check(self):
        stats = json.loads(common.run_ok(self.binary, self.index, "stats", "--json").stdout)
        ids = sorted(self.expected_bodies)
        got = common.bulk_get(self.binary, self.index, ids)
        bad = [i for i in ids if got[i] is None or got[i]["article"]["body"] != self.expected_bodies[i]]
        if bad:
            self.failures.append(f"final index: {len(bad)} articles missing or stale, e.g. {bad[:5]}")
        if stats["articles"] != len(ids):
            self.failures.append(f"final index has {stats['articles']} articles, expected {len(ids)}")
        res = common.run_ok(self.binary, self.index, "search", MARKER_WORD, "-k", "1000", "--json")
        found = {h["article_id"] for h in json.loads(res.stdout)["hits"]}
        if found != self.markers:
            self.failures.append(
                f"final markers differ: missing {sorted(self.markers - found)[:5]}, extra {sorted(found - self.markers)[:5]}"
            )
        return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="kbsearch binary [target/release/kbsearch]")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cli", type=int, default=2, help="CLI reader loops")
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--bound", type=float, default=2.0, help="max visibility latency, s")
    parser.add_argument(
        "--python",
        default=os.path.join(common.ROOT, ".venv", "bin", "python"),
        help="python with the kbsearch module ('' to skip the Python reader)",
    )
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    clock = common.Timer()
    workdir = tempfile.mkdtemp(prefix="kbsearch-concurrency-")
    binary = common.prepare_binary(args.binary, workdir)
    run = Run(args, workdir, binary)
    if args.python:
        check = subprocess.run([args.python, "-c", "import kbsearch"], capture_output=True, text=True, cwd=workdir)
        if check.returncode != 0:
            print(f"FAILED: {args.python} cannot import kbsearch: {check.stderr.strip()[-300:]}")
            print("build it with scripts/test.sh (maturin develop into .venv), or pass --python ''")
            return 1
    articles = common.generate_corpus(args.articles, seed=11)
    run.setup(articles)
    log(f"index ready ({len(articles) + 2} articles); running {args.seconds:.0f} s")

    threads = [threading.Thread(target=run.writer), threading.Thread(target=run.second_writer)]
    threads += [threading.Thread(target=run.cli_reader, args=(n,)) for n in range(args.cli)]
    threads.append(threading.Thread(target=run.serve_reader))
    if args.python:
        threads.append(threading.Thread(target=run.python_reader, args=(args.python, args.seconds)))
    start = time.monotonic()
    for t in threads:
        t.start()
    run.stop.wait(args.seconds)
    run.stop.set()
    end = time.monotonic()
    for t in threads:
        t.join(timeout=120)
        if t.is_alive():
            run.failures.append(f"thread {t.name} did not stop (hang)")
    stats = run.final_check() if not run.failures else None

    print("== concurrency harness (1 writer, readers: CLI, serve, Python; second writers)")
    print(
        f"duration: {end - start:.1f} s; commits: {run.requests['writer commits']} "
        f"({run.generations} generations of {UPDATES_PER_GENERATION + 1} articles + deletes)"
    )
    for kind in ("cli", "serve", "python"):
        if kind == "python" and not args.python:
            continue
        lat = run.latencies(kind, end, run.swapped)
        after_return = run.latencies(kind, end, run.done)
        seen = [v for v in lat.values() if v is not None]
        missed = [g for g, v in lat.items() if v is None]
        over = [g for g, v in lat.items() if v is not None and v > args.bound]
        seen.sort()
        line = (
            f"{kind:7} requests {run.requests[kind]:5}, errors {len(run.errors[kind])}; "
            f"visibility after the commit: max {max(seen, default=0):.3f} s, "
            f"median {seen[len(seen) // 2] if seen else 0:.3f} s over {len(lat)} commits "
            f"(after the writer returned: max {max([v for v in after_return.values() if v is not None], default=0):.3f} s)"
        )
        if kind == "cli":
            line += f"; searches that missed a commit returned before they started: {len(run.stale_cli)}"
            if run.stale_cli:
                run.failures.append(f"cli: {len(run.stale_cli)} stale answers, e.g. {run.stale_cli[:3]}")
        print(line)
        if kind != "cli" and (over or missed):
            run.failures.append(
                f"{kind}: {len(over)} commits seen later than {args.bound} s, {len(missed)} never seen"
            )
        for e in run.errors[kind][:5]:
            print(f"   error: {e}")
        if run.errors[kind]:
            run.failures.append(f"{kind}: {len(run.errors[kind])} reader errors")
    print(
        f"second writers: {dict(run.probes)}; refused within "
        f"{max(run.probe_seconds, default=0):.3f} s max; writer retries after a probe took the lock: "
        f"{run.writer_collisions}"
    )
    if not run.probes.get("refused with the holder named"):
        run.failures.append("no second writer was refused with the holder named")
    if hasattr(run, "lock_message"):
        print(f"   message: {run.lock_message[:400]}")
    if stats:
        print(f"final index: {stats['articles']} articles, {stats['passages']} passages, bodies and markers as written")
    print(f"failures: {len(run.failures)}")
    for f in run.failures:
        print(f"  {f}")
    print(f"total time: {clock():.0f} s")
    if run.failures or args.keep:
        log(f"work folder kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
