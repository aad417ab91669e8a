"""Reader process of concurrency.py: the Python module `kbsearch` searching an index that
another process writes. Run with the .venv's python:

    py_reader.py INDEX SECONDS PERIOD_MS

Every PERIOD_MS: refresh() (load new commits), search the generation markers, print one JSON
line {"t": monotonic seconds when the answer came, "gen": highest marker generation seen, "n": markers found} or
{"t": ..., "error": "ExceptionType: message"}. Never takes the writer lock.
"""

import json
import sys
import time

import kbsearch


def main():
    index, seconds, period = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]) / 1000
    kb = kbsearch.KnowledgeBase.open_existing(index)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            kb.refresh()
            hits = kb.search("kbgenmarker", k=1000)
            gens = [int(h.article_id.split("-")[1]) for h in hits]
            if any(not h.article_id.startswith("marker-") for h in hits):
                raise RuntimeError(f"unexpected hit {[h.article_id for h in hits][:5]}")
            line = {"t": time.monotonic(), "gen": max(gens, default=-1), "n": len(gens)}
        except Exception as e:  # every failure is reported, the loop goes on
            line = {"t": time.monotonic(), "error": f"{type(e).__name__}: {e}"}
        print(json.dumps(line), flush=True)
        time.sleep(max(0.0, period - (time.monotonic() - started)))


if __name__ == "__main__":
    main()
