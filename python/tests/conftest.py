from pathlib import Path

import pytest

import kbsearch

CORPUS = Path(__file__).parents[2] / "corpus" / "articles"


@pytest.fixture(scope="session")
def corpus() -> Path:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 5, f"expected the 5 corpus articles in {CORPUS}, found {files}"
    return CORPUS


@pytest.fixture(scope="module")
def indexed(corpus):
    """An in-memory knowledge base holding the corpus (read-only in the tests using it)."""
    kb = kbsearch.KnowledgeBase.in_memory()
    report = kb.index_paths([str(corpus)])
    assert report.added == 5
    return kb


@pytest.fixture
def kb():
    return kbsearch.KnowledgeBase.in_memory()
