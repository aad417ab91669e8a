"""The exception hierarchy and argument checking."""

import pytest

import kbsearch

ERRORS = ["LockedError", "NoIndexError", "ModelError", "NoVectorsError", "IndexVersionError", "CorruptIndexError", "FormatError",
          "InvalidArticleError", "UnknownLanguageError", "EmptyQueryError", "InvalidRequestError", "KbIOError"]


def test_hierarchy():
    assert issubclass(kbsearch.KbError, Exception)
    for name in ERRORS:
        cls = getattr(kbsearch, name)
        assert issubclass(cls, kbsearch.KbError), name
        assert cls.__module__ == "kbsearch" and name in kbsearch.__all__
    for name in ("InvalidArticleError", "UnknownLanguageError", "EmptyQueryError", "InvalidRequestError"):
        assert issubclass(getattr(kbsearch, name), ValueError), name
    assert issubclass(kbsearch.KbIOError, OSError)
    assert not issubclass(kbsearch.LockedError, ValueError)


def test_empty_query(indexed):
    with pytest.raises(kbsearch.EmptyQueryError, match="no searchable words") as info:
        indexed.search("?!")
    assert isinstance(info.value, ValueError) and isinstance(info.value, kbsearch.KbError)
    with pytest.raises(kbsearch.EmptyQueryError):
        indexed.search("   ")


def test_unknown_language(indexed, kb):
    with pytest.raises(kbsearch.UnknownLanguageError, match="unknown language \"not a tag\""):
        indexed.search("manager", lang="not a tag")
    # Any language tag indexes; one that is not a tag is detected instead, never refused.
    assert kb.upsert(id="a", body="The manager plans the budget of the team.", lang="not a tag") == "added"
    assert kb.upsert(id="b", body="Der Manager plant das Budget des Teams.", lang="de-AT") == "added"
    kb.commit()
    assert kb.get("a")["lang"] == "en"
    assert kb.get("b")["lang"] == "de-AT"


def test_invalid_article(kb):
    with pytest.raises(kbsearch.InvalidArticleError, match="body") as info:
        kb.upsert(id="a", body="   ")
    assert isinstance(info.value, ValueError)
    with pytest.raises(kbsearch.InvalidArticleError, match="id"):
        kb.upsert({"id": "", "body": "The manager plans."})
    kb.commit()
    assert len(kb) == 0


@pytest.mark.parametrize("k", [0, -1, 1001])
def test_k_out_of_range(indexed, k):
    # The same message as the CLI, `kbsearch serve` and MCP (the core's SearchParams).
    with pytest.raises(kbsearch.InvalidRequestError, match=rf"^invalid request: limit must be 1\.\.=1000, got {k}$"):
        indexed.search("客户服务", k=k)


@pytest.mark.parametrize("n", [0, -2])
def test_passages_per_article_out_of_range(indexed, n):
    with pytest.raises(kbsearch.InvalidRequestError, match=rf"^invalid request: passages per article must be at least 1, got {n}$"):
        indexed.search("客户服务", passages_per_article=n)


def test_locked_by_a_second_writer(tmp_path):
    first = kbsearch.KnowledgeBase(tmp_path / "ix")
    first.upsert(id="a", body="The manager oversees daily operations.")  # holds the writer, uncommitted
    second = kbsearch.KnowledgeBase(tmp_path / "ix")
    with pytest.raises(kbsearch.LockedError, match="locked by another writer"):
        second.upsert(id="b", body="Another article about budgets.")
    assert len(second.search("manager daily operations")) == 0  # reading is fine, nothing committed
    first.commit()
    first.release_writer()
    assert second.upsert(id="b", body="Another article about budgets.") == "added"
    second.commit()
    assert len(second) == 2


def test_no_index_and_io_errors(tmp_path):
    with pytest.raises(kbsearch.NoIndexError, match="no index at"):
        kbsearch.KnowledgeBase.open_existing(tmp_path / "nothing")
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a folder")
    with pytest.raises(kbsearch.KbIOError) as info:
        kbsearch.KnowledgeBase(a_file)
    assert isinstance(info.value, OSError)
    assert str(a_file) in str(info.value)


@pytest.mark.parametrize(
    "call",
    [
        lambda kb: kb.upsert({"id": 5, "body": "The manager plans."}),
        lambda kb: kb.upsert({"id": "a", "body": b"bytes"}),
        lambda kb: kb.upsert({"id": "a", "body": "x", "tags": "finance"}),
        lambda kb: kb.upsert({"id": "a", "body": "x", "tags": [1, 2]}),
        lambda kb: kb.upsert({"id": "a"}),  # no body
        lambda kb: kb.upsert({"id": "a", "body": "x", "colour": "red"}),
        lambda kb: kb.upsert({"id": "a", "body": "x"}, title="both"),
        lambda kb: kb.upsert(["a", "x"]),
        lambda kb: kb.upsert(id=5, body="The manager plans."),
        lambda kb: kb.upsert(body="no id"),
        lambda kb: kb.search(123),
        lambda kb: kb.search("manager", k="3"),
        lambda kb: kb.search("manager", lang=5),
        lambda kb: kb.delete(None),
        lambda kb: kb.get(1),
        lambda kb: kb.index_paths(123),
        lambda kb: kbsearch.KnowledgeBase(42),
    ],
)
def test_wrong_types_raise_type_error(kb, call):
    with pytest.raises(TypeError):
        call(kb)
    kb.commit()
    assert len(kb) == 0


def test_an_old_index_is_refused_then_reindexed(tmp_path):
    path = tmp_path / "kb"
    kb = kbsearch.KnowledgeBase(path)
    kb.upsert(id="uk", title="Бюджет", body="Менеджер керує бюджетом команди та звітує щомісяця.")
    kb.upsert(id="vi", title="Dịch vụ", body="Nhân viên hỗ trợ khách hàng qua điện thoại.")
    kb.commit()
    kb.release_writer()
    (path / "kbsearch.json").write_text('{"format": 0, "created_by": "kbsearch 0.0.1"}')
    with pytest.raises(kbsearch.IndexVersionError, match="reindex"):
        kbsearch.KnowledgeBase.open_existing(path)
    report = kbsearch.KnowledgeBase.reindex(path)
    assert report.added == 2
    kb = kbsearch.KnowledgeBase.open_existing(path)
    assert kb.search("бюджет")[0].article_id == "uk"
    assert kb.search("ho tro khach hang")[0].article_id == "vi"
