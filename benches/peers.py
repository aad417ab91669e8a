#!/usr/bin/env python3
"""kbsearch side by side with peer engines on the same data, in one run: ratios of index time
and query p50 (ratios, because the machine is shared and noisy).

usage: benches/peers.py DATA_DIR [--systems LIST] [--repeat 3] [--k 100] [--json OUT]
       DATA_DIR holds corpus.jsonl ({id, title, text, lang}, one passage a line) and
       queries.jsonl ({id, text, lang}): a public set (../shared/eval/xquad-en) or a generated
       one (`gen-corpus --beir DIR`).

Systems (default: all):
  kbsearch        target/release/index-bench + query-latency (on disk, every core)
  kbsearch-1core  the same under `taskset -c 0`
  bm25s           bm25s, default tokenizer (lowercase \\w\\w+ words, English stop words)
  bm25s+jieba     bm25s; zh-* texts cut with jieba.cut_for_search
  fts5            SQLite FTS5, unicode61 remove_diacritics 2, OR of the query's words, bm25()
  tantivy         tantivy-py, default tokenizer, parse_query_lenient, 1 writer thread
  tantivy-ngram   tantivy-py; zh-* texts in a CJK 1-2-gram field
Each system runs in its own process, the systems interleaved, --repeat rounds; every system
is timed the same way: index = build + persist to a temp folder (kbsearch: reading the JSONL
too); queries one at a time after a warm-up over the first 50, top k, no snippets. Per round,
kbsearch's time is divided by each peer's; the table shows medians of those ratios
(< 1 = kbsearch faster). Peers run in benches/.venv-peers (created here on first use:
`python3 -m venv benches/.venv-peers && benches/.venv-peers/bin/pip install bm25s jieba tantivy`).
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv-peers")
PEERS = ["bm25s", "bm25s+jieba", "fts5", "tantivy", "tantivy-ngram"]
WARMUP = 50


# ---------------------------------------------------------------- worker side (one peer)

def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def peer_bm25s(jieba_zh):
    import bm25s
    if jieba_zh:
        import jieba, logging
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()

    def tokenize(items, field):
        toks = bm25s.tokenize([x[field] for x in items], return_ids=False, show_progress=False)
        if jieba_zh:
            for i, x in enumerate(items):
                if x.get("lang", "").startswith("zh"):
                    toks[i] = [w.lower() for w in jieba.cut_for_search(x[field]) if re.match(r"\w", w)]
        return toks

    def build(docs, index_dir):
        r = bm25s.BM25()
        r.index(tokenize(docs, "body"), show_progress=False)
        r.save(index_dir)
        return r, [d["id"] for d in docs]

    def search(state, q, k):
        r, ids = state
        res = r.retrieve(tokenize([q], "text"), k=k, show_progress=False, n_threads=0)
        return [ids[i] for i, s in zip(res.documents[0], res.scores[0]) if s > 0]

    return build, search


def peer_fts5():
    import sqlite3

    def build(docs, index_dir):
        db = sqlite3.connect(os.path.join(index_dir, "fts.db"))
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')")
        with db:
            db.executemany("INSERT INTO docs(id, body) VALUES (?, ?)", ((d["id"], d["body"]) for d in docs))
        with db:
            db.execute("INSERT INTO docs(docs) VALUES('optimize')")
        return db

    def search(db, q, k):
        words = dict.fromkeys(w.lower() for w in re.findall(r"\w+", q["text"]))
        if not words:
            return []
        expr = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (expr, k))
        return [r[0] for r in rows]

    return build, search


def peer_tantivy(ngram):
    import tantivy
    cjk = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 2, False)).filter(tantivy.Filter.lowercase()).build()
    zh = lambda x: ngram and x.get("lang", "").startswith("zh")

    def build(docs, index_dir):
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("body")
        sb.add_text_field("body_cjk", tokenizer_name="cjk_ngram", index_option="freq")
        index = tantivy.Index(sb.build(), path=index_dir)
        index.register_tokenizer("cjk_ngram", cjk)
        writer = index.writer(heap_size=200_000_000, num_threads=1)
        for d in docs:
            writer.add_document(tantivy.Document(id=d["id"], **{"body_cjk" if zh(d) else "body": d["body"]}))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        return index, index.searcher()

    def search(state, q, k):
        index, searcher = state
        if zh(q):
            terms = dict.fromkeys(t for t in cjk.analyze(q["text"]) if re.fullmatch(r"\w+", t))
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, tantivy.Query.term_query(index.schema, "body_cjk", t)) for t in terms])
        else:
            query, _ = index.parse_query_lenient(q["text"], ["body"])
        return [searcher.doc(addr)["id"][0] for _, addr in searcher.search(query, limit=k).hits]

    return build, search


def worker(peer, data_dir, k):
    build, search = {
        "bm25s": lambda: peer_bm25s(False), "bm25s+jieba": lambda: peer_bm25s(True),
        "fts5": peer_fts5, "tantivy": lambda: peer_tantivy(False), "tantivy-ngram": lambda: peer_tantivy(True),
    }[peer]()
    docs = read_jsonl(os.path.join(data_dir, "corpus.jsonl"))
    queries = read_jsonl(os.path.join(data_dir, "queries.jsonl"))
    for d in docs:
        d["body"] = f"{d.get('title') or ''}\n{d.get('text') or ''}".strip()
    index_dir = tempfile.mkdtemp(prefix="kbpeer_")
    try:
        t0 = time.perf_counter()
        state = build(docs, index_dir)
        index_s = time.perf_counter() - t0
        index_bytes = dir_bytes(index_dir)
        k = min(k, len(docs))
        for q in queries[:WARMUP]:
            search(state, q, k)
        lat = []
        for q in queries:
            t = time.perf_counter()
            search(state, q, k)
            lat.append((time.perf_counter() - t) * 1000)
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    return {"index_s": index_s, "index_bytes": index_bytes, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95)}


# ---------------------------------------------------------------- driver side

def ensure_venv():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "-q", "bm25s", "jieba", "tantivy", "numpy"], check=True)
    return py


def run_kbsearch(data_dir, k, one_core):
    bin_dir = os.path.join(ROOT, "target", "release")
    prefix = ["taskset", "-c", "0"] if one_core else []
    index_dir = tempfile.mkdtemp(prefix="kbsearch_peer_")
    try:
        ix = json.loads(subprocess.run(prefix + [os.path.join(bin_dir, "index-bench"), os.path.join(data_dir, "corpus.jsonl"), index_dir],
                                       check=True, capture_output=True, text=True).stdout)
        q = json.loads(subprocess.run(prefix + [os.path.join(bin_dir, "query-latency"), index_dir, os.path.join(data_dir, "queries.jsonl"),
                                                "--k", str(k), "--no-snippets", "--warmup", str(WARMUP), "--min", "1"],
                                      check=True, capture_output=True, text=True).stdout)
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    return {"index_s": ix["seconds"], "index_bytes": ix["index_bytes"], "p50_ms": q["all"]["p50_ms"], "p95_ms": q["all"]["p95_ms"]}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _, _, peer, data_dir, k = sys.argv
        print(json.dumps(worker(peer, data_dir, int(k))))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("--systems", default=",".join(["kbsearch", "kbsearch-1core"] + PEERS))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--k", type=int, default=100)
    ap.add_argument("--json", help="write every measurement here")
    args = ap.parse_args()
    systems = args.systems.split(",")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kbsearch-benches"], cwd=ROOT, check=True)
    py = ensure_venv()
    data = os.path.abspath(args.data_dir)
    mb = os.path.getsize(os.path.join(data, "corpus.jsonl")) / 1e6
    n_docs = sum(1 for _ in open(os.path.join(data, "corpus.jsonl"), encoding="utf-8"))
    n_q = sum(1 for _ in open(os.path.join(data, "queries.jsonl"), encoding="utf-8"))
    rounds = []
    load = [os.getloadavg()[0]]
    for r in range(args.repeat):
        got = {}
        for s in systems:
            if s.startswith("kbsearch"):
                got[s] = run_kbsearch(data, args.k, s == "kbsearch-1core")
            else:
                out = subprocess.run([py, os.path.abspath(__file__), "--worker", s, data, str(args.k)],
                                     capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"})
                if out.returncode != 0:
                    print(f"{s} failed: {out.stderr[-2000:]}", file=sys.stderr)
                    continue
                got[s] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"round {r + 1} {s}: {got[s]}", file=sys.stderr)
        rounds.append(got)
        load.append(os.getloadavg()[0])
    med = lambda xs: statistics.median(xs) if xs else float("nan")
    print(f"Side by side on `{os.path.basename(data)}` ({n_docs} passages, {mb:.1f} MB JSONL, {n_q} queries, top {args.k}); "
          f"median of {args.repeat} interleaved rounds; load (1-min) {min(load):.1f}–{max(load):.1f}\n")
    print("| system | index s | query p50 ms | index MB | kbsearch index time ÷ peer | kbsearch p50 ÷ peer | kbsearch-1core index ÷ peer |")
    print("|---|---|---|---|---|---|---|")
    for s in systems:
        runs = [g[s] for g in rounds if s in g]
        if not runs:
            print(f"| {s} | failed | | | | | |")
            continue
        def ratio(kb, field):
            xs = [g[kb][field] / g[s][field] for g in rounds if kb in g and s in g and g[s][field] > 0]
            return f"{med(xs):.2f}" if xs else "-"
        print(f"| {s} | {med([x['index_s'] for x in runs]):.2f} | {med([x['p50_ms'] for x in runs]):.2f} | "
              f"{med([x['index_bytes'] for x in runs]) / 1e6:.1f} | {ratio('kbsearch', 'index_s')} | {ratio('kbsearch', 'p50_ms')} | "
              f"{ratio('kbsearch-1core', 'index_s')} |")
    if args.json:
        json.dump({"data": data, "rounds": rounds, "load": load}, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()
