"""One KnowledgeBase shared by threads; the GIL is released during the work."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import kbsearch

QUERIES = [
    ("客户服务运营经理", "000_"),
    ("Що таке менеджер по виконанню обов’язків", "003_"),
    ("quan ly dich vu khach hang", "004_"),
    ("客服经理 职责", "001_"),
]


def test_searches_while_another_thread_writes(tmp_path, corpus):
    kb = kbsearch.KnowledgeBase(tmp_path / "ix")
    kb.index_paths([corpus])
    new_ids = [f"zebra-{i:02d}" for i in range(20)]

    def search(n):
        query, expected = QUERIES[n % len(QUERIES)]
        hits = kb.search(query, k=5)
        assert hits and hits[0].article_id.startswith(expected), (query, [h.article_id for h in hits])
        return len(hits)

    def write():
        for i, article_id in enumerate(new_ids):
            outcome = kb.upsert(id=article_id, title=f"Zebrafish aquarium {i}",
                                body=f"Zebrafish aquarium maintenance: feeding schedule number {i}.", lang="en")
            assert outcome == "added"
            if i % 5 == 4:
                kb.commit()
        kb.commit()

    with ThreadPoolExecutor(max_workers=4) as pool:
        writer_errors = []

        def run_writer():
            try:
                write()
            except BaseException as e:  # surfaced below
                writer_errors.append(e)

        writer = threading.Thread(target=run_writer)
        writer.start()
        results = list(pool.map(search, range(200)))  # re-raises any error of a search
        writer.join(timeout=120)
    assert not writer.is_alive()
    assert writer_errors == []
    assert len(results) == 200 and all(n >= 1 for n in results)

    assert len(kb) == 25
    hits = kb.search("zebrafish aquarium", k=50)
    assert {h.article_id for h in hits} == set(new_ids)
    assert kb.search("feeding schedule number 19")[0].article_id == "zebra-19"


def test_the_gil_is_released_while_indexing(corpus, tmp_path):
    # Many files make one long index_paths call.
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    for i in range(60):
        (folder / f"{i:03d}.txt").write_text(texts[i % len(texts)] + f"\n\nCopy {i}.", encoding="utf-8")
    kb = kbsearch.KnowledgeBase.in_memory()

    counter = [0]
    stop = threading.Event()
    spinning = threading.Event()

    def spin():
        spinning.set()
        while not stop.is_set():
            counter[0] += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        assert spinning.wait(timeout=30)
        before = counter[0]
        started = time.perf_counter()
        report = kb.index_paths([folder])
        elapsed = time.perf_counter() - started
        during = counter[0] - before
    finally:
        stop.set()
        spinner.join()
    assert report.added == 60
    # Had index_paths held the GIL, the spinning thread could not have run meanwhile.
    assert during > 1000, (during, elapsed)
