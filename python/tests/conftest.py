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


@pytest.fixture(scope="session")
def cli_binary() -> Path:
    """The `kbsearch` binary the test script built (debug first: `cargo test` builds it)."""
    root = Path(__file__).parents[2] / "target"
    for profile in ("debug", "release"):
        binary = root / profile / "kbsearch"
        if binary.is_file():
            return binary
    pytest.fail("build the CLI first (scripts/test.sh runs cargo test before pytest)")
